package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * A calibrated intelligibility score of a recording against its intended text.
 *
 * <p>The recording's unit vector is compared by cosine with every vocabulary word: c_w. The score is the softmax
 * probability of the intended word t, p = exp(c_t / τ) / Σ_w exp(c_w / τ): the chance that a listener who knows
 * only the vocabulary and this model hears the intended word. It is 0–1, comparable across recordings of one run,
 * and falls when another word scores close to or above the intended one, not only when the raw cosine falls.
 *
 * <p>The temperature τ is given, or fitted on the run's recordings by maximum likelihood of their intended words
 * (mean negative log-probability minimised over log τ by golden-section search; the objective is convex in 1/τ,
 * so the search finds its minimum). Fitting calibrates the scores so that, over the run, the mean score matches how
 * often the intended word is the model's choice at that confidence. The score depends on the vocabulary: more and
 * closer competitors lower it.
 */
public final class IntelligibilityProbe {
    public static final String KIND = "intelligibility";

    private IntelligibilityProbe() { }

    public static IntelligibilityResult run(List<Item> recordings, float[][] speechVectors, UnaryOperator<float[]> speechToText,
                                            Vocabulary vocabulary, IntelligibilityOptions options,
                                            ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        if (recordings.size() != speechVectors.length) {
            throw new IllegalArgumentException(recordings.size() + " recordings but " + speechVectors.length + " speech vectors.");
        }
        if (vocabulary.size() < 2) {
            throw new WorkbenchException("The intelligibility score compares a recording's intended text with other texts, "
                    + "but the vocabulary has " + vocabulary.size() + " word(s): add at least one more text item.");
        }
        List<String> warnings = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        TranscribedRecordings.Walk walk = TranscribedRecordings.walk(recordings, speechVectors, speechToText, vocabulary,
                "scoring recordings", progress, cancel, (i, it, t, unit) -> {
                    items.add(it);
                    targets.add(t);
                    scores.add(vocabulary.scores(unit));
                });
        walk.report(warnings, "Cancelled: only the recordings scored before the cancel are listed.", "intended text", "scored");
        int noTranscript = walk.noTranscript(), notInVocab = walk.notInVocabulary();
        boolean partial = walk.partial();
        double tau = options.temperature();
        if (options.fit() && !items.isEmpty()) {
            tau = fitTemperature(scores, targets);
            if (items.size() < 10) warnings.add("The temperature was fitted on only " + items.size() + " recording(s).");
            if (tau < IntelligibilityOptions.MIN_T * 1.01) {
                warnings.add("The fitted temperature hit its lower bound: the model picks every intended text with a clear "
                        + "margin, so the scores are near 1 and the ranking follows the margins.");
            }
        } else if (options.fit()) {
            tau = Double.NaN;
        }
        List<IntelligibilityRow> rows = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            double[] c = scores.get(k);
            int t = targets.get(k);
            int rank = 1, other = -1;
            for (int w = 0; w < c.length; w++) {
                if (w == t) continue;
                if (c[w] > c[t]) rank++;
                if (other < 0 || c[w] > c[other]) other = w;
            }
            Item it = items.get(k);
            rows.add(new IntelligibilityRow(0, it.id(), it.label(), it.speaker(), it.source(), probability(c, t, tau), c[t], rank,
                    vocabulary.word(other), c[other]));
        }
        rows.sort(Comparator.comparingDouble(IntelligibilityRow::score).reversed().thenComparing(IntelligibilityRow::itemId));
        List<IntelligibilityRow> ranked = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            IntelligibilityRow r = rows.get(k);
            ranked.add(new IntelligibilityRow(k + 1, r.itemId(), r.intended(), r.speaker(), r.source(), r.score(), r.cosine(),
                    r.intendedRank(), r.bestOther(), r.bestOtherCosine()));
        }
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap()).with("temperatureUsed", tau)
                .with("vocabulary", vocabulary.size()).with("items", items.size())
                .with("skippedNoTranscript", noTranscript).with("skippedNotInVocabulary", notInVocab).with("partial", partial);
        return new IntelligibilityResult(ranked, tau, options.fit(), vocabulary.size(), noTranscript, notInVocab, partial,
                warnings, prov);
    }

    /** Softmax probability of index t over cosines c at temperature tau (computed stably). */
    public static double probability(double[] c, int t, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : c) max = Math.max(max, v);
        double sum = 0;
        for (double v : c) sum += Math.exp((v - max) / tau);
        return Math.exp((c[t] - max) / tau) / sum;
    }

    /** Mean negative log-probability of the targets at temperature tau. */
    static double nll(List<double[]> scores, List<Integer> targets, double tau) {
        double s = 0;
        for (int k = 0; k < scores.size(); k++) {
            double[] c = scores.get(k);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : c) max = Math.max(max, v);
            double sum = 0;
            for (double v : c) sum += Math.exp((v - max) / tau);
            s += -((c[targets.get(k)] - max) / tau - Math.log(sum));
        }
        return s / scores.size();
    }

    /** The maximum-likelihood temperature in [1e-4, 10], by golden-section search over log τ. */
    static double fitTemperature(List<double[]> scores, List<Integer> targets) {
        double a = Math.log(IntelligibilityOptions.MIN_T), b = Math.log(IntelligibilityOptions.MAX_T);
        final double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a), x2 = a + g * (b - a);
        double f1 = nll(scores, targets, Math.exp(x1)), f2 = nll(scores, targets, Math.exp(x2));
        for (int it = 0; it < 200 && b - a > 1e-9; it++) {
            if (f1 <= f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = nll(scores, targets, Math.exp(x1));
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = nll(scores, targets, Math.exp(x2));
            }
        }
        return Math.exp((a + b) / 2);
    }
}
