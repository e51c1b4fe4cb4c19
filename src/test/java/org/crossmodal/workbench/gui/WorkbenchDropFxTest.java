package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.event.Event;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.gui.task.FxTaskExecutor;
import org.crossmodal.workbench.workflow.AudioDevices;
import org.crossmodal.workbench.workflow.AudioFiles;
import org.crossmodal.workbench.workflow.LiveSession;
import org.crossmodal.workbench.workflow.PlantedEncoders;
import org.crossmodal.workbench.workflow.ProjectSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Dropping files on the window, headless (Monocle), through the window's own drag handlers and the real
 * workflow backend (audio decoding, dataset reading, placing on the map): drag events carrying a dragboard
 * with files are fired at the window's root, as the toolkit does for a drop from a file manager. The
 * dragboard is made by JavaFX's own factory over a stand-in for the system clipboard (Dragboard has no public
 * constructor); everything after it is the production path. The encoders are small stand-ins.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchDropFxTest {
    static final int DIM = 4;
    @TempDir
    static Path home;

    private WorkbenchWindow window;
    private FxTaskExecutor executor;
    private LiveSession live;

    /** Speech: a few statistics of the waveform; text: from the word's hash; both in one declared space. */
    static final class Toy extends PlantedEncoders {
        Toy() {
            super("test", info("toy-speech", Modality.SPEECH, DIM, "toy", "s", true), Toy::statistics,
                    info("toy-text", Modality.TEXT, DIM, "toy", "t", true), Toy::hashed);
        }

        static float[] statistics(float[] w) {
            double abs = 0, sq = 0, zc = 0;
            for (int k = 0; k < w.length; k++) {
                abs += Math.abs(w[k]);
                sq += w[k] * w[k];
                if (k > 0 && (w[k] >= 0) != (w[k - 1] >= 0)) zc++;
            }
            return new float[] {(float) (abs / w.length), (float) Math.sqrt(sq / w.length), (float) (zc / w.length), 0.1f};
        }

        static float[] hashed(String text) {
            java.util.Random r = new java.util.Random(text.hashCode());
            return new float[] {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()};
        }
    }

    /** A 16 kHz mono 16-bit WAV of a tone. */
    static void writeWav(Path f, double hz, double seconds) throws Exception {
        int n = (int) (16_000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) b.putShort((short) (12_000 * Math.sin(2 * Math.PI * hz * i / 16_000)));
        Files.write(f, b.array());
    }

    /** A session of three words spoken by two "speakers" (tones), mapped by PCA and saved. */
    private static Path session(Path dir) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        StringBuilder manifest = new StringBuilder("path\ttranscript\tspeaker\n");
        String[] words = {"one", "two", "three"};
        for (int w = 0; w < words.length; w++) {
            for (int s = 0; s < 2; s++) {
                String name = words[w] + "_" + s + ".wav";
                writeWav(corpus.resolve(name), 200 + 150 * w + 20 * s, 0.3 + 0.1 * s);
                manifest.append(name).append('\t').append(words[w]).append('\t').append("s").append(s).append('\n');
            }
        }
        Files.writeString(corpus.resolve("manifest.tsv"), manifest);
        Files.write(corpus.resolve("words.txt"), List.of(words));
        LiveSession make = new LiveSession(new Toy(), AudioFiles.standard(), null);
        make.openDemo(corpus, new ProjectSettings("pca", 5, 100, 0, 1, 1, 0.5), ProgressListener.NONE, Cancellation.NONE,
                LiveSession.MapListener.NONE);
        Path f = dir.resolve("toy.cmw");
        make.save(f, Cancellation.NONE);
        return f;
    }

    @Start
    void start(Stage stage) throws Exception {
        Path f = session(Files.createTempDirectory(home, "s"));
        live = new LiveSession(new Toy(), AudioFiles.standard(), null);
        WorkflowBackend backend = new WorkflowBackend(home.resolve("no-demo"), live,
                new AudioDevices(null, null, "no microphone in this test", "no speakers in this test"));
        executor = new FxTaskExecutor();
        WorkbenchViewModel vm = new WorkbenchViewModel(backend, executor, new AppFiles(Files.createTempDirectory(home, "app")));
        window = new WorkbenchWindow(vm);
        window.setShowDialogs(false);
        window.attach(stage);
        stage.setWidth(1000);
        stage.setHeight(700);
        stage.show();
        vm.start(f);
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    private void waitUntil(String what, java.util.concurrent.Callable<Boolean> c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + " (last message: "
                    + vm().lastErrorProperty().get() + ")", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A system-clipboard stand-in holding files (or only text), as a drag from a file manager brings; FX thread only. */
    private static Dragboard dragboard(List<File> files, String text) {
        Map<DataFormat, Object> content = new java.util.HashMap<>();
        if (files != null) content.put(DataFormat.FILES, files);
        if (text != null) content.put(DataFormat.PLAIN_TEXT, text);
        return com.sun.javafx.scene.input.DragboardHelper.createDragboard(new com.sun.javafx.tk.TKClipboard() {
            @Override public Set<DataFormat> getContentTypes() { return content.keySet(); }
            @SafeVarargs @Override public final boolean putContent(Pair<DataFormat, Object>... c) { return false; }
            @Override public Object getContent(DataFormat f) { return content.get(f); }
            @Override public boolean hasContent(DataFormat f) { return content.containsKey(f); }
            @Override public Set<TransferMode> getTransferModes() { return EnumSet.of(TransferMode.COPY, TransferMode.MOVE); }
            @Override public void setDragView(Image image) { }
            @Override public void setDragViewOffsetX(double v) { }
            @Override public void setDragViewOffsetY(double v) { }
            @Override public Image getDragView() { return null; }
            @Override public double getDragViewOffsetX() { return 0; }
            @Override public double getDragViewOffsetY() { return 0; }
        });
    }

    /**
     * Fires a drag-over and, when it was accepted, a drop carrying {@code files} (or only {@code text}) at the
     * window's root; returns {accepted, completed}.
     */
    private boolean[] drop(List<File> files, String text) throws Exception {
        AtomicReference<boolean[]> out = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Dragboard db = dragboard(files, text);
            var root = window.root();
            double x = root.getWidth() / 2, y = root.getHeight() / 2;
            var screen = root.localToScreen(x, y);
            DragEvent over = new DragEvent(null, root, DragEvent.DRAG_OVER, db, x, y, screen.getX(), screen.getY(),
                    TransferMode.COPY, null, root, null);
            Event.fireEvent(root, over);
            boolean accepted = over.isAccepted() && over.getAcceptedTransferMode() == TransferMode.COPY;
            boolean completed = false;
            if (accepted) {
                DragEvent dropped = new DragEvent(null, root, DragEvent.DRAG_DROPPED, db, x, y, screen.getX(), screen.getY(),
                        TransferMode.COPY, null, root, null);
                Event.fireEvent(root, dropped);
                completed = dropped.isDropCompleted();
            }
            out.set(new boolean[] {accepted, completed});
        }).get();
        return out.get();
    }

    private boolean idle() {
        return !vm().busyProperty().get();
    }

    @Test
    void droppingAnAudioFileAddsItToTheMap() throws Exception {
        waitUntil("the session is shown", () -> vm().mapProperty().get().size() == 9);
        Path wav = home.resolve("two_3.wav");
        writeWav(wav, 510, 0.4);
        boolean[] r = drop(List.of(wav.toFile()), null);
        assertTrue(r[0], "a drag with files is accepted for copying");
        assertTrue(r[1], "the drop is completed");
        waitUntil("the recording is on the map", () -> vm().mapProperty().get().size() == 10 && idle());
        assertNull(vm().lastErrorProperty().get());
        Item added = vm().mapProperty().get().item(vm().mapProperty().get().indexOf(
                live.session().items(Modality.SPEECH).get(live.session().items(Modality.SPEECH).size() - 1).id()));
        assertEquals("two", added.label(), "the label comes from the file name");
        assertEquals(wav.toString(), added.source());
        assertTrue(vm().modifiedProperty().get());
    }

    @Test
    void droppingAFolderOfNonAudioFilesSaysSoAndKeepsTheSession() throws Exception {
        waitUntil("the session is shown", () -> vm().mapProperty().get().size() == 9);
        Path junk = Files.createDirectories(home.resolve("junk"));
        Files.writeString(junk.resolve("notes.txt"), "not audio");
        Files.write(junk.resolve("picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        boolean[] r = drop(List.of(junk.toFile()), null);
        assertTrue(r[0] && r[1], "the drop itself is taken; the folder is then read");
        waitUntil("the message", () -> vm().lastErrorProperty().get() != null && idle());
        String msg = vm().lastErrorProperty().get();
        assertTrue(msg.contains(junk.toString()), "names the folder: " + msg);
        assertTrue(msg.toLowerCase(java.util.Locale.ROOT).contains("audio"), "says what is missing: " + msg);
        assertEquals(9, vm().mapProperty().get().size(), "the session is as it was");
        assertEquals(9, live.session().items().size());
        // the window still works: a drop of a real file afterwards is added
        Path wav = home.resolve("one_9.wav");
        writeWav(wav, 230, 0.3);
        drop(List.of(wav.toFile()), null);
        waitUntil("the file is on the map", () -> vm().mapProperty().get().size() == 10 && idle());
    }

    @Test
    void aDragWithoutFilesIsNotAccepted() throws Exception {
        waitUntil("the session is shown", () -> vm().mapProperty().get().size() == 9);
        boolean[] r = drop(null, "just some text");
        assertFalse(r[0], "text alone is not offered a drop");
        assertEquals(9, vm().mapProperty().get().size());
        assertNull(vm().lastErrorProperty().get());
    }
}
