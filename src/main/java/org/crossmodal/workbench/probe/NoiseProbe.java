package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;

/**
 * The noise probe: how much the matched speech–text score drops, and how speech-to-text P@1 falls, when the
 * recordings are mixed with white, pink or babble noise at rising levels.
 *
 * <p>Each recording is encoded clean once: s0_i = cos(speech(x_i), text(t_i)). For draw d and noise kind k, one
 * noise signal per recording is drawn from (seed, kind, draw, item id), the same at every level, so a curve is
 * smooth in the level. At each level the noisy recordings are encoded and scored: the relative drop is the mean of
 * (s0_i − s_i) / s0_i over recordings with s0_i above the threshold, and P@1 is the share of recordings whose best
 * vocabulary word is their transcript. A robust encoder keeps both flat until the noise is loud.
 */
public final class NoiseProbe {
    public static final String KIND = "noise";

    private NoiseProbe() { }

    /**
     * @param recordings   speech items with transcripts
     * @param waveforms    one mono waveform per recording at the encoder's sample rate; may be a lazy list, since only
     *                     the sampled recordings' waveforms are read
     * @param speech       the speech encoder
     * @param speechToText maps speech vectors into the vocabulary's space (null when shared)
     * @param vocabulary   the candidate texts, holding every transcript to be probed
     */
    public static CurveResult run(List<Item> recordings, List<float[]> waveforms, SpeechEncoder speech,
                                  UnaryOperator<float[]> speechToText, Vocabulary vocabulary, NoiseOptions options,
                                  ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        ProbedRecordings in = ProbedRecordings.of(recordings, waveforms, vocabulary,
                ok -> ProbedRecordings.sample(ok, options.sample(), options.seed()), "noise", "noise cannot be scaled to them");
        UnaryOperator<float[]> map = speechToText == null ? UnaryOperator.identity() : speechToText;
        List<String> warnings = new ArrayList<>(in.warnings());
        List<Item> items = in.items();
        List<float[]> clean = in.clean();
        int[] target = in.target();
        int noTranscript = in.noTranscript(), notInVocabulary = in.notInVocabulary(), silent = in.silent();
        int n = items.size();
        if (n == 1) warnings.add("Only one recording: the curve has no spread over recordings.");
        if (vocabulary.size() == 1) warnings.add("The vocabulary has one word: P@1 is 1 whatever the noise.");

        List<NoiseKind> kinds = new ArrayList<>(options.kinds());
        if (kinds.contains(NoiseKind.BABBLE) && n < 2) {
            kinds.remove(NoiseKind.BABBLE);
            warnings.add("Babble was skipped: it is made of the other probed recordings and there is only one.");
            if (kinds.isEmpty()) {
                throw new WorkbenchException("Babble noise is made of other recordings, and there is only one: add recordings "
                        + "or choose white or pink noise.");
            }
        }

        List<NoiseScale> scales = new ArrayList<>();
        if (!options.mixLevels().isEmpty()) scales.add(NoiseScale.MIX);
        if (!options.snrLevels().isEmpty()) scales.add(NoiseScale.SNR);
        int nk = kinds.size(), nd = options.draws();
        int levelsPerKind = options.mixLevels().size() + options.snrLevels().size();
        long total = n + (long) nd * nk * levelsPerKind * n;
        long[] done = {0};

        // curve index = kind * scales + scale
        int nc = nk * scales.size();
        double[][][] drop = new double[nc][][];
        double[][][] score = new double[nc][][];
        double[][][] p1 = new double[nc][][];
        int[][] drawsDone = new int[nc][];
        for (int c = 0; c < nc; c++) {
            int nl = levels(options, scales.get(c % scales.size())).size();
            drop[c] = new double[nl][nd];
            score[c] = new double[nl][nd];
            p1[c] = new double[nl][nd];
            drawsDone[c] = new int[nl];
        }
        ProbedRecordings.CleanScores c0 = ProbedRecordings.CleanScores.NONE;
        boolean partial = false;
        try {
            float[][] cv = encode(speech, clean, map, progress, cancel, "encoding clean recordings", done, total);
            c0 = in.scoreClean(cv, vocabulary, options.minCleanScore(), warnings);
            double[] s0 = c0.s0();
            boolean[] use = c0.use();
            int usable = c0.usable();
            for (int d = 0; d < nd; d++) {
                for (int ki = 0; ki < nk; ki++) {
                    NoiseKind kind = kinds.get(ki);
                    List<float[]> noise = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        cancel.check();
                        SplittableRandom rng = Seeds.random(options.seed(), "noise", kind.key(), d, items.get(i).id());
                        int len = clean.get(i).length;
                        noise.add(switch (kind) {
                            case WHITE -> Noise.white(len, rng);
                            case PINK -> Noise.pink(len, rng);
                            case BABBLE -> Noise.babble(len, clean, i, options.talkers(), rng);
                        });
                    }
                    for (int si = 0; si < scales.size(); si++) {
                        NoiseScale scale = scales.get(si);
                        int c = ki * scales.size() + si;
                        List<Double> lv = levels(options, scale);
                        for (int l = 0; l < lv.size(); l++) {
                            double level = lv.get(l);
                            List<float[]> noisy = new ArrayList<>(n);
                            for (int i = 0; i < n; i++) {
                                noisy.add(scale == NoiseScale.MIX ? Noise.mix(clean.get(i), noise.get(i), level)
                                        : Noise.addAtSnr(clean.get(i), noise.get(i), level));
                            }
                            String stage = kind.key() + " noise " + label(scale, level) + ", draw " + (d + 1) + "/" + nd;
                            float[][] v = encode(speech, noisy, map, progress, cancel, stage, done, total);
                            double ds = 0, ss = 0;
                            int h = 0;
                            for (int i = 0; i < n; i++) {
                                double s = Vectors.dot(v[i], vocabulary.vector(target[i]));
                                ss += s;
                                if (use[i]) ds += (s0[i] - s) / s0[i];
                                if (vocabulary.top1(v[i]) == target[i]) h++;
                            }
                            drop[c][l][d] = usable == 0 ? Double.NaN : ds / usable;
                            score[c][l][d] = ss / n;
                            p1[c][l][d] = (double) h / n;
                            drawsDone[c][l] = d + 1;
                        }
                    }
                }
            }
        } catch (CancelledException e) {
            partial = true;
            warnings.add("Cancelled: the curves hold only the draws that finished.");
        }

