package org.crossmodal.workbench.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's own files in a settings folder: recent sessions, the autosaved session, and a marker
 * that exists while the window runs (left behind after a crash, so the next start can offer to
 * recover the autosave).
 */
public final class AppFiles {
    private static final int MAX_RECENT = 10;
    private final Path dir;

    public AppFiles(Path dir) {
        this.dir = dir;
    }

    /** The user's settings folder ({@code workbench.settings} or ~/.crossmodal-workbench). */
    public static AppFiles standard() {
        String home = System.getProperty("workbench.settings");
        return new AppFiles(home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".crossmodal-workbench"));
    }

    public Path dir() { return dir; }
    public Path autosaveFile() { return dir.resolve("autosave.cmw"); }
    private Path marker() { return dir.resolve("running"); }
    private Path recentList() { return dir.resolve("recent.txt"); }

    /** The autosave left by a run that did not close normally, or null. */
    public Path recoverable() {
        return Files.exists(marker()) && Files.isRegularFile(autosaveFile()) ? autosaveFile() : null;
    }

    /** Marks the window as running (call after {@link #recoverable}). */
    public void markRunning() {
        try {
            Files.createDirectories(dir);
            Files.writeString(marker(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            // Without the marker only crash recovery is lost; the window works on.
        }
    }

    /** Marks a normal close and drops the autosave. */
    public void markClosed() {
        try {
            Files.deleteIfExists(marker());
            Files.deleteIfExists(autosaveFile());
        } catch (IOException e) {
            // Nothing to do: the next start will offer a stale recovery at worst.
        }
    }

    public List<Path> recentFiles() {
        try {
            if (!Files.isRegularFile(recentList())) return List.of();
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(recentList(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) out.add(Path.of(line.strip()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    public void addRecent(Path file) {
        List<Path> list = new ArrayList<>(recentFiles());
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX_RECENT) list.remove(list.size() - 1);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "recent", ".tmp");
            Files.write(tmp, list.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            Files.move(tmp, recentList(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The recent list is a convenience; failing to write it loses nothing else.
        }
    }
}
