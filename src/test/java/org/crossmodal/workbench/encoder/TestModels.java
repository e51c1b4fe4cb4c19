package org.crossmodal.workbench.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The tiny models of src/test/resources/models (made by make-tiny-models.py). */
final class TestModels {
    private TestModels() {
    }

    static Path folder(String name) {
        try {
            return Path.of(TestModels.class.getResource("/models/" + name + "/model.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a tiny model folder to {@code target} (created), so a test can damage the copy. */
    static Path copy(String name, Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> s = Files.list(folder(name))) {
                for (Path p : s.toList()) Files.copy(p, target.resolve(p.getFileName().toString()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a copied folder's model.json with a replacement. */
    static void edit(Path folder, String from, String to) {
        try {
            Path json = folder.resolve("model.json");
            String s = Files.readString(json);
            if (!s.contains(from)) throw new IllegalArgumentException("model.json does not contain " + from);
            Files.writeString(json, s.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
