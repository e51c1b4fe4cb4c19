package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

/**
 * The voice-shift probe on the planted tone voice ({@link Planted#TONE_WORDS}): a factor a turns every recording by
 * (π/8)·log(a)/log(1.25), so the matched score is cos of that turn and P@1 is 1 while the turn is under half a word's
 * step (a within 0.894..1.118) and 1/8 beyond it (only the word at the end the turn points away from is still heard).
 */
class VoiceShiftProbeTest {
    static final int SAMPLES = 4000;  // 0.25 s at 16 kHz: 50 periods of the lowest tone
    static final double STEP = Math.PI / 8;
    static final double LOG_STEP = Math.log(Planted.TONE_STEP);

    static Vocabulary vocab() {
        float[][] v = new float[Planted.TONE_WORDS.size()][];
        for (int k = 0; k < v.length; k++) v[k] = Planted.toneText(Planted.TONE_WORDS.get(k));
        return new Vocabulary(Planted.TONE_WORDS, v);
    }

    /** Every word spoken by a voice whose frequencies are {@code voice} times the planted ones. */
    static List<float[]> waves(double voice) {
        List<float[]> w = new ArrayList<>();
        for (int k = 0; k < Planted.TONE_WORDS.size(); k++) w.add(Planted.tone(Planted.toneHz(k) * voice, SAMPLES));
        return w;
    }

    static VoiceShiftOptions opts() {
        return VoiceShiftOptions.defaults().withSample(0);
    }

    /** The planted matched score of a recording turned by log(a) / log(1.25) steps. */
    static double planted(double a) {
        return Math.cos(STEP * Math.log(a) / LOG_STEP);
    }

    @Test
    void retrievalHoldsNearOneAndCollapsesAwayFromIt() {
        List<Item> items = Planted.recordings(Planted.TONE_WORDS);
        Planted.ToneSpeech enc = new Planted.ToneSpeech();
        CurveResult r = VoiceShiftProbe.run(items, waves(1), enc, null, vocab(), opts(), null, null);

        assertEquals("voice-shift", r.kind());
        assertFalse(r.partial());
        assertEquals(8, r.itemsUsed());
        assertEquals(0, r.skippedLowScore());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals("1.0", r.provenance().get("cleanP1"));
        assertEquals("0.7,0.75,0.8,0.85,0.9,0.95,1,1.05,1.1,1.2,1.3", r.provenance().get("factors"));
        assertEquals(8 * 12, enc.encoded.get(), "clean once, then once per factor");
        assertEquals(1, r.curves().size());
        Curve c = r.curve("voice-shift");
        assertTrue(c.xLabel().startsWith("resampling factor"), c.xLabel());
        assertEquals(VoiceShiftOptions.DEFAULT_FACTORS, c.points().stream().map(CurvePoint::level).toList());

        double[] p1 = {0.125, 0.125, 0.125, 0.125, 1, 1, 1, 1, 1, 0.125, 0.125};
        for (int i = 0; i < p1.length; i++) {
            CurvePoint p = c.points().get(i);
            double a = p.level();
            assertEquals(p1[i], p.p1().mean(), 0.0, "P@1 at " + a);
            assertEquals(planted(a), p.score().mean(), 1e-3, "score at " + a);
            assertEquals(1 - planted(a), p.drop().mean(), 1e-3, "drop at " + a);
            // Every recording turns alike: the band over recordings is narrow; there is one pass, not draws.
            assertTrue(p.drop().high() - p.drop().low() < 1e-3, a + ": " + p.drop());
            assertEquals(8, p.drop().n());
            assertEquals(8, p.items());
            assertEquals(1, p.draws());
        }
        // a = 1 is the recording itself: exactly no drop.
        CurvePoint one = c.at(1.0);
        assertEquals(0.0, one.drop().mean(), 0.0);
        assertEquals(1.0, one.score().mean(), 1e-6);
        // A known value: lowered by 0.8 = 1/1.25, each word sounds like the one below it, a full step (π/8) away.
        assertEquals(Math.cos(Math.PI / 8), c.at(0.8).score().mean(), 1e-4);
        assertEquals(0.0761, c.at(0.8).drop().mean(), 1e-4);
        // P@1's band is the Wilson interval over the 8 recordings.
        GroupP1 w = GroupP1.of("", 8, 1);
        assertEquals(w.low(), c.at(0.8).p1().low(), 1e-12);
        assertEquals(w.high(), c.at(0.8).p1().high(), 1e-12);
        assertEquals(1.0, one.p1().high(), 1e-12);
        assertEquals(0.6756, one.p1().low(), 1e-4);
    }

