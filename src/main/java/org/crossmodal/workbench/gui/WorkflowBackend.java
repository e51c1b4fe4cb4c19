package org.crossmodal.workbench.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.AlignmentWorkflow;
import org.crossmodal.workbench.workflow.AudioDevices;
import org.crossmodal.workbench.workflow.ExportWorkflow;
import org.crossmodal.workbench.workflow.LiveSession;
import org.crossmodal.workbench.workflow.ProjectSettings;
import org.crossmodal.workbench.workflow.RetrievalContext;

/** The window's backend on the workflow layer: one {@link LiveSession} and the audio devices. */
public final class WorkflowBackend implements WorkbenchBackend {
    private final Path demoDir;
    private final LiveSession live;
    private final AudioDevices devices;
    /** One operation on the session at a time; calls from the FX thread wait briefly, then say the session is busy. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    public WorkflowBackend(Path demoDir, LiveSession live, AudioDevices devices) {
        this.demoDir = demoDir;
        this.live = live;
        this.devices = devices;
    }

    /** The demo under {@code workbench.root} (default: the working directory), the standard models and devices. */
    public static WorkflowBackend standard() {
        Path base = Path.of(System.getProperty("workbench.root", ".")).toAbsolutePath().normalize();
        return new WorkflowBackend(base.resolve("assets/demo"), LiveSession.standard(), AudioDevices.system());
    }

