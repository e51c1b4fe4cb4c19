package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;

/** A new recording, encoded and brought through preprocessing and the map, lands where the session's own copy of it is. */
class AudioQueryTest {
    @TempDir Path dir;

    @Test
    void aNewRecordingFindsWhatTheSessionsCopyOfItFinds() throws Exception {
        FakeEncoders enc = new FakeEncoders();
        Random r = new Random(4);
        int n = 40;
        List<float[]> waves = new ArrayList<>();
        Session s = new Session();
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> srows = new ArrayList<>(), trows = new ArrayList<>();
        try (var sp = enc.openSpeech("fake-speech", 0)) {
            for (int i = 0; i < n; i++) {
                float[] w = new float[50 + r.nextInt(100)];
                for (int k = 0; k < w.length; k++) w[k] = (float) (r.nextGaussian() * 0.1 + 0.05);
                waves.add(w);
                String id = "speech/w" + i + ".wav";
                s.addItem(new Item(id, Modality.SPEECH, "word" + i, id, null));
                sid.add(id);
                float[] v = sp.encodeOne(w);
                srows.add(v);
                String t = "text/word" + i;
                s.addItem(new Item(t, Modality.TEXT, "word" + i, null, null));
                tid.add(t);
                trows.add(new float[] {v[1] * 0.01f + (float) r.nextGaussian() * 0.01f, v[0] + (float) r.nextGaussian() * 0.05f, v[2]});
            }
        }
        s.putSpace(EmbeddingSet.ofRows("speech:fake-speech", Modality.SPEECH, sid, srows.toArray(float[][]::new), null, Provenance.of("t").with("trimSilence", false)));
        s.putSpace(EmbeddingSet.ofRows("text:fake-text", Modality.TEXT, tid, trows.toArray(float[][]::new), null, Provenance.of("t")));
        AlignmentWorkflow.align(s, AlignmentWorkflow.Request.of("procrustes"), ProgressListener.NONE, Cancellation.NONE);
        RetrievalContext ctx = RetrievalContext.of(s, null);
        AudioInput audio = (file, rate, trim) -> waves.get(Integer.parseInt(file.getFileName().toString().replaceAll("\\D", "")));
        Path f = Files.writeString(dir.resolve("w7.wav"), "x");
        float[] v = AudioQuery.vector(s, ctx, f, enc, audio);
        for (RetrievalMethod m : RetrievalMethod.values()) {
            RetrievalOptions o = RetrievalOptions.defaults(m);
            var fromFile = ctx.neighboursOfSpeechVector(v, "word7", o, Cancellation.NONE);
            var fromItem = ctx.neighbours("speech/w7.wav", o, Cancellation.NONE);
            assertEquals(fromItem.trueMatchRank(), fromFile.trueMatchRank(), m + " rank");
            for (int i = 0; i < fromItem.neighbours().size(); i++) {
                assertEquals(fromItem.neighbours().get(i).itemId(), fromFile.neighbours().get(i).itemId(), m + " neighbour " + i);
                if (m != RetrievalMethod.CSLS) {
                    assertEquals(fromItem.neighbours().get(i).score(), fromFile.neighbours().get(i).score(), 1e-4, m + " score " + i);
                }
            }
        }
        assertThrows(WorkbenchException.class, () -> AudioQuery.vector(s, ctx, dir.resolve("missing.wav"), enc, audio));
    }
}
