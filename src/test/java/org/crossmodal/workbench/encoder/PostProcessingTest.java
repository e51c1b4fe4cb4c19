package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PostProcessingTest {
    // batch 2, steps 3, dim 2: row 0 = (1,2), (3,4), (100,100); row 1 = (5,6), (7,8), (9,10)
    static final float[] OUT = {1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10};
    static final long[] SHAPE = {2, 3, 2};

    @Test
    void meanUsesOnlyTheValidSteps() {
        float[][] p = PostProcessing.pool(OUT, SHAPE, ModelManifest.Pooling.MEAN, new int[] {2, 3}, 3);
        assertArrayEquals(new float[] {2, 3}, p[0]);
        assertArrayEquals(new float[] {7, 8}, p[1]);
    }

    @Test
    void firstTakesStepZero() {
        float[][] p = PostProcessing.pool(OUT, SHAPE, ModelManifest.Pooling.FIRST, new int[] {1, 3}, 3);
        assertArrayEquals(new float[] {1, 2}, p[0]);
        assertArrayEquals(new float[] {5, 6}, p[1]);
    }

    @Test
    void noneSplitsRows() {
        float[][] p = PostProcessing.pool(new float[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2},
                ModelManifest.Pooling.NONE, null, 0);
        assertArrayEquals(new float[] {5, 6}, p[2]);
    }

    @Test
    void validStepsScaleWhenTheModelDownsamples() {
        assertEquals(3, PostProcessing.validSteps(3, 10, 10));
        assertEquals(2, PostProcessing.validSteps(5, 20, 5));   // 5 samples of 20, output 5 frames: ceil(1.25)
        assertEquals(5, PostProcessing.validSteps(20, 20, 5));
        assertEquals(1, PostProcessing.validSteps(1, 400, 4));
    }

    @Test
    void l2NormalisationAndFiniteness() {
        float[] v = {3, 4};
        PostProcessing.l2Normalize(v);
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-7f);
        float[] z = {0, 0};
        PostProcessing.l2Normalize(z);
        assertArrayEquals(new float[] {0, 0}, z);
        assertEquals(-1, PostProcessing.firstNonFinite(v));
        assertEquals(1, PostProcessing.firstNonFinite(new float[] {0, Float.POSITIVE_INFINITY}));
        assertEquals(0, PostProcessing.firstNonFinite(new float[] {Float.NaN}));
    }

    @Test
    void waveformBatchIsZeroPaddedWithLengths() {
        Batch b = new WaveformFeaturizer("w", "len").featurize(List.of(new float[] {1, 2}, new float[] {3, 4, 5}));
        assertEquals(3, b.paddedLength());
        assertArrayEquals(new int[] {2, 3}, b.lengths());
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 5}, b.feeds().get(0).floats());
        assertArrayEquals(new long[] {2, 3}, b.feeds().get(0).shape());
        assertArrayEquals(new long[] {2, 3}, b.feeds().get(1).longs());
    }

    @Test
    void characterIds() {
        CharacterFeaturizer f = new CharacterFeaturizer("c", null, "ab", true, 3);
        assertArrayEquals(new long[] {2, 3, 1}, f.ids("ABz!"));
        Batch b = f.featurize(List.of("a", "bab"));
        assertArrayEquals(new long[] {2, 0, 0, 3, 2, 3}, b.feeds().get(0).longs());
        assertEquals(1, b.feeds().size());
        assertArrayEquals(new long[] {3}, new CharacterFeaturizer("c", null, "ab", false, 0).ids("b"));
        assertArrayEquals(new long[] {1}, new CharacterFeaturizer("c", null, "ab", false, 0).ids("B"));
        // lower-casing 'İ' gives two characters: the size hint follows the ids, not the text
        CharacterFeaturizer lower = new CharacterFeaturizer("c", null, "ab", true, 0);
        assertEquals(2, lower.sizeHint("İ"));
        assertEquals(2, lower.ids("İ").length);
    }
}
