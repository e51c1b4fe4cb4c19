package org.crossmodal.workbench.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;

/** Opening, saving and describing sessions. */
public final class SessionWorkflow {
    private SessionWorkflow() { }

    public static Session open(Path file) {
        return SessionStore.open(file);
    }

    /** Saves atomically; on cancellation the old file stays. */
    public static void save(Session s, Path file, Cancellation cancel) {
        SessionStore.save(s, file, cancel);
    }

    /** A summary of one space. */
    public record SpaceInfo(String name, Modality modality, int rows, int dimension, String sharedSpace, Provenance provenance) { }

    /** A summary of one alignment. */
    public record AlignmentInfo(String name, String sourceSpace, String targetSpace, int rows, int cols, Provenance provenance) { }

    /** A summary of one projection. */
    public record ProjectionInfo(String name, int points, Provenance provenance) { }

    /**
     * What {@code workbench info} prints.
     *
     * @param file          the session file
     * @param formatVersion the format version this workbench writes
     * @param speechItems   recordings
     * @param textItems     words and phrases
     * @param speakers      distinct speakers
     * @param keptAudio     items whose audio the file keeps (recordings made in the window)
     * @param keptSeconds   their total duration
     */
    public record Info(Path file, int formatVersion, int speechItems, int textItems, int speakers,
                       List<SpaceInfo> spaces, List<AlignmentInfo> alignments, List<ProjectionInfo> projections,
                       Provenance provenance, Map<String, String> attributes, int keptAudio, double keptSeconds) { }

    public static Info info(Path file) {
        return info(SessionStore.open(file), file);
    }

    public static Info info(Session s, Path file) {
        List<SpaceInfo> spaces = s.spaces().values().stream().map((EmbeddingSet e) -> new SpaceInfo(e.space(), e.modality(),
                e.size(), e.dim(), e.sharedSpace(), e.provenance())).toList();
        List<AlignmentInfo> aligns = s.alignments().values().stream().map((LinearMap m) -> new AlignmentInfo(m.name(),
                m.sourceSpace(), m.targetSpace(), m.rows(), m.cols(), m.provenance())).toList();
        List<ProjectionInfo> projs = s.projections().values().stream().map((Projection p) -> new ProjectionInfo(p.name(),
                p.size(), p.provenance())).toList();
        int speakers = (int) s.items(Modality.SPEECH).stream().map(i -> i.speaker()).filter(x -> x != null).distinct().count();
        return new Info(file, Session.FORMAT_VERSION, s.items(Modality.SPEECH).size(), s.items(Modality.TEXT).size(), speakers,
                spaces, aligns, projs, s.provenance(), s.attributes(), s.audio().size(),
                s.audio().values().stream().mapToDouble(a -> a.durationSeconds()).sum());
    }
}
