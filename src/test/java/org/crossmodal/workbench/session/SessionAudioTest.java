package org.crossmodal.workbench.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.audio.AudioLoader;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio a session keeps for recordings made in the window: saved inside the .cmw as WAV with its SHA-256,
 * read back bit for bit at its own rate; a damaged or missing audio entry refuses the file naming it; a file
 * from before audio was kept still opens.
 */
public class SessionAudioTest {
    @TempDir Path dir;

    /** What a microphone gives: 16-bit values / 32768, here at 44.1 kHz. */
    static float[] microphone(int n, long seed) {
        Random r = new Random(seed);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = (short) r.nextInt(65536) / 32768f;
        s[0] = -1f;
        s[1] = 32767 / 32768f;
        return s;
    }

    /** Samples no 16-bit value holds exactly (a resampled or synthetic signal), with -0 and a subnormal. */
    static float[] floats(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = (float) (0.7 * Math.sin(i * 0.01234));
        s[1] = -0.0f;
        s[2] = Float.MIN_VALUE;
        return s;
    }

    /** The sample session of {@link SessionStoreTest} with two recordings whose audio it keeps. */
    static Session withRecordings() {
        Session s = SessionStoreTest.sample();
        s.addItem(new Item("speech/recording-1", Modality.SPEECH, "hello", "microphone", "microphone"));
        s.addItem(new Item("speech/recording-2", Modality.SPEECH, "", "microphone", "microphone"));
        List<String> ids = new ArrayList<>(s.space("speech:m").itemIds());
        ids.addAll(List.of("speech/recording-1", "speech/recording-2"));
        float[] data = java.util.Arrays.copyOf(s.space("speech:m").data(), ids.size() * 3);
        s.putSpace(new EmbeddingSet("speech:m", Modality.SPEECH, ids, 3, data, null, s.space("speech:m").provenance()));
        s.putAudio("speech/recording-1", new Audio(microphone(44_100 / 2, 5), 44_100, 1, "microphone"));
        s.putAudio("speech/recording-2", new Audio(floats(8_001), 8_000, 1, "microphone"));
        return s;
    }

    /** The raw bits of each float, to compare samples bit for bit. */
    public static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    @Test
    void recordingsSurviveSaveAndOpenBitForBit() throws IOException {
        Session s = withRecordings();
        Path f = dir.resolve("rec.cmw");
        SessionStore.save(s, f);
        Session back = SessionStore.open(f);
        SessionStoreTest.assertSameSession(s, back);
        assertEquals(s.audio().keySet(), back.audio().keySet());
        for (String id : s.audio().keySet()) {
            Audio a = s.audio(id), b = back.audio(id);
            assertEquals(a.sampleRate(), b.sampleRate(), id);
            assertEquals(a.channels(), b.channels(), id);
            assertArrayEquals(bits(a.samples()), bits(b.samples()), "samples of " + id);
        }
        assertEquals("hello", back.item("speech/recording-1").label());

        // described in session.json: a WAV entry each, 16-bit PCM where that is lossless, with SHA-256, rate, frames
        try (ZipFile z = new ZipFile(f.toFile())) {
            JsonNode items = new ObjectMapper().readTree(z.getInputStream(z.getEntry("session.json"))).get("items");
            JsonNode a1 = null, a2 = null;
            for (JsonNode it : items) {
                if (it.path("id").asText().equals("speech/recording-1")) a1 = it.get("audio");
                if (it.path("id").asText().equals("speech/recording-2")) a2 = it.get("audio");
                if (it.path("id").asText().startsWith("t")) assertNull(it.get("audio"), "text items keep no audio");
            }
            assertEquals("pcm16", a1.path("encoding").asText());
            assertEquals(44_100, a1.path("sampleRate").asInt());
            assertEquals(44_100 / 2, a1.path("frames").asInt());
            assertEquals("float32", a2.path("encoding").asText());
            byte[] wav = z.getInputStream(z.getEntry(a1.path("data").asText())).readAllBytes();
            assertEquals(SessionStore.sha256(wav), a1.path("sha256").asText());
            assertEquals(44 + 2 * (44_100 / 2), wav.length, "16 bits a sample plus the 44-byte header");
            assertEquals(ZipEntry.STORED, z.getEntry(a1.path("data").asText()).getMethod());

            // any WAV reader reads the entries: here the workbench's general decoder, from files
            for (JsonNode a : new JsonNode[] {a1, a2}) {
                Path out = dir.resolve(a.path("data").asText().replace('/', '-'));
                Files.write(out, z.getInputStream(z.getEntry(a.path("data").asText())).readAllBytes());
                Audio read = new AudioLoader().load(out);
                String id = a == a1 ? "speech/recording-1" : "speech/recording-2";
                assertEquals(s.audio(id).sampleRate(), read.sampleRate());
                assertArrayEquals(bits(s.audio(id).samples()), bits(read.samples()), "decoded by the general reader: " + id);
            }
        }
        // saving what was opened gives the same bytes
        Path g = dir.resolve("again.cmw");
        SessionStore.save(back, g);
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
    }

