package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class IntelligibilityProbeTest {

    static JsonNode golden() throws Exception {
        try (InputStream in = IntelligibilityProbeTest.class.getResourceAsStream("/probe/probe_golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void temperatureAndProbabilitiesMatchScipy() throws Exception {
        JsonNode g = golden();
        List<double[]> cos = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (JsonNode row : g.get("cosines")) {
            double[] r = new double[row.size()];
            for (int i = 0; i < r.length; i++) r[i] = row.get(i).asDouble();
            cos.add(r);
        }
        for (JsonNode t : g.get("targets")) targets.add(t.asInt());
        double tau = IntelligibilityProbe.fitTemperature(cos, targets);
        assertEquals(g.get("tau").asDouble(), tau, 1e-6 * tau);
        assertEquals(g.get("nllAtTau").asDouble(), IntelligibilityProbe.nll(cos, targets, tau), 1e-9);
        for (int k = 0; k < cos.size(); k++) {
            assertEquals(g.get("probabilities").get(k).asDouble(), IntelligibilityProbe.probability(cos.get(k), targets.get(k),
                    g.get("tau").asDouble()), 1e-12);
        }
    }

    @Test
    void studentQuantilesMatchScipy() throws Exception {
        var t = golden().get("t975");
        t.fieldNames().forEachRemaining(df -> assertEquals(t.get(df).asDouble(), Band.t975(Integer.parseInt(df)), 1e-3, df));
    }

    static final List<String> WORDS = List.of("cat", "dog", "house", "garden", "window", "yellow", "river", "stone",
            "apple", "bread", "chair", "table");

    /** A recording vector near the text vector of {@code word}, with Gaussian noise of the given size per dimension. */
    static float[] near(String word, double noise, SplittableRandom r) {
        float[] v = Planted.hashVector(word, Planted.DIM);
        for (int i = 0; i < v.length; i++) v[i] += (float) (noise * r.nextGaussian());
        return v;
    }

    static Vocabulary vocab() {
        float[][] v = new float[WORDS.size()][];
        for (int i = 0; i < v.length; i++) v[i] = Planted.hashVector(WORDS.get(i), Planted.DIM);
        return new Vocabulary(WORDS, v);
    }

    /** Clean, noisy and wrong-word recordings of every word: the planted story the score must tell. */
    static IntelligibilityResult story(IntelligibilityOptions o) {
        SplittableRandom r = new SplittableRandom(5);
        List<Item> items = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        for (int w = 0; w < WORDS.size(); w++) {
            String word = WORDS.get(w);
            for (int k = 0; k < 4; k++) {
                items.add(Planted.rec("clean-" + word + k, word, "v" + k));
                vecs.add(near(word, 0.05, r));
                items.add(Planted.rec("noisy-" + word + k, word, "v" + k));
                vecs.add(near(word, 0.25, r));
            }
            // A recording meant to say this word that says the next one.
            items.add(Planted.rec("wrong-" + word, word, "v0"));
            vecs.add(near(WORDS.get((w + 1) % WORDS.size()), 0.05, r));
        }
        return IntelligibilityProbe.run(items, vecs.toArray(new float[0][]), null, vocab(), o, null, null);
    }

    static double mean(IntelligibilityResult res, String prefix) {
        return res.rows().stream().filter(x -> x.itemId().startsWith(prefix)).mapToDouble(IntelligibilityRow::score)
                .average().orElseThrow();
    }

    @Test
    void cleanScoresHighNoisyLowerWrongWordNearZero() {
        IntelligibilityResult res = story(IntelligibilityOptions.defaults());
        double clean = mean(res, "clean-"), noisy = mean(res, "noisy-"), wrong = mean(res, "wrong-");
        assertTrue(res.fitted());
        assertTrue(clean > 0.9, "clean " + clean);
        assertTrue(noisy < clean - 0.1 && noisy > 0.3, "noisy " + noisy);
        assertTrue(wrong < 0.05, "wrong " + wrong);
        // Every wrong-word recording ranks below every clean one, and its intended text is not the model's choice.
        int worstClean = res.rows().stream().filter(x -> x.itemId().startsWith("clean-")).mapToInt(IntelligibilityRow::rank).max().orElseThrow();
        int bestWrong = res.rows().stream().filter(x -> x.itemId().startsWith("wrong-")).mapToInt(IntelligibilityRow::rank).min().orElseThrow();
        assertTrue(bestWrong > worstClean);
        IntelligibilityRow w = res.row("wrong-cat");
        assertEquals("dog", w.bestOther());
        assertTrue(w.intendedRank() > 1 && w.margin() < 0);
        // Ranks are 1..n by falling score.
        for (int k = 0; k < res.rows().size(); k++) {
            assertEquals(k + 1, res.rows().get(k).rank());
            if (k > 0) assertTrue(res.rows().get(k).score() <= res.rows().get(k - 1).score());
        }
        // A fixed temperature is used as given.
        IntelligibilityResult fixed = story(new IntelligibilityOptions(0.5));
        assertEquals(0.5, fixed.temperature());
        assertTrue(mean(fixed, "clean-") < clean, "a hotter softmax spreads the probability");
    }

    @Test
    void badInputs() {
        List<Item> items = List.of(Planted.rec("a", "cat", null), Planted.rec("b", "", null), Planted.rec("c", "zebra", null));
        float[][] v = {near("cat", 0.05, new SplittableRandom(1)), new float[Planted.DIM], new float[Planted.DIM]};
        IntelligibilityResult r = IntelligibilityProbe.run(items, v, null, vocab(), IntelligibilityOptions.defaults(), null, null);
        assertEquals(1, r.rows().size());
        assertEquals(1, r.skippedNoTranscript());
        assertEquals(1, r.skippedNotInVocabulary());
        assertTrue(r.warnings().contains("1 recording(s) without an intended text were skipped."), r.warnings().toString());
        assertTrue(r.warnings().contains("1 recording(s) whose intended text is not in the vocabulary were skipped."),
                r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("only 1 recording")));

        Vocabulary one = new Vocabulary(List.of("cat"), new float[][] {Planted.hashVector("cat", Planted.DIM)});
        var e = assertThrows(WorkbenchException.class, () -> IntelligibilityProbe.run(items, v, null, one,
                IntelligibilityOptions.defaults(), null, null));
        assertTrue(e.getMessage().contains("at least one more"), e.getMessage());
        var none = assertThrows(WorkbenchException.class, () -> IntelligibilityProbe.run(items.subList(1, 3),
                new float[2][Planted.DIM], null, vocab(), IntelligibilityOptions.defaults(), null, null));
        assertTrue(none.getMessage().startsWith("No recording could be scored: 1 have no transcript and 1 have"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntelligibilityOptions(-1));
        assertThrows(IllegalArgumentException.class, () -> new IntelligibilityOptions(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new IntelligibilityOptions(100));
    }

    @Test
    void cancelHalfWayListsOnlyWhatWasScoredAndSaysPartial() {
        List<Item> items = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(2);
        for (String w : WORDS) {
            items.add(Planted.rec("r-" + w, w, null));
            vecs.add(near(w, 0.1, r));
        }
        Cancellation c = new Cancellation();
        IntelligibilityResult res = IntelligibilityProbe.run(items, vecs.toArray(new float[0][]), null, vocab(),
                IntelligibilityOptions.defaults(), (s, d, t) -> { if (d == 6) c.cancel(); }, c);
        assertTrue(res.partial());
        assertTrue(res.warnings().get(0).startsWith("Cancelled:"), res.warnings().toString());
        assertEquals(6, res.rows().size());
        assertEquals("true", res.provenance().get("partial"));
    }
}