    @Test
    void aHigherVoiceIsRetrievedBestWhenLowered() {
        // A voice 1.25 times higher than the planted one: every word sounds like the next one up (only the top word,
        // with nothing above it, is still heard right), and lowering by 0.8 brings it back exactly.
        List<Item> items = Planted.recordings(Planted.TONE_WORDS);
        CurveResult r = VoiceShiftProbe.run(items, waves(1.25), new Planted.ToneSpeech(), null, vocab(), opts(), null, null);
        Curve c = r.curve("voice-shift");
        assertEquals("0.125", r.provenance().get("cleanP1"));
        assertEquals(0.125, c.at(1.0).p1().mean(), 0.0);
        assertEquals(0.0, c.at(1.0).drop().mean(), 0.0);
        assertEquals(1.0, c.at(0.8).p1().mean(), 0.0);
        assertEquals(1.0, c.at(0.8).score().mean(), 1e-4);
        // The score rises above the clean one: a negative drop, 1 - 1/cos(π/8).
        assertEquals(1 - 1 / Math.cos(Math.PI / 8), c.at(0.8).drop().mean(), 1e-4);
        assertEquals(-0.0824, c.at(0.8).drop().mean(), 1e-4);
        assertEquals(1.0, c.at(0.75).p1().mean(), 0.0);
        assertEquals(1.0, c.at(0.85).p1().mean(), 0.0);
        assertEquals(0.125, c.at(0.9).p1().mean(), 0.0);
        assertEquals(0.125, c.at(0.7).p1().mean(), 0.0);
        CurvePoint best = c.points().stream().max((x, y) -> Double.compare(x.score().mean(), y.score().mean())).orElseThrow();
        assertEquals(0.8, best.level());

        // The paired test of 0.8 against 1: seven words are heard only lowered (b), none only as they are (c; "eight" is
        // heard at both), so p = 2 / 2^7; the best was picked among the 10 factors other than 1.
        BestFactorTest t = c.bestVsOne();
        assertEquals(new BestFactorTest(0.8, 7, 0, 10), t);
        assertEquals(7, t.discordant());
        assertEquals(1.0 / 64, t.p(), 0.0);
        assertEquals(10.0 / 64, t.pBonferroni(), 0.0);
        assertEquals("p = 0.016 (paired, n = 7 discordant; 0.156 over 10 factors)", t.describe());
    }

    @Test
    void thePairedTestCountsTheRecordingsLostAsWellAsThoseGained() {
        // The higher voice's eight words and three words of the known voice, in one curve. Lowered by 0.8 the higher voice
        // is heard (seven words gained: b = 7) and the known voice's two, three and four are heard one word down (lost:
        // c = 3); raised by 1.2 both are heard one word up, and only the higher voice's "eight" stays right.
        List<Item> items = new ArrayList<>(spoken("tone-high"));
        List<float[]> w = new ArrayList<>(waves(1.25));
        for (int k = 1; k <= 3; k++) {
            items.add(Planted.rec("tone/" + Planted.TONE_WORDS.get(k), Planted.TONE_WORDS.get(k), "tone"));
            w.add(Planted.tone(Planted.toneHz(k), SAMPLES));
        }
        CurveResult r = VoiceShiftProbe.run(items, w, new Planted.ToneSpeech(), null, vocab(),
                opts().withFactors(List.of(0.8, 1.0, 1.2)), null, null);
        Curve c = r.curve("voice-shift");
        assertEquals(List.of(8.0 / 11, 4.0 / 11, 1.0 / 11), p1(c));
        assertEquals(new BestFactorTest(0.8, 7, 3, 2), c.bestVsOne());
        // 7 against 3 of 10 discordant: 2 (1 + 10 + 45 + 120) / 2^10, not significant despite P@1 doubling.
        assertEquals(352.0 / 1024, c.bestVsOne().p(), 0.0);
        assertEquals(704.0 / 1024, c.bestVsOne().pBonferroni(), 0.0);
    }

