package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.junit.jupiter.api.Test;

class NoiseProbeTest {
    static final List<String> WORDS = List.of("cat", "dog", "house", "garden", "window", "yellow", "river", "stone",
            "apple", "bread", "chair", "table");
    static final Planted.ProjectionSpeech SPEECH = new Planted.ProjectionSpeech(2000, 5);

    static List<float[]> waves(List<Item> items) {
        List<float[]> w = new ArrayList<>();
        for (Item it : items) w.add(SPEECH.synth(Planted.hashVector(it.label(), Planted.DIM)));
        return w;
    }

    static Vocabulary vocab() {
        float[][] v = new float[WORDS.size()][];
        for (int i = 0; i < v.length; i++) v[i] = Planted.hashVector(WORDS.get(i), Planted.DIM);
        return new Vocabulary(WORDS, v);
    }

    static NoiseOptions opts() {
        return NoiseOptions.defaults().withSample(0).withDraws(3).withSeed(11)
                .withLevels(List.of(0.0, 0.25, 0.5, 0.75, 1.0), List.of(30.0, 10.0, 0.0, -10.0));
    }

    @Test
    void zeroNoiseLeavesTheScoreUnchangedToFloatPrecision() {
        List<Item> items = Planted.recordings(WORDS);
        List<float[]> w = waves(items);
        float[] n = Noise.white(w.get(0).length, new SplittableRandom(1));
        assertArrayEquals(w.get(0), Noise.mix(w.get(0), n, 0.0), "mixing 0% noise returns the recording bit for bit");

        CurveResult r = NoiseProbe.run(items, w, SPEECH, null, vocab(), opts(), null, null);
        assertFalse(r.partial());
        assertEquals(6, r.curves().size());
        for (NoiseKind k : NoiseKind.values()) {
            CurvePoint p0 = r.curve(k.key() + "/mix").at(0.0);
            assertEquals(0.0, p0.drop().mean(), 1e-7, k.key());
            assertEquals(0.0, p0.drop().high() - p0.drop().low(), 1e-7);
            assertEquals(1.0, p0.p1().mean(), 0.0);
            assertEquals(1.0, p0.score().mean(), 1e-5, "planted clean score is 1");
        }
        assertEquals("1.0", r.provenance().get("cleanP1"));
    }

    @Test
    void dropGrowsWithNoiseAndP1FallsToChance() {
        List<Item> items = Planted.recordings(WORDS);
        CurveResult r = NoiseProbe.run(items, waves(items), SPEECH, null, vocab(), opts(), null, null);
        for (NoiseKind k : NoiseKind.values()) {
            Curve mix = r.curve(k.key() + "/mix");
            for (int i = 1; i < mix.points().size(); i++) {
                assertTrue(mix.points().get(i).drop().mean() > mix.points().get(i - 1).drop().mean(), k + " mix " + i);
            }
            // Noise alone: the recording is gone, the score is chance and P@1 near 1/12.
            assertTrue(mix.at(1.0).drop().mean() > 0.7, k + " " + mix.at(1.0).drop().mean());
            assertTrue(mix.at(1.0).p1().mean() < 0.4, k + " " + mix.at(1.0).p1().mean());
            Curve snr = r.curve(k.key() + "/snr");
            assertTrue(snr.at(30.0).drop().mean() < 0.01, k + " " + snr.at(30.0).drop().mean());
            assertEquals(1.0, snr.at(30.0).p1().mean(), 0.0);
            assertTrue(snr.at(-10.0).drop().mean() > snr.at(10.0).drop().mean());
        }
        // The projection encoder is linear: white noise at 0 dB SNR has as much energy as the signal, but only
        // 32/2000 of it falls into the encoder's subspace, so the score keeps most of its value.
        assertTrue(r.curve("white/snr").at(0.0).drop().mean() < 0.5);
    }

    static final class IgnoringSpeech implements SpeechEncoder {
        final float[] v;

        IgnoringSpeech(float[] v) {
            this.v = v;
        }

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public EncoderInfo info() {
            return Planted.info("ignoring", Modality.SPEECH, Planted.DIM);
        }

