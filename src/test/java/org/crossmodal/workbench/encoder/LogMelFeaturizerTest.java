package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java log-mel front end against torchaudio (src/test/resources/models/make-tiny-models.py). */
class LogMelFeaturizerTest {
    static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LogMelFeaturizerTest.class.getResourceAsStream("/models/logmel-golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    static ModelManifest.LogMel params(JsonNode p) {
        return new ModelManifest.LogMel(p.get("nMels").asInt(), p.get("nFft").asInt(), p.get("hop").asInt(),
                p.get("win").asInt(), p.get("fmin").asDouble(), p.get("fmax").asDouble(), p.get("logOffset").asDouble(),
                p.get("center").asBoolean());
    }

    @Test
    void featuresMatchTorchaudio() {
        double worst = 0;
        for (JsonNode c : golden.get("cases")) {
            JsonNode p = c.get("params");
            LogMelFeaturizer f = new LogMelFeaturizer("mel", null, p.get("sampleRate").asInt(), params(p));
            float[] x = TinyModelGoldenTest.floats(c.get("waveform"));
            float[][] got = f.features(x);
            JsonNode want = c.get("features");
            assertEquals(want.size(), got.length, "frames for " + x.length + " samples");
            assertEquals(want.size(), f.frames(x.length));
            for (int t = 0; t < got.length; t++) {
                for (int m = 0; m < got[t].length; m++) {
                    double d = Math.abs(want.get(t).get(m).asDouble() - got[t][m]);
                    worst = Math.max(worst, d);
                }
            }
        }
        // log energies: 1e-4 absolute is a 0.01 % difference in energy
        assertTrue(worst < 1e-4, "largest difference from torchaudio: " + worst);
    }

    @Test
    void encoderPoolsTheFramesOfEachClip() {
        List<float[]> in = new ArrayList<>();
        List<float[]> want = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            if (c.get("params").get("sampleRate").asInt() != 8000) continue; // the tiny model's parameter set
            in.add(TinyModelGoldenTest.floats(c.get("waveform")));
            want.add(TinyModelGoldenTest.floats(c.get("meanFrame")));
        }
        assertEquals(3, in.size());
        try (OnnxSpeechEncoder enc = ModelLoader.openSpeech(TestModels.folder("tiny-logmel"), new EncoderOptions(1, 8))) {
            float[][] got = enc.encode(in, ProgressListener.NONE, Cancellation.NONE);
            for (int i = 0; i < got.length; i++) assertArrayEquals(want.get(i), got[i], 1e-4f, "clip " + i);
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 7, 16, 100, 256, 400, 441})
    void fftMatchesTheDefinition(int n) {
        Random rnd = new Random(n);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
        }
        double[] r2 = re.clone(), i2 = im.clone();
        new LogMelFeaturizer.Fft(n).transform(r2, i2);
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * ((long) k * t % n) / n;
                sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
            }
            assertEquals(sr, r2[k], 1e-9 * n, "re " + k);
            assertEquals(si, i2[k], 1e-9 * n, "im " + k);
        }
    }

    @Test
    void melScaleAndReflection() {
        assertEquals(1000.0, LogMelFeaturizer.melToHz(LogMelFeaturizer.hzToMel(1000.0)), 1e-9);
        assertEquals(999.985, LogMelFeaturizer.hzToMel(1000.0), 1e-3); // HTK: 2595 log10(1 + 1000 / 700)
        // reflect without repeating the edge: ... 2 1 | 0 1 2 3 | 2 1 0 ...
        assertEquals(1, LogMelFeaturizer.reflect(-1, 4));
        assertEquals(2, LogMelFeaturizer.reflect(-2, 4));
        assertEquals(2, LogMelFeaturizer.reflect(4, 4));
        assertEquals(0, LogMelFeaturizer.reflect(6, 4));
        assertEquals(0, LogMelFeaturizer.reflect(5, 1));
    }

    @Test
    void shortClipsGiveOneFrame() {
        LogMelFeaturizer f = new LogMelFeaturizer("mel", "len", 16000,
                new ModelManifest.LogMel(10, 512, 160, 400, 0, 8000, 1e-6, false));
        assertEquals(1, f.features(new float[] {0.5f, -0.5f}).length);
        Batch b = f.featurize(List.of(new float[100], new float[1000]));
        assertArrayEquals(new int[] {1, 4}, b.lengths());
        assertArrayEquals(new long[] {2, 4, 10}, b.feeds().get(0).shape());
    }
}