    @Test
    void thereIsNoPairedTestWithoutFactorOneOrWhenOneIsBest() {
        List<Item> items = Planted.recordings(Planted.TONE_WORDS);
        // Factor 1 not asked for: nothing to compare the best with.
        CurveResult none = VoiceShiftProbe.run(items, waves(1.25), new Planted.ToneSpeech(), null, vocab(),
                opts().withFactors(List.of(0.8, 1.2)), null, null);
        assertEquals(0.8, none.curve("voice-shift").bestP1().level());
        assertNull(none.curve("voice-shift").bestVsOne());
        // The known voice is retrieved best as it is.
        CurveResult known = VoiceShiftProbe.run(items, waves(1), new Planted.ToneSpeech(), null, vocab(), opts(), null, null);
        assertEquals(1.0, known.curve("voice-shift").bestP1().level());
        assertNull(known.curve("voice-shift").bestVsOne());
    }

    @Test
    void aBestFactorTestIsRefusedWhereItCannotHoldAndItsPValueReadsShort() {
        var one = assertThrows(IllegalArgumentException.class, () -> new BestFactorTest(1.0, 3, 1, 4));
        assertEquals("The best factor is compared with factor 1, so it must be another finite factor, got 1.0.", one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BestFactorTest(0.8, -1, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new BestFactorTest(0.8, 3, 1, 0));
        Band b = Band.of(new double[] {0.5, 0.6}, 2);
        List<CurvePoint> pts = List.of(new CurvePoint(0.8, b, b, b, 2, 1), new CurvePoint(0.9, b, b, b, 2, 1));
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new Curve("x", X, pts, new BestFactorTest(0.8, 3, 1, 1)));
        assertEquals("The curve x compares factor 0.8 with factor 1, but does not hold both.", missing.getMessage());

        assertEquals("p = 1.000 (paired, n = 0 discordant)", new BestFactorTest(0.9, 0, 0, 1).describe());
        assertEquals("p = 2.4e-05 (paired, n = 50 discordant; 2.4e-04 over 10 factors)",
                new BestFactorTest(0.85, 40, 10, 10).describe());
        assertEquals("p < 1e-300 (paired, n = 5000 discordant; < 1e-300 over 2 factors)",
                new BestFactorTest(0.85, 5000, 0, 2).describe());
    }

    static final String X = VoiceShiftProbe.X_LABEL;

