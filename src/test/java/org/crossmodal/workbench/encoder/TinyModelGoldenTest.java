package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tiny test models against numpy: padding with lengths and masks, mean and first pooling, normalisation,
 * character ids and tokenizer ids, in batches of mixed lengths.
 */
class TinyModelGoldenTest {
    static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TinyModelGoldenTest.class.getResourceAsStream("/models/golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
        return f;
    }

    static long[] longs(JsonNode a) {
        long[] f = new long[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = a.get(i).asLong();
        return f;
    }

    @Test
    void speechWithLengthsAndMeanPooling() {
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("tiny-speech"), new EncoderOptions(1, 3))) {
            assertEquals(8000, enc.sampleRate());
            List<float[]> in = new ArrayList<>();
            for (JsonNode r : golden.get("speech")) in.add(floats(r.get("waveform")));
            float[][] got = enc.encode(in, ProgressListener.NONE, Cancellation.NONE);
            for (int i = 0; i < in.size(); i++) {
                assertArrayEquals(floats(golden.get("speech").get(i).get("vector")), got[i], 1e-5f, "input " + i);
            }
        }
    }

    @Test
    void charactersWithLengthsAndMeanPooling() {
        try (OnnxTextEncoder enc = ModelLoader.openText(TestModels.folder("tiny-chars"), new EncoderOptions(1, 4))) {
            CharacterFeaturizer f = (CharacterFeaturizer) enc.featurizer();
            List<String> texts = new ArrayList<>();
            for (JsonNode r : golden.get("chars")) {
                texts.add(r.get("text").asText());
                assertArrayEquals(longs(r.get("ids")), f.ids(r.get("text").asText()), r.get("text").asText());
            }
            float[][] got = enc.encode(texts, ProgressListener.NONE, Cancellation.NONE);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(floats(golden.get("chars").get(i).get("vector")), got[i], 1e-6f, texts.get(i));
            }
        }
    }

    @Test
    void tokensWithMaskAndFirstPooling() {
        try (OnnxTextEncoder enc = ModelLoader.openText(TestModels.folder("tiny-tokens"), new EncoderOptions(1, 4))) {
            TokenFeaturizer f = (TokenFeaturizer) enc.featurizer();
            List<String> texts = new ArrayList<>();
            for (JsonNode r : golden.get("tokens")) {
                texts.add(r.get("text").asText());
                assertArrayEquals(longs(r.get("ids")), f.ids(r.get("text").asText()), r.get("text").asText());
            }
            float[][] got = enc.encode(texts, ProgressListener.NONE, Cancellation.NONE);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(floats(golden.get("tokens").get(i).get("vector")), got[i], 1e-5f, texts.get(i));
            }
        }
    }

    @Test
    void nanOutputIsAClearError() {
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("nan-speech"), new EncoderOptions(1, 8))) {
            float[] ok = {0.25f, 0.5f, 1f, 0f};
            assertArrayEquals(new float[] {0.5f, (float) Math.sqrt(0.5), 1f}, enc.encodeOne(ok), 1e-6f);
            float[] bad = {0.25f, -0.5f, 1f, 0f};
            WorkbenchException e = assertThrows(WorkbenchException.class,
                    () -> enc.encode(List.of(ok, bad), ProgressListener.NONE, Cancellation.NONE));
            assertTrue(e.getMessage().contains("nan-speech") && e.getMessage().contains("NaN")
                    && e.getMessage().contains("input 2"), e.getMessage());
        }
    }

    @Test
    void withoutLengthsOnlyEqualLengthsShareABatch() {
        // the model averages over all samples it is given: zero padding would pull the mean of a shorter clip down
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("nolen-speech"), new EncoderOptions(1, 8))) {
            float[] a = {1, 1, 1}, b = {1, 1, 1, 1, 1}, c = {2, 2, 2};
            float[][] got = enc.encode(List.of(a, b, c), ProgressListener.NONE, Cancellation.NONE);
            assertArrayEquals(new float[] {1, 1}, got[0], 1e-6f);
            assertArrayEquals(new float[] {1, 1}, got[1], 1e-6f);
            assertArrayEquals(new float[] {2, 4}, got[2], 1e-6f);
            // and the padded batch really would differ: what the model gives for a padded to 5 samples
            float[] padded = enc.encodeBatch(List.of(new float[] {1, 1, 1, 0, 0}))[0];
            assertArrayEquals(new float[] {0.6f, 0.6f}, padded, 1e-6f);
        }
    }

    @Test
    void audioOfAnyRateIsMixedAndResampledFirst() {
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("nolen-speech"), new EncoderOptions(1, 8))) {
            // stereo 16 kHz: left 0.5, right 0.3 -> mono 0.4 at 8 kHz; mean 0.4 and mean square 0.16 away from the edges
            float[] st = new float[2 * 16000];
            for (int i = 0; i < 16000; i++) {
                st[2 * i] = 0.5f;
                st[2 * i + 1] = 0.3f;
            }
            org.crossmodal.workbench.audio.Audio a = new org.crossmodal.workbench.audio.Audio(st, 16000, 2, "t");
            float[] v = enc.encodeAudio(List.of(a), ProgressListener.NONE, Cancellation.NONE)[0];
            float[] direct = enc.encodeOne(a.toMono(8000).samples());
            assertArrayEquals(direct, v, 0f);
            assertEquals(0.4, v[0], 0.01);
            assertEquals(8000, a.toMono(8000).samples().length);
        }
    }

    @Test
    void emptyWaveformIsRefused() {
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("tiny-speech"), new EncoderOptions(1, 8))) {
            WorkbenchException e = assertThrows(WorkbenchException.class, () -> enc.encodeOne(new float[0]));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @Test
    void everyModelFileHasItsDigest() {
        try (OnnxTextEncoder enc = ModelLoader.openText(TestModels.folder("tiny-tokens"), new EncoderOptions(1, 8))) {
            EncoderInfo info = enc.info();
            assertTrue(info.provenance().get("sha256:tiny-tokens.onnx").matches("[0-9a-f]{64}"));
            assertEquals(info.sha256(), info.provenance().get("sha256:tiny-tokens.onnx"));
            assertTrue(info.provenance().get("sha256:tokenizer.json").matches("[0-9a-f]{64}"));
            assertEquals(TestModels.folder("tiny-tokens"), info.folder());
            assertEquals("src/test/resources/models/make-tiny-models.py", info.provenance().get("source"));
        }
    }
}
