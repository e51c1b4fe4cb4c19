package org.crossmodal.workbench.gui;

import java.nio.file.Path;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * Everything the window asks of the workflow layer. The window's view-models talk only to this;
 * {@link WorkflowBackend} implements it on the workflow use cases, tests implement it on synthetic
 * data. Methods taking a progress listener are long and run on worker threads; the rest are quick.
 * Errors the user can act on are {@link org.crossmodal.workbench.core.WorkbenchException}s.
 */
public interface WorkbenchBackend {

    /** Why the built-in demo cannot be opened (missing corpus or models), or null when it can. */
    String demoUnavailableReason();

    /** Loads the built-in demo: embeds it with the built-in models (cached) and projects it, live. */
    SessionSnapshot openDemo(ProgressListener progress, Cancellation cancel, LiveMap live);

    /** Opens a saved session. */
    SessionSnapshot openSession(Path file, ProgressListener progress, Cancellation cancel);

    /** Saves the current session (atomically). */
    void saveSession(Path file, ProgressListener progress, Cancellation cancel);

    /** The current session. */
    SessionSnapshot snapshot();

    /** Adds audio files, folders or manifests; new points are placed on the existing map. */
    SessionSnapshot addFiles(List<Path> paths, ProgressListener progress, Cancellation cancel);

    /** Adds typed words or phrases as text items, placed on the existing map. */
    SessionSnapshot addTexts(List<String> texts, ProgressListener progress, Cancellation cancel);

    /**
     * Adds a recording: encodes it and places it on the existing map.
     *
     * @param label what it says if the user typed it, or blank
     * @return the new snapshot; the new item is the last one
     */
    SessionSnapshot addRecording(float[] samples, int sampleRate, String label, ProgressListener progress,
                                 Cancellation cancel);

    /** The recording without leading and trailing silence; throws if it is all silence. */
    float[] trimSilence(float[] samples, int sampleRate);

    /** The neighbours of an item. */
    NeighbourResult neighbours(String itemId, NeighbourQuery query);

    /** The recordings nearest to a pronunciation in IPA, read by the built-in phoneme tower. */
    default NeighbourResult neighboursOfIpa(String ipa, NeighbourQuery query) {
        throw new org.crossmodal.workbench.core.WorkbenchException("Looking up a pronunciation is not available here.");
    }

    /** Retrieval metrics of the session. */
    MetricsReport metrics(boolean csls, ProgressListener progress, Cancellation cancel);

    /** Recomputes the map, handing its items and then live snapshots a few times a second to {@code live}. */
    SessionSnapshot project(ProjectionSettings settings, LiveMap live, ProgressListener progress, Cancellation cancel);

    /** Models and alignment: what is loaded, with provenance. */
    ModelsReport models();

    /** The models that can be chosen for a modality: names (the default first), or empty when unknown. */
    default List<String> modelChoices(org.crossmodal.workbench.core.Modality modality) {
        return List.of();
    }

    /**
     * Embeds the session again with other models (a name from {@link #modelChoices} or a model folder; null for
     * the default) and makes a new map, live.
     */
    default SessionSnapshot reembed(String speechModel, String textModel, boolean normaliseVoices, ProgressListener progress,
                                    Cancellation cancel, LiveMap live) {
        throw new org.crossmodal.workbench.core.WorkbenchException("Choosing models is not available here.");
    }

    /** Runs an alignment method and returns the metrics before and after. */
    AlignmentReport align(String method, Path dictionary, ProgressListener progress, Cancellation cancel);

    /** The alignment methods offered. */
    List<String> alignmentMethods();

    /** Exports the data: format is one of "tensorboard", "npy", "neighbours-csv". */
    void exportData(Path target, String format, ProgressListener progress, Cancellation cancel);

    /** Plays a spoken item's audio through the audio port. */
    void playItem(String itemId);

    /** The microphone and speakers. */
    AudioPort audio();

    /** The session the window shows, for the Probes view; null when none is open or the backend keeps none. */
    default org.crossmodal.workbench.session.Session currentSession() {
        return null;
    }

    /**
     * What is loaded.
     *
     * @param speechEncoder name and provenance lines of the speech encoder
     * @param textEncoder   name and provenance lines of the text encoder
     * @param alignment     the current alignment, or "none"
     */
    record ModelsReport(String speechEncoder, String textEncoder, String alignment) { }

    /**
     * The result of an alignment.
     *
     * @param method  the method
     * @param before  metrics before
     * @param after   metrics after
     * @param details provenance lines
     */
    record AlignmentReport(String method, MetricsReport before, MetricsReport after, String details) { }
}