    @Test
    void skipsAndLowCleanScoresAreCountedAndSaid() {
        List<Item> items = new ArrayList<>(Planted.recordings(Planted.TONE_WORDS));
        List<float[]> w = new ArrayList<>(waves(1));
        // "two" said with the tone of "six": four steps away, a clean cosine of 0, so no relative drop for it.
        w.set(1, Planted.tone(Planted.toneHz(5), SAMPLES));
        items.add(Planted.rec("nolabel", "", "a"));
        w.add(Planted.tone(300, SAMPLES));
        items.add(Planted.rec("oov", "zebra", "a"));
        w.add(Planted.tone(300, SAMPLES));
        items.add(Planted.rec("silent", "one", "a"));
        w.add(new float[SAMPLES]);
        items.add(Planted.rec("empty", "two", "a"));
        w.add(new float[0]);
        CurveResult r = VoiceShiftProbe.run(items, w, new Planted.ToneSpeech(), null, vocab(),
                opts().withFactors(List.of(1.0, 1.05)), null, null);
        assertEquals(8, r.itemsUsed());
        assertEquals(1, r.skippedNoTranscript());
        assertEquals(1, r.skippedLowScore());
        assertEquals("1", r.provenance().get("skippedNotInVocabulary"));
        assertEquals("2", r.provenance().get("skippedSilent"));
        assertTrue(r.warnings().contains("1 recording(s) without a transcript were skipped."), r.warnings().toString());
        assertTrue(r.warnings().contains("1 recording(s) whose transcript is not in the vocabulary were skipped."));
        assertTrue(r.warnings().contains("2 silent or empty recording(s) were skipped (they have no voice to shift)."));
        assertTrue(r.warnings().contains("1 recording(s) with a clean score at or below 0.05 left out of the relative drop "
                + "(they still count in P@1)."), r.warnings().toString());
        CurvePoint one = r.curve("voice-shift").at(1.0);
        assertEquals(7, one.items());
        assertEquals(7, one.drop().n());
        assertEquals(8, one.p1().n());
        assertEquals(0.875, one.p1().mean(), 0.0, "the mismatched recording is heard as six");
        assertEquals(0.0, one.drop().mean(), 0.0);

        List<Item> bad = List.of(Planted.rec("x", "", "a"), Planted.rec("y", "zebra", "a"));
        var e = assertThrows(WorkbenchException.class, () -> VoiceShiftProbe.run(bad, List.of(new float[4], new float[4]),
                new Planted.ToneSpeech(), null, vocab(), opts(), null, null));
        assertTrue(e.getMessage().startsWith("No recording can be probed for voice shift: of 2, 1 have no transcript, 1 have"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VoiceShiftProbe.run(bad, List.of(new float[4]),
                new Planted.ToneSpeech(), null, vocab(), opts(), null, null));
    }

    @Test
    void onlyTheSampledRecordingsAreReadAndTheSampleFollowsTheSeed() {
        List<Item> items = Planted.recordings(Planted.TONE_WORDS);
        List<float[]> w = waves(1);
        java.util.Set<Integer> read = new java.util.TreeSet<>();
        List<float[]> lazy = Planted.recordingReads(w, read);
        CurveResult r = VoiceShiftProbe.run(items, lazy, new Planted.ToneSpeech(), null, vocab(), opts().withSample(3), null, null);
        assertEquals(3, r.itemsUsed());
        assertEquals(3, read.size());
        assertEquals(List.of(Seeds.sample(8, 3, 1)[0], Seeds.sample(8, 3, 1)[1], Seeds.sample(8, 3, 1)[2]), List.copyOf(read));
        assertEquals(3, r.curve("voice-shift").at(0.9).p1().n());
    }

    @Test
    void progressCountsEveryEncodingAndCancelKeepsTheFactorsThatFinished() {
        List<Item> items = Planted.recordings(Planted.TONE_WORDS);
        List<String> stages = new ArrayList<>();
        long[] last = new long[2];
        ProgressListener progress = (stage, done, total) -> {
            if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) stages.add(stage);
            last[0] = done;
            last[1] = total;
        };
        VoiceShiftProbe.run(items, waves(1), new Planted.ToneSpeech(), null, vocab(), opts().withFactors(List.of(0.8, 1.2)),
                progress, null);
        assertEquals(List.of("encoding clean recordings", "voice shift x0.8 (1/2)", "voice shift x1.2 (2/2)"), stages);
        assertEquals(24, last[0]);
        assertEquals(24, last[1]);

        Cancellation cancel = new Cancellation();
        Planted.ToneSpeech enc = new Planted.ToneSpeech() {
            @Override
            public float[][] encode(List<float[]> inputs, ProgressListener p, Cancellation c) {
                // The clean pass and three factors finish; the fourth is cancelled half-way through.
                if (encoded.get() >= 8 * 4) cancel.cancel();
                return super.encode(inputs, p, c);
            }
        };
        CurveResult r = VoiceShiftProbe.run(items, waves(1), enc, null, vocab(), opts(), null, cancel);
        assertTrue(r.partial());
        assertEquals("true", r.provenance().get("partial"));
        assertTrue(r.warnings().contains("Cancelled: the curve holds only the factors that finished."), r.warnings().toString());
        assertEquals(List.of(0.7, 0.75, 0.8), r.curve("voice-shift").points().stream().map(CurvePoint::level).toList());
        assertEquals(0.125, r.curve("voice-shift").at(0.8).p1().mean(), 0.0);
        assertNull(r.curve("voice-shift").bestVsOne(), "cancelled before factor 1: nothing to compare with");
    }

