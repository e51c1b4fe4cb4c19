package org.crossmodal.workbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.crossmodal.workbench.audio.AudioLoader;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Interchange;

/**
 * A set of recordings to encode, read from a folder of audio files or from a TSV/CSV manifest.
 *
 * <p>Folder: every file with an audio extension, recursively, in path order. The label is the file name without
 * its extension, a trailing take number ({@code _2}, {@code -03}) dropped and underscores read as spaces
 * ({@code good_morning_2.wav} says "good morning"); a file in a sub-folder takes the sub-folder's name as its speaker.
 *
 * <p>Manifest: a header row naming the columns {@code path} and {@code transcript} (and optionally {@code speaker}),
 * tab-separated for {@code .tsv}, comma-separated with RFC 4180 quoting for {@code .csv}; paths are relative to
 * the manifest's folder. Every bad row is reported with its line number.
 *
 * @param source   the folder or manifest
 * @param entries  usable recordings
 * @param problems one message per bad row (file, line, what is wrong); empty when all rows are good
 */
public record Dataset(Path source, List<Entry> entries, List<String> problems) {
    /** File extensions taken from a folder (those the audio loader decodes). */
    public static final List<String> AUDIO_EXTENSIONS = AudioLoader.extensions();
    private static final Pattern TAKE = Pattern.compile("[_-]\\d+$");

    /**
     * One recording.
     *
     * @param line       its line in the manifest (1-based), or 0 for a folder
     * @param file       the audio file
     * @param relative   its path relative to the folder or manifest (used as the item id)
     * @param transcript what it says
     * @param speaker    who says it, or null
     */
    public record Entry(int line, Path file, String relative, String transcript, String speaker) { }

    /** Reads a folder or a manifest; missing, empty or headerless inputs are errors, bad rows are collected. */
    public static Dataset read(Path source) {
        if (!Files.exists(source)) {
            throw new WorkbenchException("Audio input " + source + " does not exist. Give a folder of audio files or a TSV/CSV manifest with 'path' and 'transcript' columns.");
        }
        return Files.isDirectory(source) ? readFolder(source) : readManifest(source);
    }

    static Dataset readFolder(Path dir) {
        Set<String> exts = Set.copyOf(AUDIO_EXTENSIONS);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> exts.contains(extension(p)))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new WorkbenchException("Cannot list the folder " + dir + ": " + e.getMessage() + ".", e);
        }
        if (files.isEmpty()) {
            throw new WorkbenchException("The folder " + dir + " holds no audio files (" + String.join(", ", AUDIO_EXTENSIONS)
                    + "). Put recordings in it, or give a manifest.");
        }
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            String speaker = rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
            out.add(new Entry(0, f, slashes(rel), labelFromFileName(f.getFileName().toString()), speaker));
        }
        return new Dataset(dir, out, List.of());
    }

    /** "good_morning_2.wav" -> "good morning". */
    public static String labelFromFileName(String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String noTake = TAKE.matcher(stem).replaceFirst("");
        if (!noTake.isEmpty()) stem = noTake;
        return stem.replace('_', ' ').strip();
    }

    static Dataset readManifest(Path manifest) {
        List<String> lines = Interchange.readLines(manifest);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) first++;
        if (first == lines.size()) {
            throw new WorkbenchException("The manifest " + manifest + " is empty. It needs a header row with 'path' and 'transcript' columns, then one row per recording.");
        }
        String name = manifest.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv") || (!name.endsWith(".tsv") && lines.get(first).indexOf('\t') < 0);
        List<String> header = split(lines.get(first), csv).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int pathCol = header.indexOf("path"), textCol = header.indexOf("transcript"), spkCol = header.indexOf("speaker");
        if (pathCol < 0 || textCol < 0) {
            throw new WorkbenchException("The manifest " + manifest + " line " + (first + 1) + " is not a header with 'path' and 'transcript' columns (found: "
                    + String.join(", ", header) + "). Add a header row, " + (csv ? "comma" : "tab") + "-separated.");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            int ln = i + 1;
            String where = manifest + " line " + ln + ": ";
            List<String> cells = split(line, csv);
            if (cells.size() != header.size()) {
                problems.add(where + "has " + cells.size() + " columns, the header has " + header.size());
                continue;
            }
            String path = cells.get(pathCol).strip();
            String transcript = cells.get(textCol).strip();
            String speaker = spkCol >= 0 ? cells.get(spkCol).strip() : null;
            if (speaker != null && speaker.isEmpty()) speaker = null;
            if (path.isEmpty()) {
                problems.add(where + "the path is empty");
                continue;
            }
            if (transcript.isEmpty()) {
                problems.add(where + "the transcript of '" + path + "' is empty");
                continue;
            }
            Path file = base.resolve(path).normalize();
            if (!Files.isRegularFile(file)) {
                problems.add(where + "the file '" + path + "' " + (Files.isDirectory(file) ? "is a folder" : "does not exist") + " (looked at " + file + ")");
                continue;
            }
            Integer prev = seen.putIfAbsent(slashes(base.relativize(file)), ln);
            if (prev != null) {
                problems.add(where + "'" + path + "' is listed already on line " + prev);
                continue;
            }
            out.add(new Entry(ln, file, slashes(base.relativize(file)), transcript, speaker));
        }
        if (out.isEmpty() && problems.isEmpty()) {
            throw new WorkbenchException("The manifest " + manifest + " has a header but no rows. Add one row per recording.");
        }
        return new Dataset(manifest, out, List.copyOf(problems));
    }

    /** Splits a TSV line on tabs, or a CSV line on commas outside double quotes ("" inside quotes is a quote). */
    static List<String> split(String line, boolean csv) {
        if (!csv) return List.of(line.split("\t", -1));
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    /** Reads a words file: one word or phrase per line; blank lines are skipped, repeats kept once. */
    public static List<String> readWords(Path file) {
        if (!Files.exists(file)) throw new WorkbenchException("The words file " + file + " does not exist. Give a text file with one word or phrase per line.");
        if (Files.isDirectory(file)) throw new WorkbenchException("The words file " + file + " is a folder. Give a text file with one word or phrase per line.");
        Set<String> words = new LinkedHashSet<>();
        for (String l : Interchange.readLines(file)) {
            String w = l.strip();
            if (!w.isEmpty()) words.add(w);
        }
        if (words.isEmpty()) throw new WorkbenchException("The words file " + file + " is empty. Put one word or phrase per line.");
        return List.copyOf(words);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String slashes(Path rel) {
        return rel.toString().replace('\\', '/');
    }
}