    /** Takes the lock for a quick call, waiting at most 300 ms (a long job holds it for its whole run). */
    private void enter() {
        try {
            if (lock.tryLock(300, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new WorkbenchException("the session is busy with a running job; try again when it is done");
    }

    /** Runs a job holding the lock for its whole run; waits for the lock as long as it takes. */
    private <T> T locked(Supplier<T> job) {
        lock.lock();
        try {
            return job.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a job that changes the session, holding the lock, and returns the session as the job left it. */
    private SessionSnapshot changed(Runnable job) {
        return locked(() -> {
            job.run();
            return snapshot();
        });
    }

    /** Runs a quick call holding the lock; says the session is busy if a job holds it (see {@link #enter()}). */
    private <T> T quick(Supplier<T> call) {
        enter();
        try {
            return call.get();
        } finally {
            lock.unlock();
        }
    }

    private static ProjectSettings settings(ProjectionSettings s) {
        ProjectSettings d = ProjectSettings.defaults();
        return new ProjectSettings(s.method(), s.perplexity(), s.iterations(), d.learningRate(), s.seed(), d.threads(),
                d.theta());
    }

    private static org.crossmodal.workbench.workflow.LiveSession.MapListener listener(LiveMap m) {
        return new LiveSession.MapListener() {
            @Override public void begin(List<Item> items) { m.begin(items); }
            @Override public void frame(float[] xy) { m.frame(xy); }
        };
    }

    @Override
    public String demoUnavailableReason() {
        return live.demoProblem(demoDir);
    }

    @Override
    public SessionSnapshot openDemo(ProgressListener p, Cancellation c, LiveMap m) {
        return changed(() -> live.openDemo(demoDir, ProjectSettings.defaults(), p, c, listener(m)));
    }

    @Override
    public SessionSnapshot openSession(Path f, ProgressListener p, Cancellation c) {
        return changed(() -> live.open(f));
    }

    @Override
    public void saveSession(Path f, ProgressListener p, Cancellation c) {
        locked(() -> {
            live.save(f, c);
            return null;
        });
    }

    @Override
    public SessionSnapshot snapshot() {
        return locked(() -> {
            LiveSession.Layout l = live.layout();
            java.util.Map<String, Boolean> nn = l.items().isEmpty() ? java.util.Map.of()
                    : live.nearestIsTrueMatch(ProgressListener.NONE, Cancellation.NONE);
            return new SessionSnapshot(l.items(), l.xy(), nn, live.description());
        });
    }

    @Override
    public SessionSnapshot addFiles(List<Path> paths, ProgressListener p, Cancellation c) {
        return changed(() -> live.addAudio(paths, p, c));
    }

    @Override
    public SessionSnapshot addTexts(List<String> texts, ProgressListener p, Cancellation c) {
        return changed(() -> live.addTexts(texts, p, c));
    }

    @Override
    public SessionSnapshot addRecording(float[] s, int r, String l, ProgressListener p, Cancellation c) {
        return changed(() -> live.addRecording(s, r, l, p, c));
    }

    @Override
    public float[] trimSilence(float[] samples, int sampleRate) {
        return AudioDevices.trimSilence(samples, sampleRate);
    }

    @Override
    public NeighbourResult neighbours(String itemId, NeighbourQuery query) {
        return quick(() -> {
            RetrievalContext.NeighbourList l = live.neighbours(itemId, query.k(), query.csls(), query.includeOwn(), Cancellation.NONE);
            return result(live.session().item(itemId), l, l.trueMatchRank() > 0 ? l.trueMatchRank() : -1);
        });
    }

    /** The panel's view of a neighbour list: each neighbour as the session's item where it has one. */
    private NeighbourResult result(Item query, RetrievalContext.NeighbourList l, int trueMatchRank) {
        Session s = live.session();
        List<NeighbourResult.Neighbour> out = new ArrayList<>();
        for (RetrievalContext.Neighbour n : l.neighbours()) {
            Item it = s.item(n.itemId());
            if (it == null) it = new Item(n.itemId(), n.modality(), n.label(), null, null);
            out.add(new NeighbourResult.Neighbour(it, n.score(), n.trueMatch()));
        }
        return new NeighbourResult(query, out, trueMatchRank, l.measure());
    }

    @Override
    public NeighbourResult neighboursOfIpa(String ipa, NeighbourQuery query) {
        return quick(() -> {
            RetrievalContext.NeighbourList l = live.neighboursOfIpa(ipa, query.k(), query.csls(), Cancellation.NONE);
            // the query as the tower read it (keyboard stand-ins replaced)
            return result(new Item("query", org.crossmodal.workbench.core.Modality.TEXT, l.queryLabel(), null, null), l, -1);
        });
    }

    @Override
    public MetricsReport metrics(boolean csls, ProgressListener p, Cancellation c) {
        return locked(() -> report(live.evaluate(csls, p, c)));
    }

    static MetricsReport report(RetrievalContext.Evaluation ev) {
        List<MetricsReport.Direction> dirs = new ArrayList<>();
        for (RetrievalContext.Direction d : List.of(ev.speechToText(), ev.textToSpeech())) {
            var m = d.metrics();
            List<MetricsReport.Worst> worst = new ArrayList<>();
            for (RetrievalContext.WorstItem w : d.worst()) {
                worst.add(new MetricsReport.Worst(w.itemId(), w.label() + (w.firstLabel() != null ? "  (first: " + w.firstLabel() + ")" : ""),
                        w.rank()));
            }
            int[] ranks = java.util.Arrays.stream(d.trueRanks()).filter(r -> r > 0).toArray();
            dirs.add(new MetricsReport.Direction(d.name().replace("->", " → "), m.pAt1(), m.pAt5(), m.pAt10(), m.mrr(), ranks, worst));
        }
        double hub = ev.speechToText().metrics().kOccurrenceSkew();
        String measure = ev.options().method() == org.crossmodal.workbench.retrieval.RetrievalMethod.CSLS ? "CSLS" : "cosine";
        return new MetricsReport(dirs, hub, List.of(), measure + (ev.alignment() != null ? ", alignment " + ev.alignment() : "")
                + (ev.notes().isEmpty() ? "" : "; " + String.join("; ", ev.notes())));
    }

    @Override
    public SessionSnapshot project(ProjectionSettings s, LiveMap m, ProgressListener p, Cancellation c) {
        return changed(() -> live.project(settings(s), p, c, listener(m)));
    }

    @Override
    public ModelsReport models() {
        return quick(() -> {
            Provenance mp = live.mapProvenance();
            String alignment = live.session().alignments().isEmpty() ? "none"
                    : String.join(", ", live.session().alignments().keySet());
            if (mp != null && mp.get("input.alignment") != null) alignment += " (map uses " + mp.get("input.alignment") + ")";
            return new ModelsReport(live.spaceSummary(Modality.SPEECH), live.spaceSummary(Modality.TEXT), alignment);
        });
    }

    @Override
    public AlignmentReport align(String method, Path dictionary, ProgressListener p, Cancellation c) {
        return locked(() -> {
            MetricsReport before;
            try {
                before = report(live.evaluate(false, p, c));
            } catch (WorkbenchException e) {
                before = new MetricsReport(List.of(), Double.NaN, List.of(), "not comparable before alignment: " + e.getMessage());
            }
            AlignmentWorkflow.Outcome o = live.align(method, dictionary, p, c);
            MetricsReport after = report(live.evaluate(false, p, c));
            String details = "verdict: " + o.result().verdict() + (o.result().success() ? "" : " (the method reports failure)")
                    + String.format(java.util.Locale.ROOT, "\ncommon dimension %d, %d dictionary pairs, %.1f s", o.commonDim(),
                    o.dictionaryPairs(), o.seconds())
                    + (o.unknownEntries().isEmpty() ? "" : "\n" + o.unknownEntries().size() + " dictionary lines not in the session")
                    + (o.diagnostics().warnings().isEmpty() ? "" : "\n" + String.join("\n", o.diagnostics().warnings()));
            return new AlignmentReport(method, before, after, details);
        });
    }

    @Override
    public List<String> modelChoices(Modality modality) {
        List<String> out = new ArrayList<>();
        for (var m : live.models()) {
            if (m.modality() != modality || !m.usable()) continue;
            if (m.isDefault()) out.add(0, m.name()); else out.add(m.name());
        }
        return out;
    }

    @Override
    public SessionSnapshot reembed(String speechModel, String textModel, boolean normaliseVoices, ProgressListener p,
                                   Cancellation c, LiveMap m) {
        return changed(() -> live.reembed(speechModel, textModel, normaliseVoices, ProjectSettings.defaults(), p, c, listener(m)));
    }

    @Override
    public List<String> alignmentMethods() {
        return AlignmentWorkflow.METHODS;
    }

    @Override
    public void exportData(Path target, String format, ProgressListener p, Cancellation c) {
        locked(() -> {
            ExportWorkflow.Format f = switch (format) {
                case "tensorboard" -> ExportWorkflow.Format.parse("projector");
                case "npy" -> ExportWorkflow.Format.parse("npy");
                default -> ExportWorkflow.Format.parse("csv");
            };
            ExportWorkflow.export(live.session(), f, target, List.of(), p, c);
            return null;
        });
    }

    @Override
    public void playItem(String itemId) {
        quick(() -> {
            org.crossmodal.workbench.audio.Audio a = live.audio(itemId).toMono();
            devices.play(a.samples(), a.sampleRate());
            return null;
        });
    }

    @Override
    public Session currentSession() {
        return live.session();
    }

    @Override
    public AudioPort audio() {
        return new AudioPort() {
            @Override public String recordingUnavailableReason() { return devices.inputProblem(); }

            @Override
            public Recording startRecording(int rate, Consumer<float[]> chunks) {
                AudioDevices.Recording r = devices.record(rate, chunks);
                return new Recording() {
                    @Override public float[] stop() { return r.stop(); }
                    @Override public int sampleRate() { return r.sampleRate(); }
                };
            }

            @Override public String playbackUnavailableReason() { return devices.outputProblem(); }

            @Override public void play(float[] samples, int rate) { devices.play(samples, rate); }
        };
    }

}