    @Test
    void oneRecordingWorksWithAWarning() {
        List<Item> items = Planted.recordings(List.of("three"));
        CurveResult r = VoiceShiftProbe.run(items, List.of(Planted.tone(Planted.toneHz(2), SAMPLES)), new Planted.ToneSpeech(),
                null, vocab(), opts().withFactors(List.of(0.8, 1.0)), null, null);
        assertTrue(r.warnings().contains("Only one recording: the bands, which are over recordings, have no width."));
        CurvePoint p = r.curve("voice-shift").at(0.8);
        assertEquals(0.0, p.p1().mean(), 0.0, "three lowered by 0.8 is heard as two");
        assertEquals(p.drop().mean(), p.drop().low(), 0.0);
        assertEquals(p.drop().mean(), p.drop().high(), 0.0);
    }

    /** Every word of {@link Planted#TONE_WORDS} by a speaker, ids SPEAKER/WORD. */
    static List<Item> spoken(String speaker) {
        List<Item> out = new ArrayList<>();
        for (String w : Planted.TONE_WORDS) out.add(Planted.rec(speaker + "/" + w, w, speaker));
        return out;
    }

    static List<Double> p1(Curve c) {
        return c.points().stream().map(p -> p.p1().mean()).toList();
    }

    @Test
    void oneCurvePerSpeakerFindsTheVoiceThatIsTooHigh() {
        // "tone" is the voice the planted encoder knows, "tone-high" the same words 1.25 times higher. Their recordings
        // are interleaved, so that a curve per speaker must gather its recordings from the whole list.
        List<Item> items = new ArrayList<>();
        List<float[]> w = new ArrayList<>();
        List<Item> known = spoken("tone"), high = spoken("tone-high");
        List<float[]> knownW = waves(1), highW = waves(1.25);
        for (int k = 0; k < 8; k++) {
            items.add(high.get(k));
            w.add(highW.get(k));
            items.add(known.get(k));
            w.add(knownW.get(k));
        }
        Planted.ToneSpeech enc = new Planted.ToneSpeech();
        CurveResult r = VoiceShiftProbe.run(items, w, enc, null, vocab(), opts().withBySpeaker(true), null, null);

        assertEquals(16 * 12, enc.encoded.get(), "each recording clean once, then once per factor, whatever the grouping");
        assertEquals(16, r.itemsUsed());
        assertEquals(List.of("all", "tone", "tone-high"), r.curves().stream().map(Curve::name).toList());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals("true", r.provenance().get("bySpeaker"));
        assertEquals("2", r.provenance().get("speakers"));
        Curve all = r.curve("all"), tone = r.curve("tone"), toneHigh = r.curve("tone-high");
        for (Curve c : r.curves()) {
            assertEquals(VoiceShiftOptions.DEFAULT_FACTORS, c.points().stream().map(CurvePoint::level).toList(), c.name());
            assertEquals(VoiceShiftProbe.X_LABEL, c.xLabel());
        }
        // factors                             0.7    0.75   0.8    0.85   0.9    0.95   1      1.05   1.1    1.2    1.3
        assertEquals(List.of(0.125, 0.125, 0.125, 0.125, 1.0, 1.0, 1.0, 1.0, 1.0, 0.125, 0.125), p1(tone));
        assertEquals(List.of(0.125, 1.0, 1.0, 1.0, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125), p1(toneHigh));
        // Mixed, the two voices hide each other: the same P@1 from 0.75 to 1.1.
        assertEquals(List.of(0.125, 0.5625, 0.5625, 0.5625, 0.5625, 0.5625, 0.5625, 0.5625, 0.5625, 0.125, 0.125), p1(all));

        // The known voice peaks at 1 and the higher one at 0.8 (highest P@1, ties broken by the score).
        assertEquals(1.0, tone.bestP1().level());
        assertEquals(1.0, tone.bestP1().p1().mean(), 0.0);
        assertEquals(1.0, tone.bestP1().score().mean(), 1e-6);
        assertEquals(0.8, toneHigh.bestP1().level());
        assertEquals(1.0, toneHigh.bestP1().p1().mean(), 0.0);
        assertEquals(1.0, toneHigh.bestP1().score().mean(), 1e-4);
        assertEquals(0.125, toneHigh.at(1.0).p1().mean(), 0.0);
        // The mix peaks between them, at 0.9, where the mean of the two turned scores is highest.
        assertEquals(0.9, all.bestP1().level());
        assertEquals((planted(0.9) + planted(0.9 * 1.25)) / 2, all.bestP1().score().mean(), 1e-3);
        // The paired tests: the higher voice gains seven words lowered and loses none; the known voice is best at 1 and
        // has none; the mix, best at 0.9 only by its score, hears the same recordings there as at 1: p = 1.
        assertEquals(new BestFactorTest(0.8, 7, 0, 10), toneHigh.bestVsOne());
        assertNull(tone.bestVsOne());
        assertEquals(new BestFactorTest(0.9, 0, 0, 10), all.bestVsOne());
        assertEquals(1.0, all.bestVsOne().p(), 0.0);

        // Each speaker's points are over its own 8 recordings, with the values of the single-voice runs.
        CurveResult alone = VoiceShiftProbe.run(spoken("tone-high"), waves(1.25), new Planted.ToneSpeech(), null, vocab(), opts(),
                null, null);
        for (CurvePoint p : toneHigh.points()) {
            CurvePoint q = alone.curve("voice-shift").at(p.level());
            assertEquals(8, p.p1().n());
            assertEquals(8, p.items());
            assertEquals(q.p1(), p.p1());
            assertEquals(q.drop().mean(), p.drop().mean(), 1e-12);
            assertEquals(q.score().mean(), p.score().mean(), 1e-12);
        }
        assertEquals(0.0761, tone.at(0.8).drop().mean(), 1e-4);
        assertEquals(-0.0824, toneHigh.at(0.8).drop().mean(), 1e-4);
        assertEquals(16, all.at(0.8).p1().n());
        assertEquals((0.0761 - 0.0824) / 2, all.at(0.8).drop().mean(), 1e-4);
        GroupP1 w9 = GroupP1.of("", 16, 9);
        assertEquals(w9.low(), all.at(1.0).p1().low(), 1e-12);
        assertEquals(w9.high(), all.at(1.0).p1().high(), 1e-12);
    }