        List<Curve> curves = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            NoiseScale scale = scales.get(c % scales.size());
            NoiseKind kind = kinds.get(c / scales.size());
            List<Double> lv = levels(options, scale);
            List<CurvePoint> pts = new ArrayList<>();
            for (int l = 0; l < lv.size(); l++) {
                int k = drawsDone[c][l];
                if (k == 0) continue;
                pts.add(new CurvePoint(lv.get(l), Band.of(drop[c][l], k), Band.of(score[c][l], k), Band.of(p1[c][l], k), c0.usable()));
            }
            curves.add(new Curve(kind.key() + "/" + scale.key(),
                    scale == NoiseScale.MIX ? "mixing ratio (fraction of noise)" : "SNR (dB)", pts));
        }
        var info = speech.info();
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap())
                .with("items", n).with("skippedNoTranscript", noTranscript).with("skippedNotInVocabulary", notInVocabulary)
                .with("skippedSilent", silent).with("vocabulary", vocabulary.size()).with("cleanP1", c0.p1())
                .with("partial", partial);
        if (info != null) prov = prov.with("speech.model", info.name()).with("speech.sha256", info.sha256());
        return new CurveResult(KIND, curves, n, noTranscript, c0.lowScore(), partial, warnings, prov);
    }

    /**
     * The recordings the probe can use (a transcript that is in the vocabulary), in order; the probe samples among
     * these with {@link NoiseOptions#seed()}, so a caller can tell which waveforms will be read.
     */
    public static List<Integer> eligible(List<Item> recordings, Vocabulary vocabulary) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            Item it = recordings.get(i);
            if (!it.label().isBlank() && vocabulary.indexOf(it.label()) >= 0) ok.add(i);
        }
        return ok;
    }

    static List<Double> levels(NoiseOptions o, NoiseScale s) {
        return s == NoiseScale.MIX ? o.mixLevels() : o.snrLevels();
    }

    static String label(NoiseScale s, double level) {
        return s == NoiseScale.MIX ? Math.round(level * 100) + "%" : TextPerturbationOptions.fmt(level) + " dB SNR";
    }

    /** Encodes the inputs, reporting progress as part of a run of {@code total} encodings, and maps them into the vocabulary's space. */
    static float[][] encode(SpeechEncoder enc, List<float[]> inputs, UnaryOperator<float[]> map,
                                    ProgressListener progress, Cancellation cancel, String stage, long[] done, long total) {
        long base = done[0];
        float[][] v = enc.encode(inputs, (s, k, t) -> progress.update(stage, base + k, total), cancel);
        if (v.length != inputs.size()) {
            throw new WorkbenchException("The speech encoder returned " + v.length + " vectors for " + inputs.size() + " recordings.");
        }
        done[0] = base + inputs.size();
        progress.update(stage, done[0], total);
        return Vectors.mapAll(v, map);
    }
}
