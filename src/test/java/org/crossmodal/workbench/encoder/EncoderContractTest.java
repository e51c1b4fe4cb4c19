package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every {@link Encoder} implementation: the built-in MiniLM, and the ONNX waveform, log-mel,
 * character and token encoders on the tiny test models. Add a case here for every new implementation.
 */
class EncoderContractTest {
    /** An encoder, inputs for it, and whether the manifest asks for unit vectors. */
    record Case(String name, Supplier<Encoder<Object>> open, List<Object> inputs, boolean normalized) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    static Supplier<Encoder<Object>> erase(Supplier<? extends Encoder<?>> s) {
        return () -> (Encoder<Object>) s.get();
    }

    static Stream<Case> cases() {
        Random rnd = new Random(5);
        List<Object> waves = new ArrayList<>();
        for (int n : new int[] {300, 17, 1, 4000, 17, 250, 999}) {
            float[] w = new float[n];
            for (int i = 0; i < n; i++) w[i] = (float) rnd.nextGaussian() * 0.3f;
            waves.add(w);
        }
        List<Object> words = List.of("cat", "the cat sat on the mat", "Dog", "", "a zebra", "cat", "ÄBCDEFGH",
                "hello world hello world");
        EncoderOptions o = new EncoderOptions(1, 3);
        return Stream.of(
                new Case("builtin MiniLM", erase(() -> ModelRegistry.openMiniLm(o)), words, true),
                new Case("speech: tiny-speech", erase(() -> ModelLoader.openSpeech(TestModels.folder("tiny-speech"), o)),
                        waves, true),
                new Case("speech without lengths: nolen-speech",
                        erase(() -> ModelLoader.openSpeech(TestModels.folder("nolen-speech"), o)), waves, false),
                new Case("speech: tiny-logmel", erase(() -> ModelLoader.openSpeech(TestModels.folder("tiny-logmel"), o)),
                        waves, false),
                new Case("text: tiny-chars", erase(() -> ModelLoader.openText(TestModels.folder("tiny-chars"), o)),
                        words, false),
                new Case("text: tiny-tokens", erase(() -> ModelLoader.openText(TestModels.folder("tiny-tokens"), o)),
                        words, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rowsMatchTheInfoAndComeBackInInputOrder(Case c) {
        try (Encoder<Object> enc = c.open().get()) {
            EncoderInfo info = enc.info();
            assertNotNull(info.name());
            assertNotNull(info.modality());
            assertTrue(info.sha256().matches("[0-9a-f]{64}"));
            assertTrue(info.cacheKey().matches("[0-9a-f]{64}"));
            Object raw = enc;
            if (raw instanceof SpeechEncoder s) {
                assertEquals(Modality.SPEECH, info.modality());
                assertTrue(s.sampleRate() > 0);
            } else {
                assertTrue(raw instanceof TextEncoder);
                assertEquals(Modality.TEXT, info.modality());
            }
            float[][] all = enc.encode(c.inputs(), ProgressListener.NONE, Cancellation.NONE);
            assertEquals(c.inputs().size(), all.length);
            for (int i = 0; i < all.length; i++) {
                assertEquals(info.dimension(), all[i].length);
                for (float v : all[i]) assertTrue(Float.isFinite(v));
                if (c.normalized()) {
                    double n = 0;
                    for (float v : all[i]) n += v * v;
                    assertEquals(1.0, n, 1e-5, "unit length of row " + i);
                }
                // row i is input i, whatever batch it travelled in
                assertArrayEquals(enc.encodeOne(c.inputs().get(i)), all[i], 2e-5f, "row " + i);
            }
            // equal inputs give equal rows; the call is repeatable
            for (int i = 0; i < all.length; i++) {
                for (int j = i + 1; j < all.length; j++) {
                    if (same(c.inputs().get(i), c.inputs().get(j))) assertArrayEquals(all[i], all[j], 2e-5f);
                }
            }
            float[][] again = enc.encode(c.inputs(), ProgressListener.NONE, Cancellation.NONE);
            for (int i = 0; i < all.length; i++) assertArrayEquals(all[i], again[i]);
        }
    }

    private static boolean same(Object a, Object b) {
        return a instanceof float[] x && b instanceof float[] y ? java.util.Arrays.equals(x, y) : a.equals(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emptyListGivesNoRowsAndCloseTwiceIsHarmless(Case c) {
        Encoder<Object> enc = c.open().get();
        assertEquals(0, enc.encode(List.of(), ProgressListener.NONE, Cancellation.NONE).length);
        enc.close();
        enc.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void progressReachesTheEndAndCancellationStops(Case c) {
        try (Encoder<Object> enc = c.open().get()) {
            AtomicLong last = new AtomicLong(-1), total = new AtomicLong();
            enc.encode(c.inputs(), (stage, done, t) -> {
                assertTrue(done >= last.get(), "progress never goes back");
                last.set(done);
                total.set(t);
            }, Cancellation.NONE);
            assertEquals(c.inputs().size(), last.get());
            assertEquals(c.inputs().size(), total.get());
            Cancellation cancel = new Cancellation();
            cancel.cancel();
            assertThrows(CancelledException.class, () -> enc.encode(c.inputs(), ProgressListener.NONE, cancel));
            // cancelled from the progress callback after the first batch: stops before the end
            Cancellation mid = new Cancellation();
            AtomicLong reached = new AtomicLong();
            assertThrows(CancelledException.class, () -> enc.encode(c.inputs(), (stage, done, t) -> {
                reached.set(done);
                if (done > 0) mid.cancel();
            }, mid));
            assertTrue(reached.get() < c.inputs().size(), "stopped at " + reached.get());
        }
    }
}
