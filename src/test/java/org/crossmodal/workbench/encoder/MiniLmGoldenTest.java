package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in MiniLM against vectors from an independent implementation (transformers.js tokenizer, onnxruntime-node,
 * pooling in JavaScript): see src/test/resources/golden/minilm-golden.sh, which regenerates the JSON.
 */
class MiniLmGoldenTest {
    record Golden(String text, long[] ids, float[] vector) {
    }

    static List<Golden> golden;
    static List<Golden> tokensOnly;
    static OnnxTextEncoder encoder;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MiniLmGoldenTest.class.getResourceAsStream("/golden/minilm-golden.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            golden = new ArrayList<>();
            for (JsonNode r : root.get("records")) {
                long[] ids = new long[r.get("tokenIds").size()];
                for (int i = 0; i < ids.length; i++) ids[i] = r.get("tokenIds").get(i).asLong();
                float[] v = new float[r.get("vector").size()];
                for (int i = 0; i < v.length; i++) v[i] = (float) r.get("vector").get(i).asDouble();
                golden.add(new Golden(r.get("text").asText(), ids, v));
            }
            tokensOnly = new ArrayList<>();
            for (JsonNode r : root.get("tokenRecords")) {
                long[] ids = new long[r.get("tokenIds").size()];
                for (int i = 0; i < ids.length; i++) ids[i] = r.get("tokenIds").get(i).asLong();
                tokensOnly.add(new Golden(r.get("text").asText(), ids, null));
            }
        }
        encoder = ModelRegistry.openMiniLm(new EncoderOptions(1, 5));
    }

    @AfterAll
    static void close() {
        if (encoder != null) encoder.close();
    }

    @Test
    void tokenIdsMatchTheJavaScriptTokenizer() {
        TokenFeaturizer tf = (TokenFeaturizer) encoder.featurizer();
        assertEquals(36, tokensOnly.size());
        List<Golden> all = new ArrayList<>(golden);
        all.addAll(tokensOnly);
        for (Golden g : all) {
            assertArrayEquals(g.ids(), tf.ids(g.text()), "token ids of \"" + g.text() + "\"");
        }
    }

    @Test
    void vectorsMatchTheIndependentReference() {
        List<String> texts = golden.stream().map(Golden::text).toList();
        float[][] got = encoder.encode(texts, ProgressListener.NONE, Cancellation.NONE);
        assertEquals(golden.size(), got.length);
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            float[] want = golden.get(i).vector();
            assertEquals(384, got[i].length);
            double norm = 0, diff = 0;
            for (int k = 0; k < want.length; k++) {
                diff = Math.max(diff, Math.abs(want[k] - got[i][k]));
                norm += got[i][k] * got[i][k];
            }
            assertEquals(1.0, norm, 1e-5, "unit length");
            report.append(String.format("%n  %.2e  \"%s\"", diff, golden.get(i).text().substring(0,
                    Math.min(30, golden.get(i).text().length()))));
            worst = Math.max(worst, diff);
        }
        assertTrue(worst < 1e-4, "largest difference from the reference: " + worst + report);
    }

    @Test
    void aVectorDoesNotDependOnTheOtherInputs() {
        // the model quantises activations with scales computed over the whole batch, so the manifest limits
        // batches to one input; the same text must give the same vector whatever else is encoded with it
        assertEquals(1, encoder.batchSize());
        float[] alone = encoder.encodeOne("cat");
        float[][] mixed = encoder.encode(List.of("dog", "cat", "a much longer phrase about cats and dogs"),
                ProgressListener.NONE, Cancellation.NONE);
        assertArrayEquals(alone, mixed[1]);
    }

    @Test
    void infoDescribesTheBuiltInModel() {
        EncoderInfo info = encoder.info();
        assertEquals(ModelRegistry.MINILM, info.name());
        assertEquals(Modality.TEXT, info.modality());
        assertEquals(384, info.dimension());
        assertTrue(info.builtIn());
        assertTrue(info.sha256().matches("[0-9a-f]{64}"));
        assertTrue(info.provenance().containsKey("sha256:all-minilm-l6-v2-q-tokenizer.json"));
        assertTrue(info.cacheKey().matches("[0-9a-f]{64}"));
    }

    @Test
    void rawSessionRunProducesTheHiddenStates() {
        List<String> texts = golden.stream().map(Golden::text).limit(4).toList();
        long floats = encoder.runRaw(texts, 2);
        // two batches of two, each [2, tokens, 384]
        assertTrue(floats > 0 && floats % 384 == 0, "floats: " + floats);
    }
}
