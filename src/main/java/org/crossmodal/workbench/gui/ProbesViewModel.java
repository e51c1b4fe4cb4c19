package org.crossmodal.workbench.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.gui.task.TaskExecutor;
import org.crossmodal.workbench.gui.task.TaskHandle;
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

/**
 * The state of the Probes view: the chosen probe and its settings (as the text the user typed, checked by the probe's
 * options record when a run starts), the running job, and the last result as observable lists for the tables and a
 * curve result for the chart. Runs go through the {@link TaskExecutor}, so they stay off the FX thread in the
 * window and run on the calling thread in tests.
 */
public final class ProbesViewModel {
    private final TaskExecutor executor;
    private final Supplier<Session> session;
    private final Supplier<Path> sessionFile;
    private final ProbeWorkflow workflow;
    private final Consumer<Item> play;

    private final ObjectProperty<ProbeWorkflow.Kind> kind = new SimpleObjectProperty<>(ProbeWorkflow.Kind.TEXT_PERTURBATION);
    private final StringProperty levels = new SimpleStringProperty(percents(TextPerturbationOptions.defaults().levels()));
    private final StringProperty textDraws = new SimpleStringProperty("5");
    private final StringProperty textSample = new SimpleStringProperty("0");
    private final BooleanProperty phonemes = new SimpleBooleanProperty(false);
    private final BooleanProperty white = new SimpleBooleanProperty(true);
    private final BooleanProperty pink = new SimpleBooleanProperty(true);
    private final BooleanProperty babble = new SimpleBooleanProperty(true);
    private final StringProperty mix = new SimpleStringProperty(percents(NoiseOptions.defaults().mixLevels()));
    private final StringProperty snr = new SimpleStringProperty(plain(NoiseOptions.defaults().snrLevels()));
    private final StringProperty noiseDraws = new SimpleStringProperty("3");
    private final StringProperty noiseSample = new SimpleStringProperty("200");
    private final StringProperty factors = new SimpleStringProperty(plain(VoiceShiftOptions.DEFAULT_FACTORS));
    private final StringProperty shiftSample = new SimpleStringProperty(String.valueOf(VoiceShiftOptions.defaults().sample()));
    private final BooleanProperty bySpeaker = new SimpleBooleanProperty(VoiceShiftOptions.defaults().bySpeaker());
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty temperature = new SimpleStringProperty("0");
    private final StringProperty top = new SimpleStringProperty("50");

    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("Choose a probe and press Run.");
    private final StringProperty statusNote = new SimpleStringProperty("");
    private final ObjectProperty<Object> result = new SimpleObjectProperty<>();
    private final ObjectProperty<CurveResult> curves = new SimpleObjectProperty<>();
    private final ObservableList<IntelligibilityRow> intelligibility = FXCollections.observableArrayList();
    private final ObservableList<Confusion> confusions = FXCollections.observableArrayList();
    private final ObservableList<GroupP1> perSpeaker = FXCollections.observableArrayList();
    private final ObservableList<GroupP1> perWord = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private TaskHandle handle;
    /** Writes transcripts in IPA for the phoneme curve; null: the espeak-ng program (tests give their own). */
    private java.util.function.Function<List<String>, List<String>> phonemizer;

    /**
     * @param session     the session the window shows (null when none is open)
     * @param sessionFile its file, against whose folder relative audio paths resolve (may give null)
     * @param play        plays a recording
     */
    public ProbesViewModel(TaskExecutor executor, Supplier<Session> session, Supplier<Path> sessionFile, ProbeWorkflow workflow,
                           Consumer<Item> play) {
        this.executor = executor;
        this.session = session;
        this.sessionFile = sessionFile;
        this.workflow = workflow;
        this.play = play;
        // A note explains the status it was set with, and no other.
        status.addListener((o, a, b) -> statusNote.set(""));
    }

    /** The tooltip of the status line of a voice-shift result with a paired test: what p is, and its caveat. */
    static final String PAIRED_NOTE = "p: exact McNemar test of P@1 at the best factor against factor 1, paired on the same "
            + "recordings (n: those right at only one of the two). It is optimistic, as the best factor is picked on these "
            + "recordings; \"over K factors\" is p × K, capped at 1 (Bonferroni over the factors other than 1).";

