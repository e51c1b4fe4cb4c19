package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped built-in speech and text models (models/builtin-speech, models/builtin-text), loaded through the
 * model registry and the ONNX encoders, against the embeddings torch computed for the same weights when they were
 * exported (training/export.py writes src/test/resources/golden/builtin-model.json), and the text tower's
 * documented input rules and bad inputs (docs/models.md).
 */
class BuiltinModelGoldenTest {
    static final double TOL = 1e-4;

    record SpeechCase(String name, float[] samples, float[] embedding) {
    }

    record TextCase(String text, long[] ids, float[] embedding) {
    }

    static List<SpeechCase> speech;
    static List<TextCase> text;
    static SpeechEncoder speechEncoder;
    static TextEncoder textEncoder;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BuiltinModelGoldenTest.class.getResourceAsStream("/golden/builtin-model.json")) {
            assertNotNull(in, "golden/builtin-model.json is missing from the test resources");
            JsonNode root = new ObjectMapper().readTree(in);
            speech = new ArrayList<>();
            for (JsonNode s : root.get("speech")) {
                JsonNode pcm = s.get("samplesInt16");
                float[] x = new float[pcm.size()];
                for (int i = 0; i < x.length; i++) x[i] = pcm.get(i).asInt() / 32768.0f;
                speech.add(new SpeechCase(s.get("name").asText(), x, floats(s.get("embedding"))));
            }
            text = textCases(root.get("text"));
        }
        Path models = ModelRegistry.installationModels();
        assertNotNull(models, "the installation's models/ folder is unknown");
        assertTrue(Files.isDirectory(models.resolve(ModelRegistry.BUILTIN_SPEECH)), "missing " + models);
        ModelRegistry registry = new ModelRegistry(
                List.of(new ModelRegistry.Location(ModelRegistry.Origin.BUILTIN, models)), false);
        speechEncoder = registry.openSpeech(ModelRegistry.BUILTIN_SPEECH, new EncoderOptions(1, 4));
        textEncoder = registry.openText(ModelRegistry.BUILTIN_TEXT, new EncoderOptions(1, 4));
    }

    @AfterAll
    static void close() {
        if (speechEncoder != null) speechEncoder.close();
        if (textEncoder != null) textEncoder.close();
    }

    /** The golden text cases (text, ids, torch's embedding) of an exported text or phoneme tower. */
    static List<TextCase> textCases(JsonNode cases) {
        List<TextCase> out = new ArrayList<>();
        for (JsonNode t : cases) {
            long[] ids = new long[t.get("ids").size()];
            for (int i = 0; i < ids.length; i++) ids[i] = t.get("ids").get(i).asLong();
            out.add(new TextCase(t.get("text").asText(), ids, floats(t.get("embedding"))));
        }
        return out;
    }

    static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) a.get(i).asDouble();
        return v;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "dimension");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static void assertUnitAndFinite(float[] v, String what) {
        double n = 0;
        for (float x : v) {
            assertTrue(Float.isFinite(x), what + ": non-finite value");
            n += x * x;
        }
        assertEquals(1.0, Math.sqrt(n), 1e-4, what + ": not unit length");
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void bothTowersShareOneSpace() {
        EncoderInfo s = speechEncoder.info();
        EncoderInfo t = textEncoder.info();
        assertEquals("builtin-v3", s.sharedSpace());
        assertEquals(s.sharedSpace(), t.sharedSpace());
        assertEquals(s.dimension(), t.dimension());
        assertEquals(16000, speechEncoder.sampleRate());
        assertTrue(s.builtIn() && t.builtIn(), "shipped models are built in");
    }

    @Test
    void speechEmbeddingsMatchTorchOneAtATime() {
        for (SpeechCase c : speech) {
            float[] e = speechEncoder.encodeOne(c.samples());
            double d = maxAbsDiff(c.embedding(), e);
            assertTrue(d <= TOL, c.name() + ": max |java - torch| = " + d);
        }
    }

    @Test
    void speechEmbeddingsMatchTorchInOnePaddedBatch() {
        List<float[]> in = speech.stream().map(SpeechCase::samples).toList();
        float[][] out = speechEncoder.encode(in, ProgressListener.NONE, Cancellation.NONE);
        for (int i = 0; i < speech.size(); i++) {
            double d = maxAbsDiff(speech.get(i).embedding(), out[i]);
            assertTrue(d <= TOL, speech.get(i).name() + " in a padded batch: max |java - torch| = " + d);
        }
    }

    @Test
    void characterIdsFollowTheDocumentedRules() {
        CharacterFeaturizer f = (CharacterFeaturizer) ((OnnxTextEncoder) textEncoder).featurizer();
        for (TextCase c : text) {
            // An empty text is fed as one padding id (length 1); the tower treats it like torch's empty input.
            long[] want = c.ids().length == 0 ? new long[] {0} : c.ids();
            assertArrayEquals(want, f.ids(c.text()), "ids of \"" + c.text() + "\"");
        }
    }

    @Test
    void textEmbeddingsMatchTorch() {
        for (TextCase c : text) {
            double d = maxAbsDiff(c.embedding(), textEncoder.encodeOne(c.text()));
            assertTrue(d <= TOL, "\"" + c.text() + "\": max |java - torch| = " + d);
        }
        List<String> all = text.stream().map(TextCase::text).toList();
        float[][] out = textEncoder.encode(all, ProgressListener.NONE, Cancellation.NONE);
        for (int i = 0; i < text.size(); i++) {
            double d = maxAbsDiff(text.get(i).embedding(), out[i]);
            assertTrue(d <= TOL, "\"" + all.get(i) + "\" in a batch: max |java - torch| = " + d);
        }
    }

    @Test
    void badAudioGivesUnitVectorsNotErrors() {
        Random r = new Random(3);
        float[] ramble = new float[30 * 16000];
        for (int i = 0; i < ramble.length; i++) ramble[i] = (float) (0.1 * r.nextGaussian());
        float[] clipped = new float[16000];
        for (int i = 0; i < clipped.length; i++) clipped[i] = Math.sin(2 * Math.PI * 300 * i / 16000.0) > 0 ? 1f : -1f;
        float[] cough = new float[4000];
        for (int i = 0; i < cough.length; i++) cough[i] = (float) (r.nextGaussian() * Math.exp(-i / 800.0));
        float[] silence = new float[16000];
        float[] oneSample = {0.5f};
        for (float[] x : List.of(ramble, clipped, cough, silence, oneSample)) {
            assertUnitAndFinite(speechEncoder.encodeOne(x), x.length + " samples");
        }
    }

    @Test
    void badTextFollowsTheInputRules() {
        String digits = "0123456789";
        String punct = "?!.,;:()[]";
        String emoji = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02";
        String longText = "ab".repeat(250);
        for (String t : List.of(digits, punct, emoji, longText, "")) {
            assertUnitAndFinite(textEncoder.encodeOne(t), "\"" + t + "\"");
        }
        // Characters outside the alphabet are all the unknown id: two such texts of one length encode alike.
        assertTrue(dot(textEncoder.encodeOne(digits), textEncoder.encodeOne(punct)) > 1 - 1e-5,
                "texts of only unknown characters and equal length should encode alike");
        // Upper case is folded before encoding.
        assertTrue(dot(textEncoder.encodeOne("HELLO"), textEncoder.encodeOne("hello")) > 1 - 1e-5, "lower-casing");
        // Texts are cut at maxLength (64) characters.
        assertTrue(dot(textEncoder.encodeOne(longText), textEncoder.encodeOne(longText.substring(0, 64))) > 1 - 1e-5,
                "truncation at 64 characters");
    }
}