        @Override
        public float[][] encode(List<float[]> inputs, ProgressListener progress, Cancellation cancel) {
            float[][] out = new float[inputs.size()][];
            for (int i = 0; i < out.length; i++) out[i] = v.clone();
            return out;
        }

        @Override
        public void close() { }
    }

    @Test
    void encoderThatIgnoresItsInputGivesAFlatNoiseCurve() {
        List<Item> items = Planted.recordings(List.of("cat", "cat", "cat"));
        float[] v = Planted.hashVector("cat", Planted.DIM);
        CurveResult r = NoiseProbe.run(items, waves(items), new IgnoringSpeech(v), null, vocab(), opts(), null, null);
        for (Curve c : r.curves()) {
            for (CurvePoint p : c.points()) {
                assertEquals(0.0, p.drop().mean(), 1e-6, c.name() + " " + p.level());
                assertEquals(1.0, p.p1().mean(), 0.0);
            }
        }
    }

    @Test
    void sameSeedSameCurve() {
        List<Item> items = Planted.recordings(WORDS);
        List<float[]> w = waves(items);
        CurveResult a = NoiseProbe.run(items, w, SPEECH, null, vocab(), opts(), null, null);
        CurveResult b = NoiseProbe.run(items, w, SPEECH, null, vocab(), opts(), null, null);
        CurveResult c = NoiseProbe.run(items, w, SPEECH, null, vocab(), opts().withSeed(12), null, null);
        assertEquals(a.curves(), b.curves());
        assertFalse(a.curves().equals(c.curves()));
    }

