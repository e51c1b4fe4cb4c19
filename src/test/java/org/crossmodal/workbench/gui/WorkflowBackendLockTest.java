package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.crossmodal.workbench.workflow.AudioInput;
import org.crossmodal.workbench.workflow.FakeEncoders;
import org.crossmodal.workbench.workflow.LiveSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One operation on the session at a time: a quick call says the session is busy, another job waits its turn. */
class WorkflowBackendLockTest {
    @TempDir Path dir;

    @Test
    void whileAJobRunsQuickCallsSayBusyAndOtherJobsWait() throws Exception {
        Session s = new Session();
        s.addItem(new Item("speech/one", Modality.SPEECH, "one", null, null));
        s.putSpace(new EmbeddingSet("speech:fake-speech", Modality.SPEECH, List.of("speech/one"), 3, new float[3], null,
                Provenance.of("test")));
        Path f = dir.resolve("s.cmw");
        SessionStore.save(s, f);
        Path wav = dir.resolve("two.wav");
        Files.write(wav, new byte[] {7, 1, 2});

        // decoding the added file holds the job until the test releases it
        CountDownLatch inJob = new CountDownLatch(1), release = new CountDownLatch(1);
        FakeEncoders fake = new FakeEncoders();
        AudioInput holding = (file, rate, trim) -> {
            inJob.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake.audio.load(file, rate, trim);
        };
        AudioDevices devices = new AudioDevices((rate, blocks) -> { throw new AssertionError("no recording here"); },
                (audio, stop) -> { }, null, null);
        WorkflowBackend backend = new WorkflowBackend(dir, new LiveSession(fake, holding, null), devices);
        backend.openSession(f, ProgressListener.NONE, Cancellation.NONE);

        CompletableFuture<SessionSnapshot> job = CompletableFuture.supplyAsync(
                () -> backend.addFiles(List.of(wav), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(inJob.await(20, TimeUnit.SECONDS), "the job never decoded the file: " + job);

        WorkbenchException busy = assertThrows(WorkbenchException.class, backend::models);
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        CompletableFuture<SessionSnapshot> waiting = CompletableFuture.supplyAsync(backend::snapshot);
        Thread.sleep(400);
        assertFalse(waiting.isDone(), "a second job ran while the first held the session");

        release.countDown();
        job.get(20, TimeUnit.SECONDS);
        waiting.get(20, TimeUnit.SECONDS);
        assertEquals(2, backend.currentSession().items().size(), "the job added its file");
        assertEquals("none", backend.models().alignment());
    }
}