    @Test
    void bySpeakerSamplesWithinEachSpeakerSoASmallOneIsNotStarved() {
        // 8 recordings of "big", 2 of "small" and 2 without a speaker.
        List<Item> items = new ArrayList<>(spoken("big"));
        List<float[]> w = new ArrayList<>(waves(1));
        items.add(Planted.rec("small/one", "one", "small"));
        items.add(Planted.rec("small/two", "two", "small"));
        items.add(Planted.rec("anon/three", "three", null));
        items.add(Planted.rec("anon/four", "four", " "));
        for (int k = 0; k < 4; k++) w.add(Planted.tone(Planted.toneHz(k), SAMPLES));
        java.util.Set<Integer> read = new java.util.TreeSet<>();
        List<float[]> lazy = Planted.recordingReads(w, read);
        VoiceShiftOptions o = opts().withFactors(List.of(0.8, 1.0)).withSample(3).withBySpeaker(true);
        CurveResult r = VoiceShiftProbe.run(items, lazy, new Planted.ToneSpeech(), null, vocab(), o, null, null);
        // Three of big (drawn from big's own stream), both of small, both without a speaker: 7, not 3.
        assertEquals(7, r.itemsUsed());
        assertEquals(7, read.size());
        int[] big = Seeds.sample(8, 3, 1, "speaker", "big");
        assertEquals(List.of(big[0], big[1], big[2], 8, 9, 10, 11), List.copyOf(read));
        assertEquals(List.of("all", "big", "small", "(no speaker)"), r.curves().stream().map(Curve::name).toList());
        assertEquals(3, r.curve("big").at(1.0).p1().n());
        assertEquals(2, r.curve("small").at(1.0).p1().n());
        assertEquals(2, r.curve("(no speaker)").at(1.0).p1().n());
        assertEquals(7, r.curve("all").at(1.0).p1().n());
        // A speaker's sample does not depend on the others: without small and the unnamed ones, big's is the same.
        read.clear();
        VoiceShiftProbe.run(items.subList(0, 8), lazy.subList(0, 8), new Planted.ToneSpeech(), null, vocab(), o, null, null);
        assertEquals(List.of(big[0], big[1], big[2]), List.copyOf(read));
        // Without bySpeaker the same sample size takes 3 recordings in all.
        assertEquals(3, VoiceShiftProbe.run(items, w, new Planted.ToneSpeech(), null, vocab(), o.withBySpeaker(false), null, null)
                .itemsUsed());
    }