    @Test
    void recordingsWithoutTranscriptOrOutsideTheVocabularyAreSkippedAndCounted() {
        List<Item> items = new ArrayList<>(Planted.recordings(WORDS));
        items.add(Planted.rec("nolabel", "", "a"));
        items.add(Planted.rec("oov", "zebra", "a"));
        List<float[]> w = waves(items);
        w.set(w.size() - 2, SPEECH.synth(Planted.hashVector("x", Planted.DIM)));
        CurveResult r = NoiseProbe.run(items, w, SPEECH, null, vocab(), opts().withKinds(List.of(NoiseKind.WHITE)), null, null);
        assertEquals(1, r.skippedNoTranscript());
        assertEquals(WORDS.size(), r.itemsUsed());
        assertEquals("1", r.provenance().get("skippedNotInVocabulary"));
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("not in the vocabulary")));
    }

    @Test
    void oneRecordingSkipsBabbleAndSaysSo() {
        List<Item> items = Planted.recordings(List.of("cat"));
        CurveResult r = NoiseProbe.run(items, waves(items), SPEECH, null, vocab(), opts(), null, null);
        assertNull(r.curve("babble/mix"));
        assertTrue(r.curve("white/mix") != null);
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("Babble was skipped")));
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("Only one recording")));
        var e = assertThrows(WorkbenchException.class, () -> NoiseProbe.run(items, waves(items), SPEECH, null, vocab(),
                opts().withKinds(List.of(NoiseKind.BABBLE)), null, null));
        assertTrue(e.getMessage().contains("only one"), e.getMessage());
    }

    @Test
    void levelsOutsideRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(1.5), List.of()));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(-0.5), List.of()));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(), List.of(100.0)));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(), List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> opts().withKinds(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Noise.mix(new float[4], new float[4], 1.01));
        assertThrows(IllegalArgumentException.class, () -> Noise.addAtSnr(new float[4], new float[4], Double.POSITIVE_INFINITY));
    }

    @Test
    void cancelHalfWayReturnsPartialCurves() {
        List<Item> items = Planted.recordings(WORDS);
        Cancellation cancel = new Cancellation();
        var enc = new Planted.ProjectionSpeech(2000, 5) {
            @Override
            public float[][] encode(List<float[]> inputs, ProgressListener progress, Cancellation c) {
                // Cancel after the clean pass and 1.5 draws of the white curves (9 levels per draw).
                if (encoded.get() >= WORDS.size() * (1 + 9 + 4)) cancel.cancel();
                return super.encode(inputs, progress, c);
            }
        };
        List<float[]> w = new ArrayList<>();
        for (Item it : items) w.add(enc.synth(Planted.hashVector(it.label(), Planted.DIM)));
        CurveResult r = NoiseProbe.run(items, w, enc, null, vocab(), opts().withKinds(List.of(NoiseKind.WHITE)), null, cancel);
        assertTrue(r.partial());
        assertTrue(r.warnings().stream().anyMatch(s -> s.startsWith("Cancelled")));
        Curve mix = r.curve("white/mix");
        Curve snr = r.curve("white/snr");
        assertEquals(5, mix.points().size());
        assertEquals(2, mix.at(0.0).draws());
        assertEquals(2, mix.at(0.75).draws());
        assertEquals(1, mix.at(1.0).draws());
        assertEquals(1, snr.at(30.0).draws());
    }

    @Test
    void snrIsWhatWasAskedFor() {
        float[] x = SPEECH.synth(Planted.hashVector("signal", Planted.DIM));
        for (NoiseKind k : List.of(NoiseKind.WHITE, NoiseKind.PINK)) {
            float[] n = k == NoiseKind.WHITE ? Noise.white(x.length, new SplittableRandom(2)) : Noise.pink(x.length, new SplittableRandom(2));
            assertEquals(1.0, Noise.rms(n), 1e-5);
            for (double snr : new double[] {30, 5, 0, -10}) {
                float[] y = Noise.addAtSnr(x, n, snr);
                float[] diff = new float[x.length];
                for (int i = 0; i < x.length; i++) diff[i] = y[i] - x[i];
                double measured = 20 * Math.log10(Noise.rms(x) / Noise.rms(diff));
                assertEquals(snr, measured, 1e-3, k + " at " + snr);
            }
        }
    }

    @Test
    void pinkNoiseLosesThreeDecibelsPerOctave() {
        // Mean periodogram over 32 segments of 1024 samples; fit log10 power against log10 frequency between bins 4
        // and 256 (62 Hz to 4 kHz at 16 kHz). Pink: slope -1 (3 dB per octave); white: slope 0.
        assertEquals(-1.0, spectralSlope(Noise.pink(32 * 1024, new SplittableRandom(3))), 0.15);
        assertEquals(0.0, spectralSlope(Noise.white(32 * 1024, new SplittableRandom(3))), 0.1);
    }

    static double spectralSlope(float[] x) {
        int seg = 1024, lo = 4, hi = 256;
        double[] power = new double[hi + 1];
        for (int s = 0; s + seg <= x.length; s += seg) {
            for (int k = lo; k <= hi; k++) {
                double re = 0, im = 0;
                for (int t = 0; t < seg; t++) {
                    double a = -2 * Math.PI * k * t / seg;
                    double wv = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / seg);
                    re += x[s + t] * wv * Math.cos(a);
                    im += x[s + t] * wv * Math.sin(a);
                }
                power[k] += re * re + im * im;
            }
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = lo; k <= hi; k++) {
            double lx = Math.log10(k), ly = Math.log10(power[k]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
            m++;
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    @Test
    void onlyTheSampledRecordingsAreRead() {
        List<Item> items = Planted.recordings(WORDS);
        List<float[]> w = waves(items);
        java.util.Set<Integer> read = new java.util.TreeSet<>();
        List<float[]> lazy = Planted.recordingReads(w, read);
        CurveResult r = NoiseProbe.run(items, lazy, SPEECH, null, vocab(), opts().withSample(4), null, null);
        assertEquals(4, r.itemsUsed());
        assertEquals(4, read.size());
        assertTrue(r.curve("babble/mix") != null, "babble is made of the other sampled recordings");
    }

    @Test
    void babbleIsMadeOfOtherRecordings() {
        List<float[]> src = List.of(new float[] {1, 1, 1, 1}, new float[] {0, 0, 0, 0}, new float[] {2, -2, 2, -2});
        // Excluding recording 0 and skipping the silent one leaves recording 2 alone: babble is it, at unit RMS.
        float[] b = Noise.babble(8, src, 0, 6, new SplittableRandom(1));
        for (float v : b) assertEquals(1.0, Math.abs(v), 1e-6);
        assertNull(Noise.babble(8, List.of(new float[] {1, 2}), 0, 6, new SplittableRandom(1)));
    }
}
