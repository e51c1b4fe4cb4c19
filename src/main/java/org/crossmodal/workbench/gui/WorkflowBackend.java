package org.crossmodal.workbench.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.AudioDevices;
import org.crossmodal.workbench.workflow.AudioFiles;
import org.crossmodal.workbench.workflow.ExportWorkflow;
import org.crossmodal.workbench.workflow.LiveSession;
import org.crossmodal.workbench.workflow.ProjectSettings;

/** The window's backend on the workflow layer: one {@link LiveSession} and the audio devices. */
public final class WorkflowBackend implements WorkbenchBackend {
    private final Path demoDir;
    private final LiveSession live;
    private final AudioDevices devices;

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
        live.openDemo(demoDir, ProjectSettings.defaults(), p, c, listener(m));
        return snapshot();
    }

    @Override
    public SessionSnapshot openSession(Path f, ProgressListener p, Cancellation c) {
        live.open(f);
        return snapshot();
    }

    @Override
    public void saveSession(Path f, ProgressListener p, Cancellation c) {
        live.save(f, c);
    }

    @Override
    public SessionSnapshot snapshot() {
        LiveSession.Layout l = live.layout();
        return new SessionSnapshot(l.items(), l.xy(), java.util.Map.of(), live.description());
    }

    @Override
    public SessionSnapshot addFiles(List<Path> paths, ProgressListener p, Cancellation c) {
        live.addAudio(paths, p, c);
        return snapshot();
    }

    @Override
    public SessionSnapshot addTexts(List<String> texts, ProgressListener p, Cancellation c) {
        live.addTexts(texts, p, c);
        return snapshot();
    }

    @Override
    public SessionSnapshot addRecording(float[] s, int r, String l, ProgressListener p, Cancellation c) {
        live.addRecording(s, r, l, p, c);
        return snapshot();
    }

    @Override
    public float[] trimSilence(float[] samples, int sampleRate) {
        return AudioDevices.trimSilence(samples, sampleRate);
    }

    @Override
    public NeighbourResult neighbours(String itemId, NeighbourQuery query) {
        throw new WorkbenchException("Neighbour search is not available in this build yet.");
    }

    @Override
    public MetricsReport metrics(boolean csls, ProgressListener p, Cancellation c) {
        throw new WorkbenchException("Metrics are not available in this build yet.");
    }

    @Override
    public SessionSnapshot project(ProjectionSettings s, LiveMap m, ProgressListener p, Cancellation c) {
        live.project(settings(s), p, c, listener(m));
        return snapshot();
    }

    @Override
    public ModelsReport models() {
        Provenance mp = live.mapProvenance();
        String alignment = live.session().alignments().isEmpty() ? "none"
                : String.join(", ", live.session().alignments().keySet());
        if (mp != null && mp.get("input.alignment") != null) alignment += " (map uses " + mp.get("input.alignment") + ")";
        return new ModelsReport(live.spaceSummary(Modality.SPEECH), live.spaceSummary(Modality.TEXT), alignment);
    }

    @Override
    public AlignmentReport align(String method, Path dictionary, ProgressListener p, Cancellation c) {
        throw new WorkbenchException("Alignment is not available in this build yet.");
    }

    @Override
    public List<String> alignmentMethods() {
        return List.of("procrustes", "adversarial", "self-learning");
    }

    @Override
    public void exportData(Path target, String format, ProgressListener p, Cancellation c) {
        ExportWorkflow.Format f = switch (format) {
            case "tensorboard" -> ExportWorkflow.Format.parse("projector");
            case "npy" -> ExportWorkflow.Format.parse("npy");
            default -> ExportWorkflow.Format.parse("csv");
        };
        ExportWorkflow.export(live.session(), f, target, List.of(), p, c);
    }

    @Override
    public void playItem(String itemId) {
        Item it = live.session().item(itemId);
        if (it == null || it.source() == null || !Files.isRegularFile(Path.of(it.source()))) {
            throw new WorkbenchException("The audio of \u201c" + (it == null ? itemId : it.label())
                    + "\u201d is not available (" + (it == null ? "unknown item" : it.source() == null ? "no file" : it.source() + " not found") + ").");
        }
        devices.play(AudioFiles.standard().load(Path.of(it.source()), 16_000, false), 16_000);
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