    public ObjectProperty<ProbeWorkflow.Kind> kindProperty() { return kind; }
    public StringProperty levelsProperty() { return levels; }
    public StringProperty textDrawsProperty() { return textDraws; }
    public StringProperty textSampleProperty() { return textSample; }
    /** Text perturbation: also draw the phoneme curve of the built-in IPA tower. */
    public BooleanProperty phonemesProperty() { return phonemes; }
    public BooleanProperty whiteProperty() { return white; }
    public BooleanProperty pinkProperty() { return pink; }
    public BooleanProperty babbleProperty() { return babble; }
    public StringProperty mixProperty() { return mix; }
    public StringProperty snrProperty() { return snr; }
    public StringProperty noiseDrawsProperty() { return noiseDraws; }
    public StringProperty noiseSampleProperty() { return noiseSample; }
    /** Voice shift: the resampling factors, comma-separated. */
    public StringProperty factorsProperty() { return factors; }
    public StringProperty shiftSampleProperty() { return shiftSample; }
    /** Voice shift: also one curve per speaker (the sample is then taken within each speaker). */
    public BooleanProperty bySpeakerProperty() { return bySpeaker; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty temperatureProperty() { return temperature; }
    public StringProperty topProperty() { return top; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }
    /** What the figures of the status line mean (its tooltip); empty when they need no note. */
    public StringProperty statusNoteProperty() { return statusNote; }
    public ObjectProperty<Object> resultProperty() { return result; }
    public ObjectProperty<CurveResult> curvesProperty() { return curves; }

    /** The phonemizer of the phoneme curve instead of espeak-ng (tests). */
    void usePhonemizer(java.util.function.Function<List<String>, List<String>> f) { phonemizer = f; }
    public ObservableList<IntelligibilityRow> intelligibility() { return intelligibility; }
    public ObservableList<Confusion> confusions() { return confusions; }
    public ObservableList<GroupP1> perSpeaker() { return perSpeaker; }
    public ObservableList<GroupP1> perWord() { return perWord; }
    public ObservableList<String> warnings() { return warnings; }

    /** Builds the options of the chosen probe from the fields; throws IllegalArgumentException naming the bad field. */
    public Object options() {
        long sd = integer(seed.get(), "Seed");
        return switch (kind.get()) {
            case TEXT_PERTURBATION -> new TextPerturbationOptions(fractions(levels.get(), "Replaced %"),
                    (int) integer(textDraws.get(), "Draws"), sd, (int) integer(textSample.get(), "Sample"), 0.05,
                    TextPerturbationOptions.DEFAULT_ALPHABET);
            case NOISE -> {
                List<NoiseKind> k = new ArrayList<>();
                if (white.get()) k.add(NoiseKind.WHITE);
                if (pink.get()) k.add(NoiseKind.PINK);
                if (babble.get()) k.add(NoiseKind.BABBLE);
                yield new NoiseOptions(k, blank(mix.get()) ? List.of() : fractions(mix.get(), "Mix %"),
                        blank(snr.get()) ? List.of() : numbers(snr.get(), "SNR dB"), (int) integer(noiseDraws.get(), "Draws"), sd,
                        (int) integer(noiseSample.get(), "Sample"), 0.05, NoiseOptions.defaults().talkers());
            }
            case VOICE_SHIFT -> new VoiceShiftOptions(numbers(factors.get(), "Factors"), sd, (int) integer(shiftSample.get(), "Sample"),
                    VoiceShiftOptions.defaults().minCleanScore(), bySpeaker.get());
            case INTELLIGIBILITY -> new IntelligibilityOptions(number(temperature.get(), "Temperature"));
            case CONFUSIONS -> new ConfusionOptions((int) integer(top.get(), "Top"));
        };
    }

    /** Starts the chosen probe on the current session, unless one is running. */
    public void run() {
        if (running.get()) return;
        Session live = session.get();
        if (live == null) {
            status.set("Open a session first (File > Open session…), then run a probe on it.");
            return;
        }
        // The window may add items while the probe runs on a worker thread: the probe reads a copy made here.
        Session s = snapshot(live);
        Object o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        ProbeWorkflow.Kind k = kind.get();
        Path file = sessionFile.get();
        Path base = file == null ? null : file.toAbsolutePath().getParent();
        String phonemeModel = k == ProbeWorkflow.Kind.TEXT_PERTURBATION && phonemes.get() ? ProbeWorkflow.BUILTIN_PHONEME_MODEL : null;
        var ipa = phonemizer;
        running.set(true);
        status.set("Running " + k.key() + "…");
        handle = executor.submit("Probe: " + k.key(), (progress, cancel) -> switch (k) {
            case TEXT_PERTURBATION -> workflow.textPerturbation(s, null, (TextPerturbationOptions) o, phonemeModel, ipa, progress,
                    cancel);
            case NOISE -> workflow.noise(s, base, null, (NoiseOptions) o, progress, cancel);
            case VOICE_SHIFT -> workflow.voiceShift(s, base, null, (VoiceShiftOptions) o, progress, cancel);
            case INTELLIGIBILITY -> workflow.intelligibility(s, null, (IntelligibilityOptions) o, progress, cancel);
            case CONFUSIONS -> workflow.confusions(s, null, (ConfusionOptions) o, progress, cancel);
        }, this::show, t -> {
            running.set(false);
            status.set(t instanceof CancelledException ? "Cancelled before any result."
                    : (t instanceof WorkbenchException || t instanceof IllegalArgumentException ? "" : t.getClass().getSimpleName() + ": ")
                    + t.getMessage());
        });
    }

    /** Stops the running probe; it returns what it finished, marked partial. */
    public void cancel() {
        if (handle != null) handle.cancel();
    }

    void show(Object r) {
        running.set(false);
        result.set(r);
        boolean partial;
        List<String> w;
        switch (r) {
            case CurveResult c -> {
                curves.set(c);
                partial = c.partial();
                w = c.warnings();
                String speakers = c.provenance() == null ? null : c.provenance().get("speakers");
                status.set(c.kind() + ": " + c.itemsUsed() + " recordings" + (speakers != null ? " of " + speakers + " speaker"
                        + ("1".equals(speakers) ? "" : "s") + ", one curve each beside all" : "") + (c.skippedNoTranscript() > 0
                        ? ", " + c.skippedNoTranscript() + " without transcript skipped" : "")
                        + (c.kind().equals(ProbeWorkflow.Kind.VOICE_SHIFT.key()) ? best(c) : ""));
            }
            case IntelligibilityResult i -> {
                intelligibility.setAll(i.rows());
                partial = i.partial();
                w = i.warnings();
                status.set(String.format(Locale.ROOT, "intelligibility: %d recordings against %d texts, temperature %.3f%s",
                        i.rows().size(), i.vocabularySize(), i.temperature(), i.fitted() ? " (fitted)" : ""));
            }
            case ConfusionResult c -> {
                confusions.setAll(c.confusions());
                perSpeaker.setAll(c.perSpeaker());
                perWord.setAll(c.perWord());
                partial = c.partial();
                w = c.warnings();
                status.set(String.format(Locale.ROOT, "confusions: P@1 %.3f over %d recordings, %d confused in %d pairs",
                        c.overall().p1(), c.overall().n(), c.totalConfusions(), c.distinctPairs()));
            }
            default -> throw new IllegalStateException("Unexpected result " + r);
        }
        if (partial) status.set("PARTIAL (cancelled): " + status.get());
        if (r instanceof CurveResult c && !c.curves().isEmpty() && c.curves().get(0).bestVsOne() != null) {
            statusNote.set(PAIRED_NOTE);
        }
        warnings.setAll(w);
    }

    /**
     * For the status line of a voice-shift result: the first curve's ("all", or the one curve) best factor and P@1
     * there, against P@1 at factor 1 with the paired test when there is one; empty when no factor finished.
     */
    private static String best(CurveResult r) {
        if (r.curves().isEmpty()) return "";
        Curve c = r.curves().get(0);
        CurvePoint best = c.bestP1(), one = c.at(1.0);
        if (best == null) return "";
        String name = r.curves().size() > 1 ? c.name() + ": " : "";
        String s = String.format(Locale.ROOT, "; %sbest P@1 %.3f at factor %s", name, best.p1().mean(),
                plain(List.of(best.level())));
        if (one == null || one == best) return s;
        BestFactorTest t = c.bestVsOne();
        return s + String.format(Locale.ROOT, " against %.3f at 1", one.p1().mean()) + (t == null ? "" : ", " + t.describe());
    }

    /** A copy of the session's items, spaces and alignments (their records are immutable, so a shallow copy). */
    static Session snapshot(Session live) {
        Session c = new Session();
        for (Item it : live.items()) c.addItem(it);
        for (var e : live.spaces().values()) c.putSpace(e);
        for (var a : live.alignments().values()) c.putAlignment(a);
        c.setProvenance(live.provenance());
        return c;
    }

    /** Writes the last result as CSV (atomically). */
    public void exportCsv(Path target) {
        Object r = result.get();
        if (r == null) {
            status.set("Run a probe first, then export its result.");
            return;
        }
        try {
            ProbeReports.writeCsv(r, target);
            status.set("Wrote " + target);
        } catch (RuntimeException e) {
            status.set("Could not write " + target + ": " + e.getMessage());
        }
    }

    /** Plays a recording of the session by id. */
    public void play(String itemId) {
        Session s = session.get();
        Item it = s == null ? null : s.item(itemId);
        if (it != null) play.accept(it);
    }

    // ---- parsing ----

    private static boolean blank(String s) {
        return s == null || s.isBlank() || s.trim().equalsIgnoreCase("none");
    }

    static List<Double> numbers(String s, String field) {
        List<Double> out = new ArrayList<>();
        if (s == null || s.isBlank()) throw new IllegalArgumentException(field + ": give comma-separated numbers.");
        for (String p : s.split("[,;\\s]+")) {
            if (p.isBlank()) continue;
            out.add(number(p, field));
        }
        return out;
    }

    static List<Double> fractions(String s, String field) {
        List<Double> out = new ArrayList<>();
        for (double d : numbers(s, field)) {
            if (!(d >= 0 && d <= 100)) throw new IllegalArgumentException(field + ": " + d + " is outside 0..100 (percent).");
            out.add(Math.round(d * 1e7) / 1e9);
        }
        return out;
    }

    static double number(String s, String field) {
        try {
            return Double.parseDouble(s.trim().replace("%", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not a number.");
        }
    }

    static long integer(String s, String field) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not a whole number.");
        }
    }

    private static String percents(List<Double> l) {
        StringBuilder b = new StringBuilder();
        for (double d : l) {
            if (!b.isEmpty()) b.append(',');
            double p = Math.round(d * 1e6) / 1e4;
            b.append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
        }
        return b.toString();
    }

    private static String plain(List<Double> l) {
        StringBuilder b = new StringBuilder();
        for (double d : l) {
            if (!b.isEmpty()) b.append(',');
            b.append(d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d));
        }
        return b.toString();
    }
}
