package org.crossmodal.workbench.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.audio.WavCodec;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.Versions;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Saves and opens sessions as {@code .cmw} files: a ZIP archive holding {@code session.json} (format name and
 * version, items, and for every space, alignment and projection its metadata, provenance and the SHA-256 of its
 * matrix) and one float32 {@code .npy} file per matrix, plus one WAV file per item whose audio the session keeps
 * (recordings made in the window). Saving is atomic (temporary file, fsync, rename).
 * Opening checks the format version, every entry's SHA-256 and every shape, and names the file and the problem
 * when something is wrong. The format is documented in {@code docs/formats.md}.
 */
public final class SessionStore {
    /** The value of the {@code format} field that marks a workbench session. */
    public static final String FORMAT_NAME = "crossmodal-workbench-session";
    /** The JSON entry inside the archive. */
    public static final String JSON_ENTRY = "session.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionStore() { }

    /** Saves atomically; an existing file is replaced only once the new one is complete and on disk. */
    public static void save(Session session, Path file) {
        save(session, file, Cancellation.NONE);
    }

    /** Saves atomically; on cancellation nothing is written and the old file (if any) stays as it was. */
    public static void save(Session session, Path file, Cancellation cancel) {
        checkTarget(file);
        AtomicFiles.write(file, out -> writeZip(session, out, cancel));
    }

