package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.AudioDevices;
import org.crossmodal.workbench.workflow.FakeEncoders;
import org.crossmodal.workbench.workflow.LiveSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window plays a recording of a reopened session from the audio the session file keeps, at its own rate. */
class PlaybackOfKeptAudioTest {
    @TempDir Path dir;

    @Test
    void aRecordingOfAReopenedSessionPlaysAtItsOwnRate() throws Exception {
        Session s = new Session();
        s.addItem(new Item("speech/recording-1", Modality.SPEECH, "hello", "microphone", "microphone"));
        s.addItem(new Item("speech/recording-old", Modality.SPEECH, "bye", "microphone", "microphone"));
        s.putSpace(new EmbeddingSet("speech:fake-speech", Modality.SPEECH, List.of("speech/recording-1", "speech/recording-old"), 3,
                new float[6], null, Provenance.of("test")));
        float[] samples = new float[2205];
        for (int i = 0; i < samples.length; i++) samples[i] = (short) (9000 * Math.sin(i * 0.05)) / 32768f;
        s.putAudio("speech/recording-1", new Audio(samples, 22_050, 1, "microphone"));
        Path f = dir.resolve("s.cmw");
        SessionStore.save(s, f);

        BlockingQueue<Audio> played = new ArrayBlockingQueue<>(4);
        AudioDevices devices = new AudioDevices((rate, blocks) -> { throw new AssertionError("no recording here"); },
                (audio, stop) -> played.add(audio), null, null);
        FakeEncoders fake = new FakeEncoders();
        WorkflowBackend backend = new WorkflowBackend(dir, new LiveSession(fake, fake.audio, null), devices);
        backend.openSession(f, ProgressListener.NONE, Cancellation.NONE);

        backend.playItem("speech/recording-1");
        Audio a = played.poll(10, TimeUnit.SECONDS);
        assertEquals(22_050, a.sampleRate());
        assertArrayEquals(samples, a.samples());

        // a recording whose audio was never kept (here: none given) says so instead of playing nothing
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> backend.playItem("speech/recording-old"));
        assertTrue(e.getMessage().contains("bye") && e.getMessage().contains("did not keep its audio"), e.getMessage());
        assertTrue(played.isEmpty());
    }
}
