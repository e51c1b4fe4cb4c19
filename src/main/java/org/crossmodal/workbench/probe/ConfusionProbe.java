package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Confusions of speech-to-text retrieval: every recording's first text among the vocabulary, the (said, heard)
 * pairs where it is wrong, counted, and P@1 per speaker or voice and per word.
 */
public final class ConfusionProbe {
    public static final String KIND = "confusions";
    /** The group of recordings without a speaker, named as the voice-shift probe names its curve. */
    static final String UNKNOWN = VoiceShiftProbe.NO_SPEAKER;

    private ConfusionProbe() { }

    public static ConfusionResult run(List<Item> recordings, float[][] speechVectors, UnaryOperator<float[]> speechToText,
                                      Vocabulary vocabulary, ConfusionOptions options, ProgressListener progress,
                                      Cancellation cancel) {
        return run(recordings, speechVectors, speechToText, vocabulary, options, null, progress, cancel);
    }

    /**
     * @param phonemizer writes texts in IPA to compare the listed pairs by sound (minimal pairs, homophones); null
     *                   compares spellings only. Called once, with the words of the listed pairs.
     */
    public static ConfusionResult run(List<Item> recordings, float[][] speechVectors, UnaryOperator<float[]> speechToText,
                                      Vocabulary vocabulary, ConfusionOptions options,
                                      java.util.function.Function<List<String>, List<String>> phonemizer,
                                      ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        if (recordings.size() != speechVectors.length) {
            throw new IllegalArgumentException(recordings.size() + " recordings but " + speechVectors.length + " speech vectors.");
        }
        if (vocabulary.size() == 0) {
            throw new WorkbenchException("There are no texts to match the recordings against: add text items (a word list).");
        }
        List<String> warnings = new ArrayList<>();
        int[] hits = {0};
        Map<String, int[]> bySpeaker = new LinkedHashMap<>();
        Map<String, int[]> byWord = new LinkedHashMap<>();
        Map<List<Integer>, List<String>> pairs = new LinkedHashMap<>();
        TranscribedRecordings.Walk walk = TranscribedRecordings.walk(recordings, speechVectors, speechToText, vocabulary,
                "matching recordings", progress, cancel, (i, it, t, unit) -> {
                    int top = vocabulary.top1(unit);
                    boolean ok = top == t;
                    if (ok) hits[0]++;
                    String sp = it.speaker() == null || it.speaker().isBlank() ? UNKNOWN : it.speaker();
                    int[] s = bySpeaker.computeIfAbsent(sp, k -> new int[2]);
                    s[0]++;
                    if (ok) s[1]++;
                    int[] w = byWord.computeIfAbsent(vocabulary.word(t), k -> new int[2]);
                    w[0]++;
                    if (ok) w[1]++;
                    if (!ok) pairs.computeIfAbsent(List.of(t, top), k -> new ArrayList<>()).add(it.id());
                });
        walk.report(warnings, "Cancelled: the counts cover only the recordings looked at before the cancel.", "transcript",
                "matched");
        int n = walk.used(), noTranscript = walk.noTranscript(), notInVocab = walk.notInVocabulary();
        boolean partial = walk.partial();
        if (vocabulary.size() == 1) warnings.add("The vocabulary has one text: every recording matches it, nothing can be confused.");
        if (n == 1) warnings.add("Only one recording was matched.");

        List<Confusion> all = new ArrayList<>();
        int total = 0;
        for (var e : pairs.entrySet()) {
            String said = vocabulary.word(e.getKey().get(0)), heard = vocabulary.word(e.getKey().get(1));
            int d = levenshtein(said.toLowerCase(Locale.ROOT), heard.toLowerCase(Locale.ROOT));
            all.add(new Confusion(said, heard, e.getValue().size(), e.getValue(), d, -1, d == 1, null, null));
            total += e.getValue().size();
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::said).thenComparing(Confusion::heard));
        List<Confusion> top = new ArrayList<>(all.subList(0, Math.min(options.top(), all.size())));
        if (phonemizer != null && !top.isEmpty()) {
            try {
                List<String> words = new ArrayList<>();
                for (Confusion c : top) {
                    words.add(c.said());
                    words.add(c.heard());
                }
                List<String> ipa = phonemizer.apply(words);
                for (int k = 0; k < top.size(); k++) {
                    Confusion c = top.get(k);
                    String a = ipa.get(2 * k), b = ipa.get(2 * k + 1);
                    if (a == null || b == null || a.isBlank() || b.isBlank()) continue;
                    int pd = phonemeDistance(a, b);
                    top.set(k, new Confusion(c.said(), c.heard(), c.count(), c.itemIds(), c.editDistance(), pd, pd == 1, a, b));
                }
            } catch (WorkbenchException e) {
                warnings.add("The pairs are compared by spelling only: " + e.getMessage());
            }
        }
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap()).with("vocabulary", vocabulary.size())
                .with("items", n).with("skippedNoTranscript", noTranscript).with("skippedNotInVocabulary", notInVocab)
                .with("partial", partial);
        return new ConfusionResult(top, total, all.size(), GroupP1.of("all", n, hits[0]), groups(bySpeaker), groups(byWord),
                noTranscript, notInVocab, partial, warnings, prov);
    }

    private static List<GroupP1> groups(Map<String, int[]> m) {
        List<GroupP1> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(GroupP1.of(k, v[0], v[1])));
        out.sort(Comparator.comparingDouble(GroupP1::p1).thenComparing(Comparator.comparingInt(GroupP1::n).reversed())
                .thenComparing(GroupP1::group));
        return out;
    }

    /** Edit distance between two IPA strings counted in phonemes (see {@link Perturber}); stress and spaces ignored. */
    static int phonemeDistance(String a, String b) {
        List<String> x = Perturber.segments(a, PerturbationUnit.PHONEMES).stream().filter(Perturber.Segment::replaceable)
                .map(Perturber.Segment::text).toList();
        List<String> y = Perturber.segments(b, PerturbationUnit.PHONEMES).stream().filter(Perturber.Segment::replaceable)
                .map(Perturber.Segment::text).toList();
        int[] prev = new int[y.size() + 1], cur = new int[y.size() + 1];
        for (int j = 0; j <= y.size(); j++) prev[j] = j;
        for (int i = 1; i <= x.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.size(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (x.get(i - 1).equals(y.get(j - 1)) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.size()];
    }

    /** Edit distance with unit costs for substitution, insertion and deletion, over code points. */
    static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1], cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) prev[j] = j;
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }
}