    /**
     * Checks, before long work, that a session can be saved at {@code file}: not a folder, and its folder (or
     * the nearest existing ancestor, where the missing folders would be made) is writable.
     */
    public static void checkTarget(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new WorkbenchException(file + " is a folder; give the path of a session file to write, e.g. " + abs.resolve("session.cmw") + ".");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) dir = dir.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new WorkbenchException("Cannot save " + file + ": " + dir + " is not a folder.");
        }
        if (!Files.isWritable(dir)) {
            throw new WorkbenchException("Cannot save " + file + ": the folder " + dir + " is not writable. Choose another place.");
        }
    }

    private static void vector(ObjectNode parent, String field, String entry, int rows, int cols, float[] data,
                               Map<String, byte[]> blobs) {
        byte[] npy = Npy.toBytes(rows, cols, data);
        blobs.put(entry, npy);
        ObjectNode o = parent.putObject(field);
        o.put("rows", rows);
        o.put("cols", cols);
        o.put("data", entry);
        o.put("sha256", sha256(npy));
    }

    private static void writeZip(Session s, OutputStream out, Cancellation cancel) throws IOException {
        cancel.check();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", Session.FORMAT_VERSION);
        root.put("writer", "Crossmodal Workbench " + Versions.workbench());
        root.set("provenance", provenanceJson(s.provenance()));
        ArrayNode items = root.putArray("items");
        Map<String, byte[]> sounds = new LinkedHashMap<>();
        for (Item it : s.items()) {
            ObjectNode o = items.addObject();
            o.put("id", it.id());
            o.put("modality", it.modality().key());
            o.put("label", it.label());
            if (it.source() != null) o.put("source", it.source());
            if (it.speaker() != null) o.put("speaker", it.speaker());
            Audio a = s.audio(it.id());
            if (a != null) {
                cancel.check();
                String entry = "audio/" + sounds.size() + ".wav";
                byte[] wav = WavCodec.encode(a);
                sounds.put(entry, wav);
                ObjectNode ao = o.putObject("audio");
                ao.put("data", entry);
                ao.put("sha256", sha256(wav));
                ao.put("encoding", WavCodec.encodingFor(a.samples()));
                ao.put("sampleRate", a.sampleRate());
                ao.put("channels", a.channels());
                ao.put("frames", a.frames());
            }
        }
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        ArrayNode spaces = root.putArray("spaces");
        int i = 0;
        for (EmbeddingSet e : s.spaces().values()) {
            cancel.check();
            String entry = "spaces/" + i++ + ".npy";
            byte[] npy = Npy.toBytes(e.size(), e.dim(), e.data());
            blobs.put(entry, npy);
            ObjectNode o = spaces.addObject();
            o.put("name", e.space());
            o.put("modality", e.modality().key());
            o.put("rows", e.size());
            o.put("dimension", e.dim());
            if (e.sharedSpace() != null) o.put("sharedSpace", e.sharedSpace());
            o.put("data", entry);
            o.put("sha256", sha256(npy));
            ArrayNode ids = o.putArray("itemIds");
            e.itemIds().forEach(ids::add);
            o.set("provenance", provenanceJson(e.provenance()));
        }
        ArrayNode aligns = root.putArray("alignments");
        i = 0;
        for (LinearMap m : s.alignments().values()) {
            cancel.check();
            String entry = "alignments/" + i++ + ".npy";
            byte[] npy = Npy.toBytes(m.rows(), m.cols(), m.w());
            blobs.put(entry, npy);
            ObjectNode o = aligns.addObject();
            o.put("name", m.name());
            o.put("sourceSpace", m.sourceSpace());
            o.put("targetSpace", m.targetSpace());
            o.put("rows", m.rows());
            o.put("cols", m.cols());
            o.put("data", entry);
            o.put("sha256", sha256(npy));
            o.set("provenance", provenanceJson(m.provenance()));
            LinearMap.Preprocessing pre = m.preprocessing();
            if (pre != null) {
                String base = entry.substring(0, entry.length() - ".npy".length());
                ObjectNode po = o.putObject("preprocessing");
                po.put("targetSpace", pre.targetSpace());
                vector(po, "sourceMean", base + "-source-mean.npy", 1, m.cols(), pre.sourceMean(), blobs);
                if (pre.sourceProjection() != null) {
                    vector(po, "sourceProjection", base + "-source-projection.npy", m.rows(), m.cols(), pre.sourceProjection(), blobs);
                }
                vector(po, "targetMean", base + "-target-mean.npy", 1, pre.targetDim(), pre.targetMean(), blobs);
                if (pre.targetProjection() != null) {
                    vector(po, "targetProjection", base + "-target-projection.npy", m.rows(), pre.targetDim(),
                            pre.targetProjection(), blobs);
                }
            }
        }
        ArrayNode projs = root.putArray("projections");
        i = 0;
        for (Projection p : s.projections().values()) {
            cancel.check();
            String entry = "projections/" + i++ + ".npy";
            byte[] npy = Npy.toBytes(p.size(), 2, p.xy());
            blobs.put(entry, npy);
            ObjectNode o = projs.addObject();
            o.put("name", p.name());
            o.put("rows", p.size());
            o.put("data", entry);
            o.put("sha256", sha256(npy));
            ArrayNode ids = o.putArray("itemIds");
            p.itemIds().forEach(ids::add);
            o.set("provenance", provenanceJson(p.provenance()));
        }
        ObjectNode attrs = root.putObject("attributes");
        s.attributes().forEach(attrs::put);
        blobs.putAll(sounds);

        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(1);
        zip.putNextEntry(fixedTimeEntry(JSON_ENTRY));
        zip.write(JSON.writeValueAsBytes(root));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            cancel.check();
            byte[] data = b.getValue();
            ZipEntry ze = fixedTimeEntry(b.getKey());
            ze.setMethod(ZipEntry.STORED); // float32 and PCM barely compress; storing keeps saving fast
            ze.setSize(data.length);
            ze.setCompressedSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            ze.setCrc(crc.getValue());
            zip.putNextEntry(ze);
            zip.write(data);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
        cancel.check(); // last chance: after this the file is renamed into place
    }

    private static ZipEntry fixedTimeEntry(String name) {
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(0L);
        return ze;
    }

    /**
     * Opens a session file.
     *
     * @throws WorkbenchException naming the file when it is missing, empty, truncated, corrupt, not a session,
     *                            or written by a newer workbench
     */
    public static Session open(Path file) {
        if (!Files.exists(file)) {
            throw new WorkbenchException("Session file " + file + " does not exist. Check the path, or create one with 'workbench embed' or 'workbench import'.");
        }
        if (Files.isDirectory(file)) {
            throw new WorkbenchException(file + " is a folder, not a session file (.cmw). Give the path of a .cmw file.");
        }
        try {
            if (Files.size(file) == 0) {
                throw new WorkbenchException("Session file " + file + " is empty (0 bytes). It was not saved completely; use a backup or create it again.");
            }
        } catch (IOException e) {
            throw new WorkbenchException("Cannot read session file " + file + ": " + e.getMessage() + ".", e);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, file);
        } catch (ZipException e) {
            throw corrupt(file, "it is truncated or not a ZIP archive (" + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new WorkbenchException("Session file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw corrupt(file, "reading it failed (" + e.getMessage() + ")", e);
        }
    }

    private static Session read(ZipFile zip, Path file) throws IOException {
        ZipEntry je = zip.getEntry(JSON_ENTRY);
        if (je == null) throw corrupt(file, "it has no " + JSON_ENTRY + " entry, so it is not a workbench session", null);
        JsonNode root;
        try (InputStream in = zip.getInputStream(je)) {
            root = JSON.readTree(in.readAllBytes());
        } catch (JsonProcessingException e) {
            throw corrupt(file, JSON_ENTRY + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT_NAME.equals(root.path("format").asText())) {
            throw corrupt(file, JSON_ENTRY + " does not declare format '" + FORMAT_NAME + "'", null);
        }
        JsonNode ver = root.get("formatVersion");
        if (ver == null || !ver.canConvertToInt()) throw corrupt(file, JSON_ENTRY + " has no integer formatVersion", null);
        int version = ver.asInt();
        if (version > Session.FORMAT_VERSION) {
            throw new WorkbenchException("Session file " + file + " uses format version " + version + ", written by "
                    + root.path("writer").asText("a newer workbench") + "; this workbench (" + Versions.workbench()
                    + ") reads versions up to " + Session.FORMAT_VERSION + ". Open it with a newer workbench.");
        }
        if (version < 1) throw corrupt(file, "its formatVersion " + version + " is not valid", null);

        Session s = new Session();
        s.setProvenance(provenance(root.get("provenance"), "session", file));
        for (JsonNode o : array(root, "items", file)) {
            Item it;
            try {
                it = new Item(text(o, "id", file), modality(o, file), o.path("label").asText(""),
                        optText(o, "source"), optText(o, "speaker"));
                s.addItem(it);
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "an item is invalid: " + e.getMessage(), e);
            }
            JsonNode ao = o.get("audio");
            if (ao != null && !ao.isNull()) s.putAudio(it.id(), audio(zip, ao, it, file));
        }
        for (JsonNode o : array(root, "spaces", file)) {
            String name = text(o, "name", file);
            Npy.Matrix m = matrix(zip, o, file, "space '" + name + "'");
            int rows = o.path("rows").asInt(-1), dim = o.path("dimension").asInt(-1);
            if (m.rows() != rows || m.cols() != dim) {
                throw corrupt(file, "space '" + name + "' declares " + rows + "x" + dim + " but its matrix is "
                        + m.rows() + "x" + m.cols(), null);
            }
            List<String> ids = strings(o, "itemIds", file);
            requireDistinct(ids, "space '" + name + "'", file);
            try {
                s.putSpace(new EmbeddingSet(name, modality(o, file), ids, dim, m.data(), optText(o, "sharedSpace"),
                        provenance(o.get("provenance"), "space", file)));
            } catch (IllegalArgumentException e) {
                throw corrupt(file, e.getMessage(), e);
            }
        }
        for (JsonNode o : array(root, "alignments", file)) {
            String name = text(o, "name", file);
            Npy.Matrix m = matrix(zip, o, file, "alignment '" + name + "'");
            LinearMap.Preprocessing pre = null;
            JsonNode po = o.get("preprocessing");
            if (po != null && !po.isNull()) {
                String what = "the preprocessing of alignment '" + name + "'";
                if (!po.isObject()) throw corrupt(file, what + " is not an object", null);
                pre = new LinearMap.Preprocessing(part(zip, po, "sourceMean", file, what, true),
                        part(zip, po, "sourceProjection", file, what, false), text(po, "targetSpace", file),
                        part(zip, po, "targetMean", file, what, true), part(zip, po, "targetProjection", file, what, false));
            }
            try {
                s.putAlignment(new LinearMap(name, text(o, "sourceSpace", file), text(o, "targetSpace", file),
                        m.rows(), m.cols(), m.data(), provenance(o.get("provenance"), "alignment", file), pre));
            } catch (IllegalArgumentException e) {
                throw corrupt(file, e.getMessage(), e);
            }
        }
        for (JsonNode o : array(root, "projections", file)) {
            String name = text(o, "name", file);
            Npy.Matrix m = matrix(zip, o, file, "projection '" + name + "'");
            List<String> ids = strings(o, "itemIds", file);
            requireDistinct(ids, "projection '" + name + "'", file);
            if (m.cols() != 2 || m.rows() != ids.size()) {
                throw corrupt(file, "projection '" + name + "' has a " + m.rows() + "x" + m.cols()
                        + " matrix for " + ids.size() + " items (needs " + ids.size() + "x2)", null);
            }
            s.putProjection(new Projection(name, ids, m.data(), provenance(o.get("provenance"), "projection", file)));
        }
        JsonNode attrs = root.get("attributes");
        if (attrs != null && attrs.isObject()) {
            attrs.properties().forEach(e -> s.putAttribute(e.getKey(), e.getValue().asText()));
        }
        return s;
    }

    /** One matrix of an alignment's preprocessing, or null when it is optional and absent. */
    private static float[] part(ZipFile zip, JsonNode parent, String field, Path file, String what, boolean required)
            throws IOException {
        JsonNode o = parent.get(field);
        if (o == null || o.isNull()) {
            if (required) throw corrupt(file, what + " has no '" + field + "'", null);
            return null;
        }
        if (!o.isObject()) throw corrupt(file, what + ": '" + field + "' is not an object", null);
        return matrix(zip, o, file, what + " ('" + field + "')").data();
    }

    /**
     * The audio an item keeps in the archive (optional field {@code items[].audio}, a WAV entry). Anything wrong
     * with it refuses the file, like a damaged matrix, naming the file, the recording and the entry.
     */
    private static Audio audio(ZipFile zip, JsonNode o, Item it, Path file) throws IOException {
        String what = "the audio of recording " + (it.label().isBlank() ? "" : "\u201c" + it.label() + "\u201d ")
                + "(item '" + it.id() + "')";
        if (!o.isObject()) throw audioDamaged(file, what, null, "is not described by an object", null);
        JsonNode d = o.get("data");
        if (d == null || !d.isTextual()) throw audioDamaged(file, what, null, "names no 'data' entry", null);
        String entry = d.asText();
        ZipEntry ze = zip.getEntry(entry);
        if (ze == null) throw audioDamaged(file, what, entry, "is missing from the archive", null);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(ze)) {
            bytes = in.readAllBytes();
        } catch (ZipException e) {
            throw audioDamaged(file, what, entry, "cannot be read (" + e.getMessage() + ")", e);
        }
        String want = o.path("sha256").asText("");
        if (!want.isEmpty() && !want.equalsIgnoreCase(sha256(bytes))) {
            throw audioDamaged(file, what, entry, "does not match its SHA-256", null);
        }
        Audio a;
        try {
            a = WavCodec.decode(bytes, "session " + file.getFileName() + ": " + entry);
        } catch (IllegalArgumentException e) {
            throw audioDamaged(file, what, entry, "is not readable WAV: " + e.getMessage(), e);
        }
        int rate = o.path("sampleRate").asInt(a.sampleRate()), channels = o.path("channels").asInt(a.channels());
        long frames = o.path("frames").asLong(a.frames());
        if (rate != a.sampleRate() || channels != a.channels() || frames != a.frames()) {
            throw audioDamaged(file, what, entry, "holds " + a.frames() + " frames of " + a.channels() + " channel(s) at "
                    + a.sampleRate() + " Hz, but " + JSON_ENTRY + " declares " + frames + " frames of " + channels
                    + " channel(s) at " + rate + " Hz", null);
        }
        return a;
    }

    private static WorkbenchException audioDamaged(Path file, String what, String entry, String why, Throwable cause) {
        return new WorkbenchException("Session file " + file + " is damaged: " + what
                + (entry == null ? " " : ", entry '" + entry + "', ") + why
                + ". The session was not opened, so nothing in the file is changed. Open a backup of " + file.getFileName()
                + ", or copy the file and remove the item's \"audio\" field from its " + JSON_ENTRY
                + " to open it without this recording's audio.", cause);
    }

    private static Npy.Matrix matrix(ZipFile zip, JsonNode o, Path file, String what) throws IOException {
        String entry = text(o, "data", file);
        ZipEntry ze = zip.getEntry(entry);
        if (ze == null) throw corrupt(file, what + " refers to a missing entry '" + entry + "'", null);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(ze)) {
            bytes = in.readAllBytes();
        }
        String want = o.path("sha256").asText("");
        if (!want.isEmpty() && !want.equalsIgnoreCase(sha256(bytes))) {
            throw corrupt(file, "the data of " + what + " (" + entry + ") does not match its SHA-256", null);
        }
        try {
            return Npy.read(new java.io.ByteArrayInputStream(bytes), file + "!" + entry);
        } catch (WorkbenchException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    private static void requireDistinct(List<String> ids, String what, Path file) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) throw corrupt(file, what + " lists item '" + id + "' twice", null);
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, Path file) {
        JsonNode a = root.get(field);
        if (a == null || a.isNull()) return List.of();
        if (!a.isArray()) throw corrupt(file, "'" + field + "' is not a list", null);
        return a;
    }

    private static List<String> strings(JsonNode o, String field, Path file) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(o, field, file)) out.add(n.asText());
        return out;
    }

    private static String text(JsonNode o, String field, Path file) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) throw corrupt(file, "an entry lacks the text field '" + field + "'", null);
        return n.asText();
    }

    private static String optText(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Modality modality(JsonNode o, Path file) {
        try {
            return Modality.parse(o.path("modality").asText(null));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    static ObjectNode provenanceJson(Provenance p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", p.kind());
        o.put("created", p.created().toString());
        ObjectNode e = o.putObject("entries");
        p.entries().forEach(e::put);
        return o;
    }

    private static Provenance provenance(JsonNode o, String fallbackKind, Path file) {
        if (o == null || !o.isObject()) return new Provenance(fallbackKind, Instant.EPOCH, Map.of());
        Map<String, String> entries = new LinkedHashMap<>();
        JsonNode e = o.get("entries");
        if (e != null && e.isObject()) e.properties().forEach(en -> entries.put(en.getKey(), en.getValue().asText()));
        Instant created;
        try {
            created = o.hasNonNull("created") ? Instant.parse(o.get("created").asText()) : Instant.EPOCH;
        } catch (DateTimeParseException ex) {
            throw corrupt(file, "a provenance time '" + o.get("created").asText() + "' is not an ISO-8601 instant", ex);
        }
        return new Provenance(o.path("kind").asText(fallbackKind), created, entries);
    }

    private static WorkbenchException corrupt(Path file, String why, Throwable cause) {
        return new WorkbenchException("Session file " + file + " is damaged: " + why
                + ". Open a backup, or create the session again with 'workbench embed' or 'workbench import'.", cause);
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
