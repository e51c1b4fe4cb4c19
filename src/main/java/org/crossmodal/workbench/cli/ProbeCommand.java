package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.probe.BestFactorTest;
import org.crossmodal.workbench.probe.Confusion;
import org.crossmodal.workbench.probe.ConfusionOptions;
import org.crossmodal.workbench.probe.ConfusionResult;
import org.crossmodal.workbench.probe.Curve;
import org.crossmodal.workbench.probe.CurvePoint;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.GroupP1;
import org.crossmodal.workbench.probe.IntelligibilityOptions;
import org.crossmodal.workbench.probe.IntelligibilityResult;
import org.crossmodal.workbench.probe.IntelligibilityRow;
import org.crossmodal.workbench.probe.NoiseKind;
import org.crossmodal.workbench.probe.NoiseOptions;
import org.crossmodal.workbench.probe.TextPerturbationOptions;
import org.crossmodal.workbench.probe.VoiceShiftOptions;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.ProbeReports;
import org.crossmodal.workbench.workflow.ProbeWorkflow;
import org.crossmodal.workbench.workflow.SessionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench probe SESSION --kind ...}. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Probes the quality of a session's speech and text embeddings.",
                "  text-perturbation: drop of the matched score as a share of each transcript's characters is replaced",
                "  noise: drop of the matched score and P@1 as the recordings are mixed with white, pink and babble noise",
                "  voice-shift: drop of the matched score and P@1 as the recordings are resampled (pitch and formants times a factor)",
                "  intelligibility: a calibrated 0-1 score per recording against its intended text, ranked",
                "  confusions: the (said, heard) word pairs the model mixes up, with P@1 per speaker and per word",
                "Results go to standard output as a table (or JSON with --json); --out also writes them as CSV."},
        footer = {"", "Examples:",
                "  workbench probe demo.cmw --kind text-perturbation --draws 5",
                "  workbench probe demo.cmw --kind noise --noise white --mix 0,25,50,75,100 --snr 30,20,10,0,-10",
                "  workbench probe demo.cmw --kind voice-shift --factors 0.7,0.8,0.9,1,1.1,1.2 --out voice-shift.csv",
                "  workbench probe demo.cmw --kind confusions --out confusions.csv"})