    /** Copies a session file, passing each entry's bytes through {@code edit} (null drops the entry). */
    private Path rewrite(Path from, String name, BiFunction<String, byte[], byte[]> edit) throws IOException {
        Path to = dir.resolve(name);
        try (ZipFile z = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                byte[] b = edit.apply(e.getName(), z.getInputStream(e).readAllBytes());
                if (b == null) continue;
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(b);
                out.closeEntry();
            }
        }
        return to;
    }

    private static void assertNames(WorkbenchException e, Path file, String entry) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the session file: " + m);
        assertTrue(m.contains("'" + entry + "'"), "names the entry: " + m);
        assertTrue(m.contains("speech/recording-1") && m.contains("\u201chello\u201d"), "names the recording: " + m);
        assertTrue(m.contains("backup"), "says what to do: " + m);
    }

    @Test
    void aDamagedOrMissingAudioEntryRefusesTheFileNamingItAndTheEntry() throws IOException {
        Path f = dir.resolve("good.cmw");
        SessionStore.save(withRecordings(), f);
        SessionStore.open(f);

        // one sample changed: the SHA-256 differs
        Path flipped = rewrite(f, "flipped.cmw", (n, b) -> {
            if (n.equals("audio/0.wav")) b[b.length - 1] ^= 0x40;
            return b;
        });
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> SessionStore.open(flipped));
        assertNames(e, flipped, "audio/0.wav");
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());

        // the entry is gone
        Path missing = rewrite(f, "missing.cmw", (n, b) -> n.equals("audio/0.wav") ? null : b);
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(missing));
        assertNames(e, missing, "audio/0.wav");
        assertTrue(e.getMessage().contains("missing"), e.getMessage());

        // the entry is not WAV (its SHA-256 in session.json was updated to match, so only the content is wrong)
        byte[] junk = "not a wave file at all".getBytes(StandardCharsets.UTF_8);
        Path notWav = rewrite(f, "notwav.cmw", (n, b) -> n.equals("audio/0.wav") ? junk
                : n.equals("session.json") ? replaceSha(b, "audio/0.wav", SessionStore.sha256(junk)) : b);
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(notWav));
        assertNames(e, notWav, "audio/0.wav");
        assertTrue(e.getMessage().contains("not readable WAV"), e.getMessage());

        // session.json declares another rate than the WAV holds
        Path rate = rewrite(f, "rate.cmw", (n, b) -> n.equals("session.json")
                ? new String(b, StandardCharsets.UTF_8).replace("\"sampleRate\" : 44100", "\"sampleRate\" : 48000")
                .getBytes(StandardCharsets.UTF_8) : b);
        e = assertThrows(WorkbenchException.class, () -> SessionStore.open(rate));
        assertNames(e, rate, "audio/0.wav");
        assertTrue(e.getMessage().contains("44100 Hz") && e.getMessage().contains("48000 Hz"), e.getMessage());
    }

    /** session.json with the sha256 of the audio entry {@code entry} replaced. */
    private static byte[] replaceSha(byte[] json, String entry, String sha) {
        try {
            ObjectMapper m = new ObjectMapper();
            JsonNode root = m.readTree(json);
            for (JsonNode it : root.get("items")) {
                JsonNode a = it.get("audio");
                if (a != null && a.path("data").asText().equals(entry)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) a).put("sha256", sha);
                }
            }
            return m.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A file saved before sessions kept audio (format version 1, no audio entries; made by the workbench then). */
    @Test
    void aFileFromBeforeAudioWasKeptStillOpens() throws IOException {
        Path old = dir.resolve("old.cmw");
        try (var in = SessionAudioTest.class.getResourceAsStream("/session/format1-without-audio.cmw")) {
            Files.copy(in, old);
        }
        Session s = SessionStore.open(old);
        assertEquals(List.of("speech/recording-2026-11-22T09-00-00Z", "text/hello"), s.items().stream().map(Item::id).toList());
        assertEquals("microphone", s.item("speech/recording-2026-11-22T09-00-00Z").source());
        assertTrue(s.audio().isEmpty());
        assertArrayEquals(new float[] {0.6f, 0.8f}, s.space("speech:m").data());
        assertEquals(new Provenance("session", java.time.Instant.parse("2026-11-22T09:00:00Z"),
                java.util.Map.of("created.by", "window")), s.provenance());
        // and saved again by this workbench, it is still a version 1 file without audio entries
        Path again = dir.resolve("again.cmw");
        SessionStore.save(s, again);
        try (ZipFile z = new ZipFile(again.toFile())) {
            assertTrue(z.stream().noneMatch(e -> e.getName().startsWith("audio/")));
            assertEquals(1, new ObjectMapper().readTree(z.getInputStream(z.getEntry("session.json"))).path("formatVersion").asInt());
        }
    }
}
