package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class ConfusionProbeTest {
    static final List<String> WORDS = List.of("cat", "bat", "dog", "house", "mouse");

    static Vocabulary vocab() {
        float[][] v = new float[WORDS.size()][];
        for (int i = 0; i < v.length; i++) v[i] = Planted.hashVector(WORDS.get(i), Planted.DIM);
        return new Vocabulary(WORDS, v);
    }

    @Test
    void plantedConfusionsAreCountedWithTheirRecordingsAndSpeakers() {
        List<Item> items = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        // Speaker "ann" says cat three times and the model hears bat; house once heard as mouse.
        // Speaker "bob" is always understood. One recording has no speaker.
        for (int k = 0; k < 3; k++) {
            items.add(Planted.rec("ann-cat" + k, "cat", "ann"));
            vecs.add(Planted.hashVector("bat", Planted.DIM));
        }
        items.add(Planted.rec("ann-house", "House.", "ann"));
        vecs.add(Planted.hashVector("mouse", Planted.DIM));
        items.add(Planted.rec("ann-dog", "dog", "ann"));
        vecs.add(Planted.hashVector("dog", Planted.DIM));
        for (String w : WORDS) {
            items.add(Planted.rec("bob-" + w, w, "bob"));
            vecs.add(Planted.hashVector(w, Planted.DIM));
        }
        items.add(Planted.rec("anon-dog", "dog", null));
        vecs.add(Planted.hashVector("house", Planted.DIM));

        ConfusionResult r = ConfusionProbe.run(items, vecs.toArray(new float[0][]), null, vocab(), ConfusionOptions.defaults(),
                null, null);
        assertFalse(r.partial());
        assertEquals(5, r.totalConfusions());
        assertEquals(3, r.distinctPairs());
        Confusion top = r.confusions().get(0);
        assertEquals("cat", top.said());
        assertEquals("bat", top.heard());
        assertEquals(3, top.count());
        assertEquals(List.of("ann-cat0", "ann-cat1", "ann-cat2"), top.itemIds());
        assertTrue(top.minimalPair());
        Confusion dogHouse = r.confusions().stream().filter(c -> c.said().equals("dog")).findFirst().orElseThrow();
        assertEquals(4, dogHouse.editDistance());
        assertFalse(dogHouse.minimalPair());
        assertEquals(11, r.overall().n());
        assertEquals(6, r.overall().hits());
        // Worst speaker first: the anonymous recording (0/1), then ann (1/5), then bob (5/5).
        assertEquals(List.of(ConfusionProbe.UNKNOWN, "ann", "bob"), r.perSpeaker().stream().map(GroupP1::group).toList());
        assertEquals(0.2, r.perSpeaker().get(1).p1(), 1e-12);
        assertEquals(1.0, r.perSpeaker().get(2).p1(), 1e-12);
        assertEquals("cat", r.perWord().get(0).group());
        assertEquals(0.25, r.perWord().get(0).p1(), 1e-12);

        ConfusionResult one = ConfusionProbe.run(items, vecs.toArray(new float[0][]), null, vocab(), new ConfusionOptions(1), null, null);
        assertEquals(1, one.confusions().size());
        assertEquals(3, one.distinctPairs());
    }

    @Test
    void pairsAreComparedBySoundWhenIpaIsGiven() {
        List<String> words = List.of("one", "won", "cat", "bat", "dog");
        float[][] v = new float[words.size()][];
        for (int i = 0; i < v.length; i++) v[i] = Planted.hashVector(words.get(i), Planted.DIM);
        Vocabulary vocab = new Vocabulary(words, v);
        java.util.Map<String, String> ipa = java.util.Map.of("one", "wˈʌn", "won", "wˈʌn", "cat", "kˈæt", "bat", "bˈæt",
                "dog", "dˈɔːɡ");
        List<Item> items = List.of(Planted.rec("a", "one", "x"), Planted.rec("b", "cat", "x"), Planted.rec("c", "dog", "x"));
        float[][] sv = {Planted.hashVector("won", Planted.DIM), Planted.hashVector("bat", Planted.DIM),
                Planted.hashVector("cat", Planted.DIM)};
        List<List<String>> asked = new ArrayList<>();
        ConfusionResult r = ConfusionProbe.run(items, sv, null, vocab, ConfusionOptions.defaults(), l -> {
            asked.add(l);
            return l.stream().map(ipa::get).toList();
        }, null, null);
        assertEquals(1, asked.size(), "one call for all listed pairs");
        Confusion oneWon = find(r, "one"), catBat = find(r, "cat"), dogCat = find(r, "dog");
        assertEquals(0, oneWon.phonemeDistance());
        assertTrue(oneWon.homophones());
        assertFalse(oneWon.minimalPair());
        assertEquals(2, oneWon.editDistance());
        assertEquals(1, catBat.phonemeDistance());
        assertTrue(catBat.minimalPair());
        assertEquals("kˈæt", catBat.saidIpa());
        assertEquals(3, dogCat.phonemeDistance(), "d-ɔː-ɡ against k-æ-t");

        ConfusionResult noIpa = ConfusionProbe.run(items, sv, null, vocab, ConfusionOptions.defaults(), l -> {
            throw new WorkbenchException("espeak-ng is missing");
        }, null, null);
        assertEquals(-1, find(noIpa, "one").phonemeDistance());
        assertTrue(find(noIpa, "cat").minimalPair(), "one letter apart");
        assertTrue(noIpa.warnings().stream().anyMatch(w -> w.contains("by spelling only")));
    }

    static Confusion find(ConfusionResult r, String said) {
        return r.confusions().stream().filter(c -> c.said().equals(said)).findFirst().orElseThrow();
    }

    @Test
    void wilsonIntervalsMatchScipy() throws Exception {
        for (var w : IntelligibilityProbeTest.golden().get("wilson")) {
            GroupP1 g = GroupP1.of("x", w.get("n").asInt(), w.get("k").asInt());
            assertEquals(w.get("low").asDouble(), g.low(), 1e-9, w.toString());
            assertEquals(w.get("high").asDouble(), g.high(), 1e-9, w.toString());
        }
    }

    @Test
    void editDistance() {
        assertEquals(0, ConfusionProbe.levenshtein("cat", "cat"));
        assertEquals(1, ConfusionProbe.levenshtein("cat", "bat"));
        assertEquals(1, ConfusionProbe.levenshtein("cat", "cats"));
        assertEquals(3, ConfusionProbe.levenshtein("kitten", "sitting"));
        assertEquals(3, ConfusionProbe.levenshtein("", "abc"));
    }

    @Test
    void badInputsAndCancel() {
        List<Item> items = List.of(Planted.rec("a", "cat", "x"), Planted.rec("b", "", "x"), Planted.rec("c", "zebra", "x"));
        float[][] v = {Planted.hashVector("cat", Planted.DIM), new float[Planted.DIM], new float[Planted.DIM]};
        ConfusionResult r = ConfusionProbe.run(items, v, null, vocab(), ConfusionOptions.defaults(), null, null);
        assertEquals(1, r.skippedNoTranscript());
        assertEquals(1, r.skippedNotInVocabulary());
        assertEquals(1, r.overall().n());
        assertTrue(r.warnings().contains("1 recording(s) without a transcript were skipped."), r.warnings().toString());
        assertTrue(r.warnings().contains("1 recording(s) whose transcript is not in the vocabulary were skipped."),
                r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(s -> s.contains("Only one recording")));
        var none = assertThrows(WorkbenchException.class, () -> ConfusionProbe.run(items.subList(1, 3), new float[2][Planted.DIM],
                null, vocab(), ConfusionOptions.defaults(), null, null));
        assertTrue(none.getMessage().startsWith("No recording could be matched: 1 have no transcript and 1 have"), none.getMessage());
        assertThrows(WorkbenchException.class, () -> ConfusionProbe.run(items, v, null, new Vocabulary(List.of(), new float[0][]),
                ConfusionOptions.defaults(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionOptions(0));

        List<Item> many = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(Planted.rec("r" + i, "cat", "x"));
            vecs.add(Planted.hashVector("bat", Planted.DIM));
        }
        Cancellation c = new Cancellation();
        ConfusionResult p = ConfusionProbe.run(many, vecs.toArray(new float[0][]), null, vocab(), ConfusionOptions.defaults(),
                (s, d, t) -> { if (d == 10) c.cancel(); }, c);
        assertTrue(p.partial());
        assertTrue(p.warnings().get(0).startsWith("Cancelled:"), p.warnings().toString());
        assertEquals(10, p.overall().n());
        assertEquals(10, p.confusions().get(0).count());
    }
}