final class ProbeCommand implements Callable<Integer> {
    /** Makes the workflow the command runs (tests put planted models and audio here). */
    static java.util.function.Supplier<ProbeWorkflow> workflow = ProbeWorkflow::new;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw) with a speech space and a text space.")
    Path session;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "text-perturbation, noise, voice-shift, intelligibility or confusions.")
    String kind;

    @Option(names = "--json", description = "Print the result as JSON (with warnings and provenance) instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "CSV", description = "Also write the result as CSV to this file.")
    Path out;

    @Option(names = "--speech-space", paramLabel = "NAME", description = "The speech space (default: the only one, or the one sharing a text space).")
    String speechSpace;

    @Option(names = "--text-space", paramLabel = "NAME", description = "The text space (default: the one sharing the speech space's, or the only one).")
    String textSpace;

    @Option(names = "--alignment", paramLabel = "NAME", description = "The alignment between the two spaces when they are not shared (default: the one between them).")
    String alignment;

    @Option(names = "--levels", split = ",", paramLabel = "PERCENT",
            description = "text-perturbation: percentages of characters to replace (default 0,5,...,100).")
    List<Double> levels;

    @Option(names = "--phoneme-model", paramLabel = "MODEL",
            description = "text-perturbation: also probe this phoneme tower (a text model reading IPA, in the speech model's "
                    + "shared space); transcripts are written in IPA with espeak-ng.")
    String phonemeModel;

    @Option(names = "--noise", split = ",", paramLabel = "KIND", description = "noise: white, pink, babble (default all three).")
    List<String> noise;

    @Option(names = "--mix", split = ",", paramLabel = "PERCENT",
            description = "noise: mixing ratios in percent, 0 = clean, 100 = noise alone (default 0,10,...,100; 'none' to skip).")
    List<String> mix;

    @Option(names = "--snr", split = ",", paramLabel = "DB",
            description = "noise: signal-to-noise ratios in dB, within -40..80 (default 30,25,...,-10; 'none' to skip).")
    List<String> snr;

    @Option(names = "--factors", split = ",", paramLabel = "A",
            description = "voice-shift: resampling factors within 0.5..2; below 1 lowers the voice, above 1 raises it "
                    + "(default 0.7,0.75,0.8,0.85,0.9,0.95,1,1.05,1.1,1.2,1.3).")
    List<String> factors;

    @Option(names = "--by-speaker",
            description = "voice-shift: also one curve per speaker (the manifest's speaker column) beside the curve 'all'; "
                    + "--sample then counts per speaker.")
    boolean bySpeaker;

    @Option(names = "--draws", paramLabel = "N", description = "Random draws per level (default 5 for text, 3 for noise; voice-shift has none).")
    Integer draws;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random draw and of the sample (default 1).")
    long seed;

    @Option(names = "--sample", paramLabel = "N",
            description = "Use a seeded sample of N recordings, 0 = all (default: all for text, 200 for noise and voice-shift; "
                    + "with --by-speaker, N of each speaker).")
    Integer sample;

    @Option(names = "--min-clean-score", paramLabel = "COS", defaultValue = "0.05",
            description = "Leave recordings whose clean matched cosine is at or below this out of the relative drop (default 0.05).")
    double minCleanScore;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
            description = "intelligibility: softmax temperature; 0 fits it on the session (default).")
    double temperature;

    @Option(names = "--top", paramLabel = "N", defaultValue = "50", description = "confusions: how many pairs to list (default 50).")
    int top;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProbeWorkflow.Kind k = ProbeWorkflow.Kind.parse(kind);
        Object options = options(k);
        Session s = SessionWorkflow.open(session);
        Path base = session.toAbsolutePath().getParent();
        ProbeWorkflow wf = workflow.get();
        ProbeWorkflow.Selection sel = new ProbeWorkflow.Selection(speechSpace, textSpace, alignment);
        Progress progress = new Progress(err);
        // The output is written inside the interruptible section: on Ctrl-C the probe returns what it finished and
        // the shutdown waits until that partial result is printed (and its CSV written), marked partial.
        return Interrupts.run(cancel -> {
            Object result;
            try {
                result = switch (k) {
                    case TEXT_PERTURBATION -> wf.textPerturbation(s, sel, (TextPerturbationOptions) options, phonemeModel, null,
                            progress, cancel);
                    case NOISE -> wf.noise(s, base, sel, (NoiseOptions) options, progress, cancel);
                    case VOICE_SHIFT -> wf.voiceShift(s, base, sel, (VoiceShiftOptions) options, progress, cancel);
                    case INTELLIGIBILITY -> wf.intelligibility(s, sel, (IntelligibilityOptions) options, progress, cancel);
                    case CONFUSIONS -> wf.confusions(s, sel, (ConfusionOptions) options, progress, cancel);
                };
            } finally {
                progress.finish();
            }
            return report(result, o, err);
        });
    }

    private int report(Object result, PrintWriter o, PrintWriter err) {
        if (out != null) ProbeReports.writeCsv(result, out);
        if (json) o.println(ProbeReports.json(result));
        else o.print(table(result));
        o.flush();
        if (out != null) err.println("wrote " + out.toAbsolutePath());
        boolean partial = switch (result) {
            case CurveResult r -> r.partial();
            case IntelligibilityResult r -> r.partial();
            case ConfusionResult r -> r.partial();
            default -> false;
        };
        if (partial) {
            err.println("workbench probe: cancelled; the results above are partial.");
            err.flush();
            return 130;
        }
        return 0;
    }

    Object options(ProbeWorkflow.Kind k) {
        if (factors != null && k != ProbeWorkflow.Kind.VOICE_SHIFT) {
            throw new WorkbenchException("--factors applies to --kind voice-shift only; leave it out for " + k.key() + ".");
        }
        if (bySpeaker && k != ProbeWorkflow.Kind.VOICE_SHIFT) {
            throw new WorkbenchException("--by-speaker applies to --kind voice-shift only; leave it out for " + k.key()
                    + (k == ProbeWorkflow.Kind.CONFUSIONS ? " (it lists P@1 per speaker already)."
                    : ". For P@1 per speaker without any change to the audio, use --kind confusions."));
        }
        return switch (k) {
            case TEXT_PERTURBATION -> {
                TextPerturbationOptions d = TextPerturbationOptions.defaults();
                yield new TextPerturbationOptions(levels == null ? d.levels() : percents(levels.stream().map(String::valueOf).toList(), "--levels"),
                        draws == null ? d.draws() : draws, seed, sample == null ? 0 : sample, minCleanScore, d.alphabet());
            }
            case NOISE -> {
                NoiseOptions d = NoiseOptions.defaults();
                List<NoiseKind> kinds = noise == null ? d.kinds() : noise.stream().map(NoiseKind::parse).toList();
                List<Double> m = mix == null ? d.mixLevels() : none(mix) ? List.of() : percents(mix, "--mix");
                List<Double> r = snr == null ? d.snrLevels() : none(snr) ? List.of() : numbers(snr, "--snr");
                yield new NoiseOptions(kinds, m, r, draws == null ? d.draws() : draws, seed, sample == null ? d.sample() : sample,
                        minCleanScore, d.talkers());
            }
            case VOICE_SHIFT -> {
                if (draws != null) {
                    throw new WorkbenchException("--draws: the voice-shift probe is deterministic (one pass per factor, the band is "
                            + "over recordings), so it takes no draws; leave --draws out.");
                }
                VoiceShiftOptions d = VoiceShiftOptions.defaults();
                if (factors != null) {
                    try {
                        d = d.withFactors(numbers(factors, "--factors"));
                    } catch (IllegalArgumentException e) {
                        throw new WorkbenchException("--factors: " + e.getMessage());
                    }
                }
                yield d.withSeed(seed).withSample(sample == null ? d.sample() : sample).withMinCleanScore(minCleanScore)
                        .withBySpeaker(bySpeaker);
            }
            case INTELLIGIBILITY -> new IntelligibilityOptions(temperature);
            case CONFUSIONS -> new ConfusionOptions(top);
        };
    }

    private static boolean none(List<String> l) {
        return l.size() == 1 && l.get(0).trim().equalsIgnoreCase("none");
    }

    private static List<Double> numbers(List<String> l, String flag) {
        List<Double> out = new ArrayList<>();
        for (String s : l) {
            try {
                out.add(Double.parseDouble(s.trim().replace("%", "")));
            } catch (NumberFormatException e) {
                throw new WorkbenchException(flag + ": '" + s + "' is not a number.");
            }
        }
        return out;
    }

    private static List<Double> percents(List<String> l, String flag) {
        List<Double> out = new ArrayList<>();
        for (double d : numbers(l, flag)) {
            if (!(d >= 0 && d <= 100)) throw new WorkbenchException(flag + ": " + fmt(d) + " is outside 0..100 (percent).");
            out.add(Math.round(d * 1e7) / 1e9);
        }
        return out;
    }

    // ---- tables ----

    static String table(Object result) {
        StringBuilder b = new StringBuilder();
        switch (result) {
            case CurveResult r -> {
                b.append(r.kind()).append(r.partial() ? " (PARTIAL: cancelled)" : "").append(": ").append(r.itemsUsed())
                        .append(" recordings");
                String cmp = r.provenance().get("comparison");
                if (cmp != null) b.append(", ").append(r.provenance().get("speechSpace")).append(" vs ")
                        .append(r.provenance().get("textSpace")).append(" (").append(cmp).append(")");
                b.append(", seed ").append(r.provenance().get("seed")).append('\n');
                if (r.provenance().get("cleanP1") != null) b.append("clean P@1 ").append(f3(r.provenance().get("cleanP1"))).append('\n');
                boolean shift = r.kind().equals(ProbeWorkflow.Kind.VOICE_SHIFT.key());
                // voice-shift by speaker: the curve "all" in full, then one line per curve (full curves in the CSV and JSON)
                boolean bySpeaker = r.bySpeaker();
                for (Curve c : bySpeaker ? r.curves().subList(0, Math.min(1, r.curves().size())) : r.curves()) {
                    boolean snr = c.name().endsWith("/snr");
                    boolean p1 = !c.points().isEmpty() && c.points().get(0).p1() != null;
                    b.append('\n').append(c.name()).append("  (").append(c.xLabel()).append(")\n");
                    // voice-shift: one pass, its bands over the recordings (column "recs": those in the drop)
                    b.append(String.format(Locale.ROOT, "%9s %6s %8s %17s %7s%s%n", snr ? "SNR dB" : shift ? "factor" : "level",
                            shift ? "recs" : "draws", "drop", "95% band", "score", p1 ? "     P@1" : ""));
                    for (CurvePoint p : c.points()) {
                        String lv = snr || shift ? fmt(p.level()) : fmt(Math.round(p.level() * 1000) / 10.0) + "%";
                        b.append(String.format(Locale.ROOT, "%9s %6d %8s %17s %7s%s%n", lv, shift ? p.items() : p.draws(),
                                pct(p.drop().mean()),
                                "[" + pct(p.drop().low()) + ", " + pct(p.drop().high()) + "]", f3(p.score().mean()),
                                p1 ? String.format(Locale.ROOT, " %7s", f3(p.p1().mean())) : ""));
                    }
                    if (shift) best(b, c);
                }
                if (bySpeaker) perSpeaker(b, r.curves());
                if (r.curves().stream().anyMatch(c -> c.bestVsOne() != null)) b.append(PAIRED_NOTE);
                warnings(b, r.warnings());
            }
            case IntelligibilityResult r -> {
                b.append("intelligibility").append(r.partial() ? " (PARTIAL: cancelled)" : "").append(": ").append(r.rows().size())
                        .append(" recordings against ").append(r.vocabularySize()).append(" texts, temperature ")
                        .append(f3(String.valueOf(r.temperature()))).append(r.fitted() ? " (fitted)" : " (given)").append('\n');
                b.append(String.format(Locale.ROOT, "%5s %7s %7s %5s  %-20s %-20s %-12s %s%n", "rank", "score", "cosine", "#",
                        "intended", "best other", "speaker", "item"));
                for (IntelligibilityRow x : r.rows()) {
                    b.append(String.format(Locale.ROOT, "%5d %7.4f %7.3f %5d  %-20s %-20s %-12s %s%n", x.rank(), x.score(), x.cosine(),
                            x.intendedRank(), cut(x.intended()), cut(x.bestOther()), cut(x.speaker() == null ? "" : x.speaker()), x.itemId()));
                }
                warnings(b, r.warnings());
            }
            case ConfusionResult r -> {
                GroupP1 all = r.overall();
                b.append("confusions").append(r.partial() ? " (PARTIAL: cancelled)" : "").append(": P@1 ").append(f3(String.valueOf(all.p1())))
                        .append(" over ").append(all.n()).append(" recordings; ").append(r.totalConfusions()).append(" confused, ")
                        .append(r.distinctPairs()).append(" distinct pairs\n");
                b.append(String.format(Locale.ROOT, "%6s  %-20s %-20s %5s %5s %8s  %s%n", "count", "said", "heard", "edit", "phon",
                        "minimal", "recordings"));
                for (Confusion c : r.confusions()) {
                    String kind = c.homophones() ? "same" : c.minimalPair() ? "yes" : "";
                    b.append(String.format(Locale.ROOT, "%6d  %-20s %-20s %5d %5s %8s  %s%n", c.count(), cut(c.said()), cut(c.heard()),
                            c.editDistance(), c.phonemeDistance() < 0 ? "-" : String.valueOf(c.phonemeDistance()), kind,
                            String.join(" ", c.itemIds().subList(0, Math.min(3, c.itemIds().size())))
                                    + (c.itemIds().size() > 3 ? " ..." : "")));
                }
                b.append("\nP@1 per speaker or voice (worst first)\n");
                groups(b, r.perSpeaker(), Integer.MAX_VALUE);
                b.append("\nP@1 per word (worst 20)\n");
                groups(b, r.perWord(), 20);
                warnings(b, r.warnings());
            }
            default -> throw new IllegalArgumentException(String.valueOf(result));
        }
        return b.toString();
    }

    /** The factor with the highest P@1 (ties: the higher score), beside factor 1 when it was probed. */
    private static void best(StringBuilder b, Curve c) {
        CurvePoint best = c.bestP1();
        if (best == null) return;
        b.append("best P@1 ").append(f3(best.p1().mean())).append(" at factor ").append(fmt(best.level()))
                .append(String.format(Locale.ROOT, " (95%% interval %s..%s, score %s)", f3(best.p1().low()), f3(best.p1().high()),
                        f3(best.score().mean())));
        CurvePoint one = c.at(1.0);
        if (one != null && one != best) b.append("; at factor 1: ").append(f3(one.p1().mean()));
        if (c.bestVsOne() != null) b.append("; ").append(c.bestVsOne().describe());
        b.append('\n');
    }

    /** Below a voice-shift table whose best factor was tested against factor 1: what the p-value is, and its caveat. */
    static final String PAIRED_NOTE = """
            p: exact McNemar test of P@1 at the best factor against P@1 at factor 1, paired on the same recordings;
               n = b + c, b right at the best factor only, c right at factor 1 only. Optimistic: the best factor is
               picked on these same recordings; "over K factors" (Bonferroni) is p x K capped at 1, K the factors
               other than 1.
            """;

    /** One line per voice-shift curve ("all", then each speaker): its best factor with P@1 there, and P@1 at factor 1. */
    private static void perSpeaker(StringBuilder b, List<Curve> curves) {
        b.append("\nP@1 per speaker: the factor of highest P@1 (ties: the higher score), P@1 at factor 1, and the paired test "
                + "of the two\n");
        b.append(String.format(Locale.ROOT, "%-20s %6s %8s %7s %17s %7s %9s %9s %9s %10s%n", "speaker", "recs", "best at", "P@1",
                "95% interval", "score", "P@1 at 1", "b/c", "p paired", "Bonferroni"));
        for (Curve c : curves) {
            CurvePoint best = c.bestP1(), one = c.at(1.0);
            if (best == null) {
                b.append(String.format(Locale.ROOT, "%-20s %6s %8s%n", cut(c.name()), "-", "-"));
                continue;
            }
            BestFactorTest t = c.bestVsOne();
            b.append(String.format(Locale.ROOT, "%-20s %6d %8s %7s %17s %7s %9s %9s %9s %10s%n", cut(c.name()), best.p1().n(),
                    fmt(best.level()), f3(best.p1().mean()), "[" + f3(best.p1().low()) + ", " + f3(best.p1().high()) + "]",
                    f3(best.score().mean()), one == null ? "-" : f3(one.p1().mean()), t == null ? "-" : t.b() + "/" + t.c(),
                    t == null ? "-" : BestFactorTest.formatP(t.p()), t == null ? "-" : BestFactorTest.formatP(t.pBonferroni())));
        }
        b.append("(each speaker's curve in full: --out FILE.csv or --json)\n");
    }

    private static void groups(StringBuilder b, List<GroupP1> l, int max) {
        b.append(String.format(Locale.ROOT, "%-24s %6s %6s %7s %17s%n", "group", "n", "hits", "P@1", "95% interval"));
        for (GroupP1 g : l.subList(0, Math.min(max, l.size()))) {
            b.append(String.format(Locale.ROOT, "%-24s %6d %6d %7.3f   [%.3f, %.3f]%n", cut(g.group()), g.n(), g.hits(), g.p1(), g.low(), g.high()));
        }
    }

    private static void warnings(StringBuilder b, List<String> w) {
        if (w.isEmpty()) return;
        b.append('\n');
        for (String s : w) b.append("note: ").append(s).append('\n');
    }

    private static String cut(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }

    private static String pct(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f%%", d * 100) : "-";
    }

    private static String f3(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "-";
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static String f3(double d) {
        return f3(String.valueOf(d));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
