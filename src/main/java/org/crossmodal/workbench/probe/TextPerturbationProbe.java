package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The text perturbation probe: how much the matched speech–text score drops when a share of the transcript's
 * characters (or phonemes) is replaced at random.
 *
 * <p>For every recording i with transcript t_i, the clean score is s0_i = cos(speech_i, text(t_i)). At level p and
 * draw d, every transcript is perturbed with its own seeded generator (seed, unit, p, d, item id), re-encoded, and
 * scored: s_i. The relative drop of the draw is the mean over recordings of (s0_i − s_i) / s0_i, taken over the
 * recordings whose clean score is above {@link TextPerturbationOptions#minCleanScore()}. The curve plots the
 * mean of the draws with the 95% band of that mean ({@link Band}). A good encoder is sensitive: its score falls
 * steeply as units are replaced.
 */
public final class TextPerturbationProbe {
    public static final String KIND = "text-perturbation";

    private TextPerturbationProbe() { }

    /**
     * @param recordings    speech items; their labels are the transcripts
     * @param speechVectors one row per recording, in the speech encoder's space
     * @param speechToText  maps a speech vector into the text towers' space (null when they share one)
     * @param towers        the text towers to probe, one curve each
     */
    public static CurveResult run(List<Item> recordings, float[][] speechVectors, UnaryOperator<float[]> speechToText,
                                  List<TextTower> towers, TextPerturbationOptions options,
                                  ProgressListener progress, Cancellation cancel) {
        Objects.requireNonNull(options, "options");
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        if (towers == null || towers.isEmpty()) throw new IllegalArgumentException("Give at least one text tower to probe.");
        if (recordings.size() != speechVectors.length) {
            throw new IllegalArgumentException(recordings.size() + " recordings but " + speechVectors.length + " speech vectors.");
        }
        UnaryOperator<float[]> map = speechToText == null ? UnaryOperator.identity() : speechToText;

        List<Integer> withText = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) if (!recordings.get(i).label().isBlank()) withText.add(i);
        int noTranscript = recordings.size() - withText.size();
        if (withText.isEmpty()) {
            throw new WorkbenchException("None of the " + recordings.size() + " recordings has a transcript, so there is no "
                    + "text to perturb: give recordings with transcripts (a manifest with a 'transcript' column).");
        }
        int[] pick = Seeds.sample(withText.size(), options.sample(), options.seed());
        List<Item> items = new ArrayList<>(pick.length);
        float[][] speech = new float[pick.length][];
        for (int k = 0; k < pick.length; k++) {
            int i = withText.get(pick[k]);
            items.add(recordings.get(i));
            speech[k] = Vectors.normalized(map.apply(speechVectors[i]));
        }
        int n = items.size();
        List<String> warnings = new ArrayList<>();
        if (n == 1) warnings.add("Only one recording: the curve has no spread over recordings.");
        if (noTranscript > 0) warnings.add(noTranscript + " recording(s) without a transcript were skipped.");

        List<Double> levels = options.levels();
        int nt = towers.size(), nl = levels.size(), nd = options.draws();
        Perturber[] perturbers = new Perturber[nt];
        List<List<String>> inputs = new ArrayList<>();
        double[][] clean = new double[nt][n];
        boolean[][] use = new boolean[nt][n];
        int[] lowScore = new int[nt];
        int[] usable = new int[nt];
        long total = (long) nt * n * (1 + (long) nl * nd);
        long[] done = {0};
        boolean partial = false;

        double[][][] dropSum = new double[nt][nl][nd];
        double[][][] scoreSum = new double[nt][nl][nd];
        int[][] drawsDone = new int[nt][nl];
        try {
            for (int t = 0; t < nt; t++) {
                TextTower tower = towers.get(t);
                List<String> transcripts = items.stream().map(Item::label).toList();
                List<String> in = tower.toInput().apply(transcripts);
                if (in == null || in.size() != n) {
                    throw new WorkbenchException("The " + tower.unit().key() + " input conversion returned "
                            + (in == null ? "nothing" : in.size() + " inputs") + " for " + n + " transcripts.");
                }
                inputs.add(in);
                List<String> inv = tower.inventory();
                if (inv == null) {
                    inv = tower.unit() == PerturbationUnit.CHARACTERS ? Perturber.symbols(options.alphabet())
                            : Perturber.phonemeInventory(in);
                }
                perturbers[t] = new Perturber(tower.unit(), inv);
                float[][] cv = encode(tower, in, progress, cancel, "encoding clean " + tower.unit().key(), done, total);
                for (int i = 0; i < n; i++) {
                    clean[t][i] = Vectors.cosine(speech[i], cv[i]);
                    use[t][i] = !in.get(i).isBlank() && clean[t][i] > options.minCleanScore();
                    if (use[t][i]) usable[t]++;
                    else lowScore[t]++;
                }
                if (usable[t] == 0) {
                    warnings.add(tower.unit().key() + ": no recording has a clean score above " + options.minCleanScore()
                            + ", so no relative drop can be computed (are the spaces aligned?).");
                } else if (lowScore[t] > 0) {
                    warnings.add(tower.unit().key() + ": " + lowScore[t] + " recording(s) with a clean score at or below "
                            + options.minCleanScore() + " left out of the relative drop.");
                }
            }
            for (int d = 0; d < nd; d++) {
                for (int l = 0; l < nl; l++) {
                    double p = levels.get(l);
                    for (int t = 0; t < nt; t++) {
                        cancel.check();
                        List<String> pert = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            var rng = Seeds.random(options.seed(), towers.get(t).unit().key(), p, d, items.get(i).id());
                            pert.add(perturbers[t].perturb(inputs.get(t).get(i), p, rng));
                        }
                        String stage = "perturbing " + towers.get(t).unit().key() + " " + Math.round(p * 100) + "%, draw "
                                + (d + 1) + "/" + nd;
                        float[][] v = encode(towers.get(t), pert, progress, cancel, stage, done, total);
                        double ds = 0, ss = 0;
                        for (int i = 0; i < n; i++) {
                            double s = Vectors.cosine(speech[i], v[i]);
                            ss += s;
                            if (use[t][i]) ds += (clean[t][i] - s) / clean[t][i];
                        }
                        dropSum[t][l][d] = usable[t] == 0 ? Double.NaN : ds / usable[t];
                        scoreSum[t][l][d] = ss / n;
                        drawsDone[t][l] = d + 1;
                    }
                }
            }
        } catch (CancelledException e) {
            partial = true;
            warnings.add("Cancelled: the curves hold only the draws that finished.");
        }

        List<Curve> curves = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            List<CurvePoint> pts = new ArrayList<>();
            for (int l = 0; l < nl; l++) {
                int k = drawsDone[t][l];
                if (k == 0) continue;
                pts.add(new CurvePoint(levels.get(l), Band.of(dropSum[t][l], k), Band.of(scoreSum[t][l], k), null, usable[t]));
            }
            String unit = towers.get(t).unit().key();
            curves.add(new Curve(unit, "replaced " + unit + " (fraction)", pts));
        }
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap())
                .with("items", n).with("skippedNoTranscript", noTranscript).with("partial", partial);
        for (int t = 0; t < nt; t++) {
            var info = towers.get(t).encoder().info();
            if (info != null) {
                prov = prov.with("text." + towers.get(t).unit().key() + ".model", info.name())
                        .with("text." + towers.get(t).unit().key() + ".sha256", info.sha256());
            }
        }
        return new CurveResult(KIND, curves, n, noTranscript, lowScore[0], partial, warnings, prov);
    }

    private static float[][] encode(TextTower tower, List<String> inputs, ProgressListener progress, Cancellation cancel,
                                    String stage, long[] done, long total) {
        long base = done[0];
        float[][] v = tower.encoder().encode(inputs, (s, k, tot) -> progress.update(stage, base + k, total), cancel);
        if (v.length != inputs.size()) {
            throw new WorkbenchException("The text encoder returned " + v.length + " vectors for " + inputs.size() + " inputs.");
        }
        done[0] = base + inputs.size();
        progress.update(stage, done[0], total);
        return v;
    }
}
