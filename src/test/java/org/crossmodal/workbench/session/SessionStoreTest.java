package org.crossmodal.workbench.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir Path dir;

    /** A session with two spaces, an alignment, a projection and awkward floats (NaN payloads, -0, subnormals). */
    static Session sample() {
        Session s = new Session();
        s.setProvenance(new Provenance("session", Instant.parse("2026-11-22T08:00:00Z"), Map.of("note", "ünïcödé\ttab")));
        List<String> sp = new ArrayList<>(), tx = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.addItem(new Item("s" + i, Modality.SPEECH, "word " + i, "/data/w" + i + ".wav", i % 2 == 0 ? "alice" : null));
            sp.add("s" + i);
        }
        for (int i = 0; i < 4; i++) {
            s.addItem(new Item("t" + i, Modality.TEXT, "word " + i, null, null));
            tx.add("t" + i);
        }
        Random r = new Random(7);
        float[] a = new float[5 * 3];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        a[0] = Float.intBitsToFloat(0x7fc01234); // NaN with payload
        a[1] = -0.0f;
        a[2] = Float.MIN_VALUE;
        a[3] = Float.POSITIVE_INFINITY;
        float[] b = new float[4 * 2];
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        s.putSpace(new EmbeddingSet("speech:m", Modality.SPEECH, sp, 3, a, null,
                new Provenance("encoder:m", Instant.parse("2026-11-22T08:01:00Z"), Map.of("model.sha256", "ab12"))));
        s.putSpace(new EmbeddingSet("text:t", Modality.TEXT, tx, 2, b, "shared-1",
                new Provenance("encoder:t", Instant.parse("2026-11-22T08:02:00Z"), Map.of())));
        s.putAlignment(new LinearMap("procrustes", "speech:m", "text:t", 2, 3, new float[] {1, 2, 3, 4, 5, 6},
                new Provenance("align:procrustes", Instant.parse("2026-11-22T08:03:00Z"), Map.of("seed", "42"))));
        // an alignment that records how it prepared its vectors (means of both sides, a source projection)
        s.putAlignment(new LinearMap("self-learning", "speech:m", "text:t", 2, 3, new float[] {6, 5, 4, 3, 2, 1},
                new Provenance("align:self-learning", Instant.parse("2026-11-22T08:03:30Z"), Map.of()),
                new LinearMap.Preprocessing(new float[] {0.1f, -0.2f, 0.3f}, new float[] {1, 0, 0, 0, 1, 0}, "text:t",
                        new float[] {0.5f, -0.5f}, null)));
        float[] xy = new float[18];
        for (int i = 0; i < xy.length; i++) xy[i] = i * 0.5f - 3;
        List<String> all = new ArrayList<>(sp);
        all.addAll(tx);
        s.putProjection(new Projection("tsne", all, xy,
                new Provenance("project:tsne", Instant.parse("2026-11-22T08:04:00Z"), Map.of("perplexity", "5"))));
        s.putAttribute("gui.colourBy", "speaker");
        return s;
    }

    static void assertSameSession(Session a, Session b) {
        assertEquals(a.items(), b.items());
        assertEquals(a.provenance(), b.provenance());
        assertEquals(a.attributes(), b.attributes());
        assertEquals(a.spaces().keySet(), b.spaces().keySet());
        for (EmbeddingSet e : a.spaces().values()) {
            EmbeddingSet f = b.space(e.space());
            assertEquals(e.modality(), f.modality());
            assertEquals(e.itemIds(), f.itemIds());
            assertEquals(e.dim(), f.dim());
            assertEquals(e.sharedSpace(), f.sharedSpace());
            assertEquals(e.provenance(), f.provenance());
            assertEquals(e.data().length, f.data().length);
            for (int i = 0; i < e.data().length; i++) {
                assertEquals(Float.floatToRawIntBits(e.data()[i]), Float.floatToRawIntBits(f.data()[i]), "bits of value " + i);
            }
        }
        assertEquals(a.alignments().keySet(), b.alignments().keySet());
        for (LinearMap m : a.alignments().values()) {
            LinearMap n = b.alignments().get(m.name());
            assertEquals(m.sourceSpace(), n.sourceSpace());
            assertEquals(m.targetSpace(), n.targetSpace());
            assertEquals(m.rows(), n.rows());
            assertArrayEquals(m.w(), n.w());
            assertEquals(m.provenance(), n.provenance());
            assertEquals(m.preprocessing() == null, n.preprocessing() == null, "preprocessing of " + m.name());
            if (m.preprocessing() != null) {
                assertArrayEquals(m.preprocessing().sourceMean(), n.preprocessing().sourceMean());
                assertArrayEquals(m.preprocessing().sourceProjection(), n.preprocessing().sourceProjection());
                assertEquals(m.preprocessing().targetSpace(), n.preprocessing().targetSpace());
                assertArrayEquals(m.preprocessing().targetMean(), n.preprocessing().targetMean());
                assertArrayEquals(m.preprocessing().targetProjection(), n.preprocessing().targetProjection());
            }
        }
        assertEquals(a.projections().keySet(), b.projections().keySet());
        for (Projection p : a.projections().values()) {
            Projection q = b.projections().get(p.name());
            assertEquals(p.itemIds(), q.itemIds());
            assertArrayEquals(p.xy(), q.xy());
            assertEquals(p.provenance(), q.provenance());
        }
    }

    @Test
    void roundTripIsExact() {
        Session s = sample();
        Path f = dir.resolve("a.cmw");
        SessionStore.save(s, f);
        Session back = SessionStore.open(f);
        assertSameSession(s, back);
        // saving what was opened gives the same bytes: the format is deterministic
        Path g = dir.resolve("b.cmw");
        SessionStore.save(back, g);
        assertArrayEquals(read(f), read(g));
        try (var stream = Files.list(dir)) {
            assertEquals(2, stream.count(), "no temporary files left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emptySessionRoundTrips() {
        Path f = dir.resolve("empty.cmw");
        SessionStore.save(new Session(), f);
        Session back = SessionStore.open(f);
        assertTrue(back.items().isEmpty());
        assertTrue(back.spaces().isEmpty());
    }

    @Test
    void truncatedFileIsRefusedWithItsName() throws IOException {
        Path f = dir.resolve("t.cmw");
        SessionStore.save(sample(), f);
        byte[] all = Files.readAllBytes(f);
        for (int cut : new int[] {all.length - 10, all.length / 2, 30}) {
            Path t = dir.resolve("cut" + cut + ".cmw");
            Files.write(t, java.util.Arrays.copyOf(all, cut));
            WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(t));
            assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void emptyAndMissingFilesAreRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("zero.cmw"));
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path missing = dir.resolve("nope.cmw");
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path text = dir.resolve("text.cmw");
        Files.writeString(text, "hello, I am not a session");
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(text));
        assertTrue(e.getMessage().contains("not a ZIP"), e.getMessage());
    }

    @Test
    void flippedByteInAMatrixIsDetected() throws IOException {
        Path f = dir.resolve("c.cmw");
        SessionStore.save(sample(), f);
        byte[] all = Files.readAllBytes(f);
        // find the first stored matrix and flip a byte of its float data (past the 128-byte .npy header)
        long offset;
        try (ZipFile z = new ZipFile(f.toFile())) {
            ZipEntry e = z.getEntry("spaces/0.npy");
            offset = findLocalData(all, "spaces/0.npy") + 128 + 8;
            assertTrue(e.getSize() > 136);
        }
        all[(int) offset] ^= 0x55;
        Path g = dir.resolve("flipped.cmw");
        Files.write(g, all);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(g));
        assertTrue(e.getMessage().contains(g.toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }

    /** Offset of an entry's data in a ZIP written by us (local header: 30 bytes + name + extra). */
    private static int findLocalData(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + 30 + n.length < zip.length; i++) {
            if (zip[i] != 'P' || zip[i + 1] != 'K' || zip[i + 2] != 3 || zip[i + 3] != 4) continue;
            int nameLen = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
            int extraLen = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
            if (nameLen != n.length) continue;
            for (int k = 0; k < n.length; k++) if (zip[i + 30 + k] != n[k]) continue outer;
            return i + 30 + nameLen + extraLen;
        }
        throw new AssertionError("entry not found: " + name);
    }

    @Test
    void newerFormatVersionIsRefusedPolitely() throws IOException {
        Path f = dir.resolve("future.cmw");
        writeZip(f, "{\"format\":\"crossmodal-workbench-session\",\"formatVersion\":" + (Session.FORMAT_VERSION + 1)
                + ",\"writer\":\"Crossmodal Workbench 9.0\",\"items\":[],\"newThing\":{}}");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(f));
        assertTrue(e.getMessage().contains("format version " + (Session.FORMAT_VERSION + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void zipWithoutSessionJsonOrWithBadJsonIsRefused() throws IOException {
        Path other = dir.resolve("other.cmw");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(other))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(other));
        assertTrue(e.getMessage().contains("session.json"), e.getMessage());
        Path badJson = dir.resolve("badjson.cmw");
        writeZip(badJson, "{\"format\": \"crossmodal-workbench-session\", \"formatVersion\": 1, \"items\": [");
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(badJson));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Path missingBlob = dir.resolve("missingblob.cmw");
        writeZip(missingBlob, "{\"format\":\"crossmodal-workbench-session\",\"formatVersion\":1,\"items\":[{\"id\":\"a\",\"modality\":\"text\",\"label\":\"a\"}],"
                + "\"spaces\":[{\"name\":\"x\",\"modality\":\"text\",\"rows\":1,\"dimension\":2,\"data\":\"spaces/0.npy\",\"itemIds\":[\"a\"]}]}");
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(missingBlob));
        assertTrue(e.getMessage().contains("missing entry 'spaces/0.npy'"), e.getMessage());
        Path twice = dir.resolve("twice.cmw");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(twice))) {
            z.putNextEntry(new ZipEntry("session.json"));
            z.write(("{\"format\":\"crossmodal-workbench-session\",\"formatVersion\":1,\"items\":[{\"id\":\"a\",\"modality\":\"text\",\"label\":\"a\"}],"
                    + "\"spaces\":[{\"name\":\"x\",\"modality\":\"text\",\"rows\":2,\"dimension\":1,\"data\":\"spaces/0.npy\",\"itemIds\":[\"a\",\"a\"]}]}")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("spaces/0.npy"));
            z.write(Npy.toBytes(2, 1, new float[] {1, 2}));
        }
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(twice));
        assertTrue(e.getMessage().contains("lists item 'a' twice"), e.getMessage());
    }

    @Test
    void cancelledSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("keep.cmw");
        Session first = sample();
        SessionStore.save(first, f);
        byte[] before = Files.readAllBytes(f);
        Cancellation c = new Cancellation();
        c.cancel();
        Session other = new Session();
        other.addItem(new Item("x", Modality.TEXT, "x", null, null));
        assertThrows(CancelledException.class, () -> SessionStore.save(other, f, c));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var stream = Files.list(dir)) {
            assertEquals(List.of(f), stream.toList());
        }
    }

    @Test
    void failedWriteLeavesNoFile() throws IOException {
        Path f = dir.resolve("never.cmw");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, (OutputStream out) -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("boom");
        }));
        assertFalse(Files.exists(f));
        try (var stream = Files.list(dir)) {
            assertEquals(0, stream.count());
        }
    }

    @Test
    void savedFilesGetOrdinaryPermissionsAndKeepExistingOnes() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("perm.cmw");
        SessionStore.save(new Session(), f);
        var perms = Files.getPosixFilePermissions(f);
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), perms, "same mode as any new file (umask), not owner-only");
        var custom = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(f, custom);
        SessionStore.save(sample(), f);
        assertEquals(custom, Files.getPosixFilePermissions(f), "replacing a file keeps its mode");
    }

    @Test
    void alignmentPreprocessingOfTheWrongShapeIsRefused() throws IOException {
        Path f = dir.resolve("pre.cmw");
        SessionStore.save(sample(), f);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path g = dir.resolve("bad-pre.cmw");
        try (ZipFile z = new ZipFile(f.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(g))) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(z.getInputStream(z.getEntry("session.json")));
            var pre = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("alignments").get(1).get("preprocessing");
            assertTrue(pre != null && pre.has("targetMean"), "the second alignment records its preprocessing");
            pre.set("targetMean", pre.get("sourceMean")); // 3 values where the map's 2 are needed
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals("session.json") ? json.writeValueAsBytes(root) : z.getInputStream(e).readAllBytes());
            }
        }
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(g));
        assertTrue(e.getMessage().contains(g.toString()) && e.getMessage().contains("self-learning")
                && e.getMessage().contains("target preprocessing"), e.getMessage());
    }

    private static void writeZip(Path f, String json) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("session.json"));
            z.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
