package org.crossmodal.workbench.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The window's backend on the workflow layer. Operations whose workflow use case is not in this
 * build yet fail with a message that says so.
 */
public final class WorkflowBackend implements WorkbenchBackend {
    private final Path demoDir;
    private final Path modelsDir;

    public WorkflowBackend(Path demoDir, Path modelsDir) {
        this.demoDir = demoDir;
        this.modelsDir = modelsDir;
    }

    /** The demo and models next to the working directory or the jar. */
    public static WorkflowBackend standard() {
        Path base = Path.of(System.getProperty("workbench.root", "."));
        return new WorkflowBackend(base.resolve("assets/demo"), base.resolve("models"));
    }

    private static WorkbenchException notYet(String what) {
        return new WorkbenchException(what + " is not available in this build yet.");
    }

    @Override
    public String demoUnavailableReason() {
        if (!Files.isRegularFile(demoDir.resolve("manifest.tsv"))) {
            return "The demo corpus was not found (" + demoDir.resolve("manifest.tsv").toAbsolutePath() + ").";
        }
        if (!Files.isDirectory(modelsDir)) {
            return "The built-in models were not found (" + modelsDir.toAbsolutePath() + ").";
        }
        return "Embedding the demo is not available in this build yet.";
    }

    @Override public SessionSnapshot openDemo(ProgressListener p, Cancellation c) { throw notYet("Opening the demo"); }
    @Override public SessionSnapshot openSession(Path f, ProgressListener p, Cancellation c) { throw notYet("Opening sessions"); }
    @Override public void saveSession(Path f, ProgressListener p, Cancellation c) { throw notYet("Saving sessions"); }
    @Override public SessionSnapshot snapshot() { return SessionSnapshot.empty(""); }
    @Override public SessionSnapshot addFiles(List<Path> paths, ProgressListener p, Cancellation c) { throw notYet("Adding audio files"); }
    @Override public SessionSnapshot addTexts(List<String> texts, ProgressListener p, Cancellation c) { throw notYet("Adding texts"); }
    @Override public SessionSnapshot addRecording(float[] s, int r, String l, ProgressListener p, Cancellation c) { throw notYet("Adding recordings"); }
    @Override public float[] trimSilence(float[] samples, int sampleRate) { throw notYet("Trimming"); }
    @Override public NeighbourResult neighbours(String itemId, NeighbourQuery query) { throw notYet("Neighbour search"); }
    @Override public MetricsReport metrics(boolean csls, ProgressListener p, Cancellation c) { throw notYet("Metrics"); }
    @Override public SessionSnapshot project(ProjectionSettings s, Consumer<float[]> snaps, ProgressListener p, Cancellation c) { throw notYet("Projection"); }
    @Override public ModelsReport models() { return new ModelsReport("none loaded", "none loaded", "none"); }
    @Override public AlignmentReport align(String method, Path dictionary, ProgressListener p, Cancellation c) { throw notYet("Alignment"); }
    @Override public List<String> alignmentMethods() { return List.of("procrustes", "adversarial", "self-learning"); }
    @Override public void exportData(Path target, String format, ProgressListener p, Cancellation c) { throw notYet("Data export"); }
    @Override public void playItem(String itemId) { throw notYet("Playback"); }

    @Override
    public AudioPort audio() {
        return new AudioPort() {
            @Override public String recordingUnavailableReason() { return "audio recording is not available in this build yet"; }
            @Override public Recording startRecording(int rate, Consumer<float[]> chunks) { throw notYet("Recording"); }
            @Override public String playbackUnavailableReason() { return "audio playback is not available in this build yet"; }
            @Override public void play(float[] samples, int rate) { throw notYet("Playback"); }
        };
    }
}
