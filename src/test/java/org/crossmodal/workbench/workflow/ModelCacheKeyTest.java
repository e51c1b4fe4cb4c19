package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.junit.jupiter.api.Test;

/** The embedding cache is keyed by the whole model (files and settings), not by the ONNX file alone. */
class ModelCacheKeyTest {
    private static final String ONNX_SHA = "a".repeat(64);

    private static EncoderInfo info(Map<String, String> provenance) {
        return new EncoderInfo("m", Modality.TEXT, 4, null, ONNX_SHA, null, false, provenance);
    }

    @Test
    void sameOnnxFileWithOtherTokenizerOrSettingsGetsAnotherKey() {
        String a = EmbedWorkflow.modelKey(info(Map.of(EncoderInfo.CACHE_KEY, "b".repeat(64))));
        String b = EmbedWorkflow.modelKey(info(Map.of(EncoderInfo.CACHE_KEY, "c".repeat(64))));
        assertEquals("b".repeat(64), a);
        assertNotEquals(a, b);
    }

    @Test
    void withoutAWholeModelKeyTheOnnxDigestIsUsed() {
        assertEquals(ONNX_SHA, EmbedWorkflow.modelKey(info(Map.of())));
    }

    @Test
    void aKeyThatIsNoDigestIsHashedWithTheName() {
        String k = EmbedWorkflow.modelKey(info(Map.of(EncoderInfo.CACHE_KEY, "not-a-digest")));
        assertEquals(64, k.length());
        assertNotEquals("not-a-digest", k);
    }
}