    @Test
    void bySpeakerSaysWhenTheSpeakersCannotBeToldApart() {
        VoiceShiftOptions o = opts().withFactors(List.of(1.0)).withBySpeaker(true);
        List<Item> none = new ArrayList<>();
        for (String word : Planted.TONE_WORDS) none.add(Planted.rec(word, word, null));
        CurveResult r = VoiceShiftProbe.run(none, waves(1), new Planted.ToneSpeech(), null, vocab(), o, null, null);
        assertEquals(List.of("all", "(no speaker)"), r.curves().stream().map(Curve::name).toList());
        assertTrue(r.warnings().contains("No probed recording has a speaker, so the one speaker curve, (no speaker), is the curve "
                + "all: give each recording its speaker (the manifest's speaker column) to see one curve per voice."),
                r.warnings().toString());

        CurveResult one = VoiceShiftProbe.run(spoken("ann"), waves(1), new Planted.ToneSpeech(), null, vocab(), o, null, null);
        assertTrue(one.warnings().contains("All probed recordings are of one speaker (ann): its curve is the curve all."),
                one.warnings().toString());

        // A speaker named like the probe's own groups keeps a curve of its own; a speaker with one recording is named.
        List<Item> odd = new ArrayList<>(spoken("all").subList(0, 4));
        odd.addAll(spoken("(no speaker)").subList(4, 7));
        odd.add(Planted.rec("solo/eight", "eight", "solo"));
        CurveResult q = VoiceShiftProbe.run(odd, waves(1), new Planted.ToneSpeech(), null, vocab(), o, null, null);
        assertEquals(List.of("all", "solo", "speaker \"(no speaker)\"", "speaker \"all\""),
                q.curves().stream().map(Curve::name).toList());
        assertEquals(8, q.curve("all").at(1.0).p1().n());
        assertEquals(4, q.curve("speaker \"all\"").at(1.0).p1().n());
        assertEquals(3, q.curve("speaker \"(no speaker)\"").at(1.0).p1().n());
        assertTrue(q.warnings().contains("1 speaker(s) have only one probed recording, so their bands have no width: solo."),
                q.warnings().toString());
    }

    @Test
    void bySpeakerCancelKeepsTheFactorsThatFinishedInEveryCurve() {
        List<Item> items = new ArrayList<>(spoken("a"));
        items.addAll(spoken("b"));
        List<float[]> w = new ArrayList<>(waves(1));
        w.addAll(waves(1.25));
        Cancellation cancel = new Cancellation();
        Planted.ToneSpeech enc = new Planted.ToneSpeech() {
            @Override
            public float[][] encode(List<float[]> inputs, ProgressListener p, Cancellation c) {
                if (encoded.get() >= 16 * 3) cancel.cancel();
                return super.encode(inputs, p, c);
            }
        };
        CurveResult r = VoiceShiftProbe.run(items, w, enc, null, vocab(), opts().withBySpeaker(true), null, cancel);
        assertTrue(r.partial());
        assertTrue(r.warnings().contains("Cancelled: the curves hold only the factors that finished."), r.warnings().toString());
        for (Curve c : r.curves()) assertEquals(List.of(0.7, 0.75), c.points().stream().map(CurvePoint::level).toList(), c.name());
        assertEquals(1.0, r.curve("b").at(0.75).p1().mean(), 0.0);
    }
}
