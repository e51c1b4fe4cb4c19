package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-embedding with other models keeps the items added by hand (typed words, added audio files, recordings
 * made in the window), encoded with the new models. The other models here are the planted towers of
 * {@link AlignedAdditionsTest} with every vector negated, so a kept item's new row is known exactly.
 */
class ReembedTest {
    static final int DIM = 8;
    @TempDir
    Path dir;

    /** The planted towers under their own names, and "flipped" models giving minus their vectors. */
    record Flippable(AlignedAdditionsTest.Towers base) implements EncoderProvider {
        static final EncoderInfo SPEECH = PlantedEncoders.info("flipped", Modality.SPEECH, DIM, "planted", "f", false);
        static final EncoderInfo TEXT = PlantedEncoders.info("flipped", Modality.TEXT, DIM, "planted", "f", false);

        @Override
        public List<ModelSummary> available() {
            List<ModelSummary> l = new ArrayList<>(base.available());
            l.add(PlantedEncoders.summary(SPEECH, "test"));
            l.add(PlantedEncoders.summary(TEXT, "test"));
            return l;
        }

        @Override
        public SpeechEncoder openSpeech(String name, int threads) {
            SpeechEncoder b = base.openSpeech(null, threads);
            if (!"flipped".equals(name)) return b;
            return PlantedEncoders.speechEncoder(SPEECH,
                    w -> negated(b.encode(List.of(w), ProgressListener.NONE, Cancellation.NONE))[0], () -> { });
        }

        @Override
        public TextEncoder openText(String name, String speechModel, int threads) {
            TextEncoder b = base.openText(null, speechModel, threads);
            if (!"flipped".equals(name)) return b;
            return PlantedEncoders.textEncoder(TEXT, t -> negated(b.encode(List.of(t), ProgressListener.NONE, Cancellation.NONE))[0]);
        }
    }

    static float[][] negated(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
            for (int c = 0; c < out[i].length; c++) out[i][c] = -out[i][c];
        }
        return out;
    }

    private static final ProjectSettings TSNE = new ProjectSettings("tsne", 8, 250, 0, 7, 1, 0.5);

    @Test
    void itemsAddedByHandAreEncodedWithTheNewModelsAndKept() throws Exception {
        AlignedAdditionsTest.Towers towers = new AlignedAdditionsTest.Towers(DIM, DIM);
        LiveSession s = new LiveSession(new Flippable(towers), LiveSessionTest.BYTES, null);
        s.openDemo(AlignedAdditionsTest.demo(dir), TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        int dataset = s.session().items().size();
        String word = s.addTexts(List.of("hello there"), ProgressListener.NONE, Cancellation.NONE).get(0);
        Path more = Files.createDirectories(dir.resolve("more"));
        Path file = more.resolve("w7_2.wav");
        Files.write(file, new byte[] {7, 9, 2, 3});
        String added = s.addAudio(List.of(file), ProgressListener.NONE, Cancellation.NONE).get(0);
        // a recording at 8 kHz: it is resampled for the encoder, again when re-encoded
        float[] samples = new float[400];
        samples[0] = 4 / 128f;
        samples[1] = 6 / 128f;
        String rec = s.addRecording(samples, 8_000, "w4", ProgressListener.NONE, Cancellation.NONE);
        float[] recordedBefore = row(s, Modality.SPEECH, rec);

        s.reembed("flipped", "flipped", TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);

        assertEquals(dataset + 3, s.session().items().size(), "the three items added by hand are kept");
        assertEquals("w7", s.session().item(added).label());
        assertEquals("w4", s.session().item(rec).label());
        assertEquals("hello there", s.session().item(word).label());
        assertNotNull(s.session().space("speech:flipped"), "the new speech model's space");
        assertEquals(List.of("speech:flipped"), s.session().spaces(Modality.SPEECH).stream().map(EmbeddingSet::space).toList());
        assertEquals(List.of("text:flipped"), s.session().spaces(Modality.TEXT).stream().map(EmbeddingSet::space).toList());
        // encoded by the new models: minus what the old ones gave
        assertArrayEquals(negated(new float[][] {AlignedAdditionsTest.textVector("hello there", DIM)})[0], row(s, Modality.TEXT, word));
        assertArrayEquals(negated(new float[][] {towers.speech(7, 9)})[0], row(s, Modality.SPEECH, added));
        assertArrayEquals(negated(new float[][] {recordedBefore})[0], row(s, Modality.SPEECH, rec), "the recording's own samples");
        List<String> onMap = s.layout().items().stream().map(Item::id).toList();
        assertTrue(onMap.containsAll(List.of(word, added, rec)), "on the new map");
        assertTrue(s.description().contains("3 added by hand kept"), s.description());
        // they have neighbours in the new spaces (the planted towers are not aligned, so which ones says nothing)
        assertEquals(3, s.neighbours(added, 3, false, false, Cancellation.NONE).neighbours().size());
        assertEquals(3, s.neighbours(word, 3, false, false, Cancellation.NONE).neighbours().size());

        // saved and reopened, the recording's samples come back from the session file: re-embedding keeps it too
        Path f = dir.resolve("s.cmw");
        s.save(f, Cancellation.NONE);
        LiveSession again = new LiveSession(new Flippable(towers), LiveSessionTest.BYTES, null);
        again.open(f);
        again.reembed(null, null, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        assertTrue(again.session().hasItem(word) && again.session().hasItem(added) && again.session().hasItem(rec));
        assertArrayEquals(towers.speech(7, 9), row(again, Modality.SPEECH, added), "back to the planted model");
        assertArrayEquals(recordedBefore, row(again, Modality.SPEECH, rec), "the recording, encoded again from the saved samples");
        assertTrue(again.description().contains("3 added by hand kept") && !again.description().contains("left out"),
                again.description());
    }

    private static float[] row(LiveSession s, Modality m, String id) {
        EmbeddingSet e = s.session().spaces(m).stream().filter(x -> !x.space().contains("@")).findFirst().orElseThrow();
        Integer i = e.indexById().get(id);
        assertNotNull(i, id + " is in " + e.space());
        return e.row(i);
    }
}
