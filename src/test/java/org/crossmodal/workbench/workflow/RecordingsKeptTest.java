package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.audio.JavaSoundSource;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.SessionAudioTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made in the window (here from an injected microphone: 16-bit little-endian bytes through the
 * real capture code) is saved with the session: after save and reopen it keeps its id and label, its audio
 * comes back bit for bit at its own rate for playback, and re-embedding with another model encodes it again.
 */
class RecordingsKeptTest {
    static final int RATE = 44_100;
    private static final ProjectSettings TSNE = new ProjectSettings("tsne", 8, 250, 0, 7, 1, 0.5);
    @TempDir
    Path dir;

    /** 0.3 s of 16-bit noise whose first two samples say word 4, speaker 6 to the planted speech tower. */
    static byte[] pcm() {
        Random r = new Random(3);
        short[] s = new short[RATE * 3 / 10];
        for (int i = 0; i < s.length; i++) s[i] = (short) (r.nextInt(20_000) - 10_000);
        s[0] = 4 * 256;
        s[1] = 6 * 256;
        byte[] b = new byte[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) s[i];
            b[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return b;
    }

    /** A microphone that delivers {@code bytes} in 441-byte reads, then ends (and counts {@code done} down). */
    static AudioDevices.SourceFactory microphone(byte[] bytes, CountDownLatch done) {
        return (rate, blocks) -> new JavaSoundSource(rate, format -> new JavaSoundSource.Capture() {
            int at;

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at >= bytes.length) {
                    done.countDown();
                    return -1;
                }
                int n = Math.min(Math.min(length, 441), bytes.length - at);
                System.arraycopy(bytes, at, buffer, offset, n);
                at += n;
                return n;
            }

            @Override
            public void close() { }
        });
    }

    @Test
    void aRecordingSurvivesSaveAndReopenAndIsEncodedAgainWithAnotherModel() throws Exception {
        AlignedAdditionsTest.Towers towers = new AlignedAdditionsTest.Towers(ReembedTest.DIM, ReembedTest.DIM);
        LiveSession s = new LiveSession(new ReembedTest.Flippable(towers), LiveSessionTest.BYTES, null);
        s.openDemo(AlignedAdditionsTest.demo(dir), TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);

        CountDownLatch done = new CountDownLatch(1);
        AudioDevices devices = new AudioDevices(microphone(pcm(), done), (audio, stop) -> { }, null, null);
        AudioDevices.Recording r = devices.record(RATE, block -> { });
        assertTrue(done.await(10, TimeUnit.SECONDS), "the microphone delivered everything");
        float[] samples = r.stop();
        assertEquals(RATE * 3 / 10, samples.length, "the whole recording arrived");
        String rec = s.addRecording(samples, r.sampleRate(), "w4", ProgressListener.NONE, Cancellation.NONE);
        float[] before = row(s, rec);
        // playable already before saving, at its own rate
        assertEquals(RATE, s.audio(rec).sampleRate());

        Path f = dir.resolve("with-recording.cmw");
        s.save(f, Cancellation.NONE);
        LiveSession again = new LiveSession(new ReembedTest.Flippable(towers), LiveSessionTest.BYTES, null);
        again.open(f);
        Item it = again.session().item(rec);
        assertNotNull(it, "the recording keeps its id");
        assertEquals("w4", it.label());
        Audio back = again.audio(rec);
        assertEquals(RATE, back.sampleRate());
        assertEquals(1, back.channels());
        assertArrayEquals(SessionAudioTest.bits(samples), SessionAudioTest.bits(back.samples()), "the samples, bit for bit");
        assertArrayEquals(before, row(again, rec), "its vector is saved too");

        again.reembed("flipped", "flipped", TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        assertEquals(List.of("speech:flipped"), again.session().spaces(Modality.SPEECH).stream().map(EmbeddingSet::space).toList());
        assertEquals("w4", again.session().item(rec).label());
        assertArrayEquals(ReembedTest.negated(new float[][] {before})[0], row(again, rec), "encoded again by the new model");
        assertTrue(again.layout().items().stream().anyMatch(i -> i.id().equals(rec)), "on the new map");
        assertTrue(again.description().contains("1 added by hand kept") && !again.description().contains("left out"),
                again.description());

        // and saved after re-embedding, the audio is still there
        Path g = dir.resolve("reembedded.cmw");
        again.save(g, Cancellation.NONE);
        LiveSession third = new LiveSession(new ReembedTest.Flippable(towers), LiveSessionTest.BYTES, null);
        third.open(g);
        assertArrayEquals(SessionAudioTest.bits(samples), SessionAudioTest.bits(third.audio(rec).samples()));
    }

    @Test
    void aRecordingFromAnOldFileHasNoAudioAndSaysSo() throws Exception {
        Path old = dir.resolve("old.cmw");
        try (var in = RecordingsKeptTest.class.getResourceAsStream("/session/format1-without-audio.cmw")) {
            Files.copy(in, old);
        }
        LiveSession s = new LiveSession(new FakeEncoders(), LiveSessionTest.BYTES, null);
        s.open(old);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> s.audio("speech/recording-2026-11-22T09-00-00Z"));
        assertTrue(e.getMessage().contains("hello") && e.getMessage().contains("did not keep its audio"), e.getMessage());
    }

    private static float[] row(LiveSession s, String id) {
        EmbeddingSet e = s.session().spaces(Modality.SPEECH).stream().filter(x -> !x.space().contains("@")).findFirst().orElseThrow();
        Integer i = e.indexById().get(id);
        assertNotNull(i, id + " is in " + e.space());
        return e.row(i);
    }
}
