package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class TextPerturbationProbeTest {

    static final List<String> LONG = List.of(
            "the quick brown fox jumps over the lazy dog",
            "pack my box with five dozen liquor jugs now",
            "how vexingly quick daft zebras jump at night",
            "sphinx of black quartz judge my solemn vow",
            "crazy fredrick bought many very exquisite opal jewels");

    static TextPerturbationOptions opts() {
        return TextPerturbationOptions.defaults().withDraws(4).withSeed(7);
    }

    @Test
    void encoderThatIgnoresItsInputGivesAFlatCurve() {
        List<Item> items = Planted.recordings(LONG);
        float[] v = Planted.hashVector("anything", Planted.DIM);
        float[][] speech = new float[items.size()][];
        for (int i = 0; i < speech.length; i++) speech[i] = Planted.hashVector("speaker" + i, Planted.DIM);
        CurveResult r = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(Planted.constantText(v))),
                opts().withLevels(List.of(0.0, 0.2, 0.5, 1.0)), null, null);
        // Some speech vectors may have a low clean score with v; those are left out, but the rest must be flat.
        Curve c = r.curve("characters");
        assertEquals(4, c.points().size());
        for (CurvePoint p : c.points()) {
            if (Double.isNaN(p.drop().mean())) continue;
            assertEquals(0.0, p.drop().mean(), 1e-12, "level " + p.level());
            assertEquals(0.0, p.drop().high() - p.drop().low(), 1e-12);
        }
        // With a speech vector equal to v, every item counts and the curve is exactly flat at zero.
        for (int i = 0; i < speech.length; i++) speech[i] = v.clone();
        r = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(Planted.constantText(v))),
                opts(), null, null);
        assertEquals(5, r.curve("characters").points().get(0).items());
        for (CurvePoint p : r.curve("characters").points()) assertEquals(0.0, p.drop().mean(), 1e-6);
        assertFalse(r.partial());
    }

    @Test
    void hashEncoderShowsACliffAtTheFirstChange() {
        List<Item> items = Planted.recordings(LONG);
        CurveResult r = TextPerturbationProbe.run(items, Planted.hashSpeech(items), null,
                List.of(TextTower.characters(Planted.hashText())), opts(), null, null);
        Curve c = r.curve("characters");
        assertEquals(21, c.points().size());
        assertEquals(0.0, c.at(0.0).drop().mean(), 1e-6);
        assertEquals(1.0, c.at(0.0).score().mean(), 1e-6);
        // 5% of ~35 letters is at least one change: the score of a hash falls to chance at once, and stays there.
        for (CurvePoint p : c.points()) {
            if (p.level() == 0) continue;
            assertTrue(p.drop().mean() > 0.75, "level " + p.level() + " drop " + p.drop().mean());
            assertTrue(Math.abs(p.score().mean()) < 0.25, "level " + p.level() + " score " + p.score().mean());
        }
    }

    @Test
    void sameSeedSameCurveOtherSeedOtherCurve() {
        List<Item> items = Planted.recordings(List.of("cat", "dog", "house", "garden", "window", "yellow"));
        // A smooth encoder: the share of letters kept in place, so the curve depends on which letters are hit.
        var smooth = new Planted.FnText("bag", Planted::letterBag);
        float[][] speech = new float[items.size()][];
        for (int i = 0; i < speech.length; i++) speech[i] = Planted.letterBag(items.get(i).label());
        CurveResult a = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(smooth)), opts(), null, null);
        CurveResult b = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(smooth)), opts(), null, null);
        CurveResult c = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(smooth)),
                opts().withSeed(8), null, null);
        List<Double> da = drops(a), db = drops(b), dc = drops(c);
        assertEquals(da, db);
        assertNotEquals(da, dc);
        // Monotone on average and within [0, 1] for a non-negative bag of letters.
        assertEquals(0.0, da.get(0), 1e-6);
        assertTrue(da.get(20) > da.get(4));
    }

    static List<Double> drops(CurveResult r) {
        List<Double> out = new ArrayList<>();
        for (CurvePoint p : r.curves().get(0).points()) out.add(p.drop().mean());
        return out;
    }

    @Test
    void itemsWithoutTranscriptAreSkippedAndCounted() {
        List<Item> items = new ArrayList<>(Planted.recordings(LONG));
        items.add(Planted.rec("silent1", "", "a"));
        items.add(Planted.rec("silent2", "   ", "b"));
        float[][] speech = new float[items.size()][];
        for (int i = 0; i < speech.length; i++) speech[i] = Planted.hashVector(items.get(i).label(), Planted.DIM);
        CurveResult r = TextPerturbationProbe.run(items, speech, null, List.of(TextTower.characters(Planted.hashText())),
                opts().withLevels(List.of(0.0, 0.5)), null, null);
        assertEquals(2, r.skippedNoTranscript());
        assertEquals(5, r.itemsUsed());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("2 recording(s) without a transcript")));

        List<Item> none = List.of(Planted.rec("x", "", null));
        var e = assertThrows(WorkbenchException.class, () -> TextPerturbationProbe.run(none, new float[1][Planted.DIM], null,
                List.of(TextTower.characters(Planted.hashText())), opts(), null, null));
        assertTrue(e.getMessage().contains("transcript"), e.getMessage());
    }

    @Test
    void oneItemWorksAndSaysSo() {
        List<Item> items = Planted.recordings(List.of(LONG.get(0)));
        CurveResult r = TextPerturbationProbe.run(items, Planted.hashSpeech(items), null,
                List.of(TextTower.characters(Planted.hashText())), opts().withLevels(List.of(0.0, 0.3)), null, null);
        assertEquals(1, r.itemsUsed());
        assertEquals(2, r.curve("characters").points().size());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Only one recording")));
    }

    @Test
    void levelsOutsideRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(0.0, 1.5)));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(-0.1)));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of()));
        assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(0.1, 0.1)));
        assertThrows(IllegalArgumentException.class, () -> opts().withDraws(0));
        var e = assertThrows(IllegalArgumentException.class, () -> opts().withLevels(List.of(20.0)));
        assertTrue(e.getMessage().contains("0.2 for 20%"), e.getMessage());
    }

    @Test
    void cancelHalfWayReturnsPartialCurvesMarkedPartial() {
        List<Item> items = Planted.recordings(LONG);
        Cancellation cancel = new Cancellation();
        var enc = Planted.hashText();
        int perDraw = 21 * items.size();
        // Clean pass + one full draw + half of the second draw, then cancel.
        int stopAt = items.size() + perDraw + perDraw / 2;
        enc.afterEach = () -> { if (enc.encoded.get() == stopAt) cancel.cancel(); };
        long[] lastDone = {0};
        ProgressListener pl = (s, d, t) -> lastDone[0] = d;
        CurveResult r = TextPerturbationProbe.run(items, Planted.hashSpeech(items), null, List.of(TextTower.characters(enc)),
                opts(), pl, cancel);
        assertTrue(r.partial());
        assertEquals("true", r.provenance().get("partial"));
        Curve c = r.curve("characters");
        assertEquals(21, c.points().size());
        int two = 0, one = 0;
        for (CurvePoint p : c.points()) {
            if (p.draws() == 2) two++;
            else if (p.draws() == 1) one++;
        }
        assertEquals(21, two + one);
        assertTrue(two >= 9 && two <= 11, "levels with a second draw: " + two);
        assertTrue(lastDone[0] < (long) items.size() * (1 + 21 * 4));
    }

    @Test
    void perturberReplacesTheExpectedShareAndAlwaysChanges() {
        Perturber p = new Perturber(PerturbationUnit.CHARACTERS, Perturber.symbols(TextPerturbationOptions.DEFAULT_ALPHABET));
        String s = "abcdefghijklmnopqrst"; // 20 letters
        SplittableRandom r = new SplittableRandom(1);
        for (double share : new double[] {0, 0.05, 0.25, 0.5, 1.0}) {
            String out = p.perturb(s, share, r);
            int diff = 0;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) != out.charAt(i)) diff++;
            assertEquals(Math.round(share * 20), diff, "share " + share);
        }
        assertEquals("hi, there!".replaceAll("[a-z]", "").length(),
                p.perturb("hi, there!", 1.0, r).replaceAll("[a-z]", "").length(), "punctuation and spaces stay");
        // Fractional counts are rounded at random with the right expectation: 10% of 4 letters = 0.4 letters.
        int changed = 0;
        for (int k = 0; k < 10000; k++) if (!p.perturb("word", 0.1, r).equals("word")) changed++;
        assertEquals(0.4, changed / 10000.0, 0.02);
    }

    @Test
    void phonemeSegmentsKeepDiacriticsStressAndTies() {
        var segs = Perturber.segments("dʒˈʌdʒ θˈɔːt t͡ʃiːz", PerturbationUnit.PHONEMES);
        List<String> phones = segs.stream().filter(Perturber.Segment::replaceable).map(Perturber.Segment::text).toList();
        assertEquals(List.of("d", "ʒ", "ʌ", "d", "ʒ", "θ", "ɔː", "t", "t͡ʃ", "iː", "z"), phones);
        Perturber p = new Perturber(PerturbationUnit.PHONEMES, Perturber.phonemeInventory(List.of("dʒˈʌdʒ θˈɔːt t͡ʃiːz")));
        String out = p.perturb("θˈɔːt", 1.0, new SplittableRandom(3));
        assertTrue(out.contains("ˈ"), out);
        var outSegs = Perturber.segments(out, PerturbationUnit.PHONEMES).stream()
                .filter(Perturber.Segment::replaceable).map(Perturber.Segment::text).toList();
        assertEquals(3, outSegs.size(), out);
        assertNotEquals("θ", outSegs.get(0));
        assertNotEquals("ɔː", outSegs.get(1));
        assertNotEquals("t", outSegs.get(2));
    }

    @Test
    void bandIsTheStudentIntervalOfTheMean() {
        // numpy/scipy: m=2.5, s=sqrt(5/3); t(0.975,3)=3.182446305284263 -> half width 3.182446*1.290994/2 = 2.05427
        Band b = Band.of(new double[] {1, 2, 3, 4}, 4);
        assertEquals(2.5, b.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), b.sd(), 1e-12);
        assertEquals(2.5 + 2.0542, b.high(), 1e-3);
        assertEquals(2.5 - 2.0542, b.low(), 1e-3);
    }
}
