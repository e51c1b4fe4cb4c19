package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.gui.map.MapData;
import org.crossmodal.workbench.gui.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's view-models on the calling thread, without the FX toolkit. */
class WorkbenchViewModelTest {
    @TempDir
    Path home;

    private WorkbenchViewModel started(SyntheticBackend b) {
        WorkbenchViewModel vm = new WorkbenchViewModel(b, new CurrentThreadTaskExecutor(), new AppFiles(home));
        vm.start(null);
        return vm;
    }

    @Test
    void aBoxSaysHowManyPointsItSelectedAndAPlainClickDoesNotSayNone() {
        WorkbenchViewModel vm = started(new SyntheticBackend(10, 0));
        java.util.BitSet box = new java.util.BitSet();
        box.set(2, 7);
        vm.selectArea(box);
        assertEquals("5 points selected", vm.executor().monitor().message());
        vm.select(3);
        vm.selectArea(new java.util.BitSet());
        assertFalse(vm.executor().monitor().message().contains("0 points"), vm.executor().monitor().message());
        assertEquals(3, vm.selectedProperty().get());
    }

    @Test
    void demoUnavailableShowsTheReasonOnTheEmptyMap() {
        SyntheticBackend b = new SyntheticBackend(5, 0);
        b.demoUnavailable = "The demo corpus was not found (assets/demo/manifest.tsv).";
        WorkbenchViewModel vm = started(b);
        assertTrue(vm.mapProperty().get().isEmpty());
        assertTrue(vm.emptyMessageProperty().get().contains("assets/demo/manifest.tsv"), vm.emptyMessageProperty().get());
    }

    @Test
    void startShowsTheDemoAndSelectingFillsTheNeighbours() {
        SyntheticBackend b = new SyntheticBackend(30, 0);
        WorkbenchViewModel vm = started(b);
        MapData d = vm.mapProperty().get();
        assertEquals(90, d.size());
        int a3 = d.indexOf("a3");
        vm.select(a3);
        assertEquals(10, vm.neighbours().size());
        NeighbourRow first = vm.neighbours().get(0);
        assertEquals("t3", first.item().id(), "the clean recording's nearest text is its own word");
        assertTrue(first.trueMatch());
        assertEquals(1.0, first.bar(), 1e-9);
        assertTrue(vm.neighbours().stream().allMatch(r -> r.item().modality() == Modality.TEXT));
        assertTrue(vm.neighbourSummaryProperty().get().contains("true match ranked 1"), vm.neighbourSummaryProperty().get());
        for (int i = 1; i < vm.neighbours().size(); i++) {
            assertTrue(vm.neighbours().get(i - 1).score() >= vm.neighbours().get(i).score());
        }
    }

    @Test
    void aPronunciationListsTheRecordingsNearestToIt() {
        SyntheticBackend b = new SyntheticBackend(30, 0);
        WorkbenchViewModel vm = started(b);
        vm.select(vm.mapProperty().get().indexOf("a3"));
        String word = vm.mapProperty().get().item(vm.mapProperty().get().indexOf("t3")).label();
        vm.lookUpIpa(" " + word + " ");
        assertEquals(-1, vm.selectedProperty().get(), "the query is not a point of the map");
        assertEquals(10, vm.neighbours().size());
        assertTrue(vm.neighbours().stream().allMatch(r -> r.item().modality() == Modality.SPEECH));
        assertEquals(word, vm.neighbours().get(0).item().label(), "a recording of the word comes first");
        assertTrue(vm.neighbourSummaryProperty().get().startsWith("pronunciation /" + word + "/"), vm.neighbourSummaryProperty().get());
        vm.lookUpIpa("  ");
        assertTrue(vm.neighbourSummaryProperty().get().startsWith("Type a pronunciation"), vm.neighbourSummaryProperty().get());
        vm.lookUpIpa("zzz");
        assertTrue(vm.neighbours().isEmpty());
        assertTrue(vm.neighbourSummaryProperty().get().contains("no planted pronunciation /zzz/"), vm.neighbourSummaryProperty().get());
    }

    @Test
    void confusedRecordingShowsTheRankOfItsTrueMatchAndCslsSwitchesTheMeasure() {
        SyntheticBackend b = new SyntheticBackend(30, 1);
        WorkbenchViewModel vm = started(b);
        vm.select(vm.mapProperty().get().indexOf("b29"));
        assertEquals("t0", vm.neighbours().get(0).item().id(), "planted: b29 sits next to word0");
        assertFalse(vm.neighbours().get(0).trueMatch());
        assertFalse(vm.neighbourSummaryProperty().get().contains("ranked 1 "), vm.neighbourSummaryProperty().get());
        vm.cslsProperty().set(true);
        assertTrue(vm.neighbourSummaryProperty().get().endsWith("CSLS"));
        vm.includeOwnProperty().set(true);
        assertTrue(vm.neighbours().stream().anyMatch(r -> r.item().modality() == Modality.SPEECH));
    }

    @Test
    void searchHighlightsPlainTextAndRegularExpressions() {
        WorkbenchViewModel vm = started(new SyntheticBackend(30, 0));
        vm.searchProperty().set("word2");
        BitSet m = vm.matchesProperty().get();
        // word2 and word20..word29: 11 words, 3 items each
        assertEquals(33, m.cardinality());
        vm.regexProperty().set(true);
        vm.searchProperty().set("^word2$");
        assertEquals(3, vm.matchesProperty().get().cardinality());
        assertEquals("3 matches", vm.searchInfoProperty().get());
        vm.searchProperty().set("word(");
        assertEquals(0, vm.matchesProperty().get().cardinality());
        assertTrue(vm.searchInfoProperty().get().startsWith("Not a valid regular expression"));
        vm.searchProperty().set("");
        assertNull(vm.matchesProperty().get());
    }

    @Test
    void projectionSnapshotsMoveTheMapAndTheFinalMapIsThePlantedOne() {
        SyntheticBackend b = new SyntheticBackend(10, 0);
        WorkbenchViewModel vm = started(b);
        List<Float> firstX = new ArrayList<>();
        vm.mapProperty().addListener((o, a, n) -> firstX.add(n.x(0)));
        vm.runProjection(new ProjectionSettings("tsne", 30, 100, 1));
        assertFalse(vm.projectingProperty().get());
        assertTrue(firstX.size() >= 10, "one map update per snapshot (10) plus the final one, got " + firstX.size());
        assertEquals(b.planted[0], vm.mapProperty().get().x(0), 1e-4);
        assertEquals(100, b.projectionSteps.get());
    }

    @Test
    void cancelStopsTheProjection() {
        SyntheticBackend b = new SyntheticBackend(10, 0);
        WorkbenchViewModel vm = started(b);
        float[] before = {vm.mapProperty().get().x(0)};
        int[] snapshots = {0};
        vm.mapProperty().addListener((o, a, n) -> {
            if (++snapshots[0] == 3) vm.cancelProjection();
        });
        vm.runProjection(new ProjectionSettings("tsne", 30, 1000, 1));
        assertFalse(vm.projectingProperty().get());
        assertTrue(b.projectionSteps.get() < 40, "stopped after the third snapshot, ran " + b.projectionSteps.get());
        assertNull(vm.lastErrorProperty().get(), "a cancel is not an error");
        assertTrue(vm.executor().monitor().message().endsWith("cancelled"), vm.executor().monitor().message());
        assertNotNull(before);
    }

    @Test
    void pauseGateHoldsTheWorkerUntilResumed() throws Exception {
        PauseGate gate = new PauseGate();
        gate.pause();
        CountDownLatch passed = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            gate.await(new Cancellation());
            passed.countDown();
        });
        t.start();
        assertFalse(passed.await(200, TimeUnit.MILLISECONDS), "paused worker must wait");
        gate.resume();
        assertTrue(passed.await(2, TimeUnit.SECONDS));
        Cancellation c = new Cancellation();
        gate.pause();
        c.cancel();
        gate.await(c); // returns at once when cancelled
    }

    @Test
    void recordingLandsOnTheMapWithNeighbours() {
        SyntheticBackend b = new SyntheticBackend(10, 0);
        WorkbenchViewModel vm = started(b);
        RecorderViewModel rec = new RecorderViewModel(vm);
        assertTrue(rec.availableProperty().get());
        rec.record();
        assertEquals(RecorderViewModel.State.RECORDING, rec.stateProperty().get());
        assertEquals(10, rec.waveformProperty().get().length, "one waveform column per chunk");
        float[] wave = rec.waveformProperty().get();
        assertEquals(0f, wave[0], 1e-6, "leading silence");
        assertEquals(0.5f, wave[5], 0.01, "peak of a tone chunk");
        assertEquals(0.0, rec.levelProperty().get(), 1e-6, "the last chunk is silence");
        rec.stop();
        assertEquals(RecorderViewModel.State.RECORDED, rec.stateProperty().get());
        rec.trim();
        assertEquals(8000, rec.samples().length, 2, "the planted tone without its silences");
        rec.play();
        assertEquals(1, b.audio.playedBack.size());
        rec.labelProperty().set("word4");
        int before = vm.mapProperty().get().size();
        rec.addToSession();
        assertEquals(before + 1, vm.mapProperty().get().size());
        assertEquals(before, vm.selectedProperty().get(), "the new item is selected");
        assertEquals("t4", vm.neighbours().get(0).item().id());
        assertEquals(RecorderViewModel.State.IDLE, rec.stateProperty().get());
    }

    @Test
    void withoutMicrophoneTheRecorderSaysWhy() {
        SyntheticBackend b = new SyntheticBackend(3, 0);
        b.audio.noMicrophone = "no audio input device was found";
        WorkbenchViewModel vm = started(b);
        RecorderViewModel rec = new RecorderViewModel(vm);
        assertFalse(rec.availableProperty().get());
        assertTrue(rec.infoProperty().get().contains("no audio input device"));
        rec.record();
        assertEquals(RecorderViewModel.State.IDLE, rec.stateProperty().get());
        assertTrue(vm.lastErrorProperty().get().contains("no audio input device"));
    }

    @Test
    void allSilentRecordingIsReportedAndKept() {
        SyntheticBackend b = new SyntheticBackend(3, 0);
        WorkbenchViewModel vm = started(b);
        RecorderViewModel rec = new RecorderViewModel(vm);
        rec.record();
        rec.stop();
        float[] s = rec.samples();
        java.util.Arrays.fill(s, 0f);
        rec.trim();
        assertTrue(vm.lastErrorProperty().get().contains("all silence"), vm.lastErrorProperty().get());
        assertEquals(16_000, rec.samples().length);
    }

    @Test
    void playWithoutSpeakersExplains() {
        SyntheticBackend b = new SyntheticBackend(3, 0);
        b.audio.noSpeakers = "no audio output device was found";
        WorkbenchViewModel vm = started(b);
        vm.play(vm.mapProperty().get().item(vm.mapProperty().get().indexOf("a1")));
        assertTrue(vm.lastErrorProperty().get().contains("no audio output device"));
        assertTrue(b.played.isEmpty());
        b.audio.noSpeakers = null;
        vm.play(vm.mapProperty().get().item(vm.mapProperty().get().indexOf("a1")));
        assertEquals(List.of("a1"), b.played);
    }

    @Test
    void typedWordsAreAddedAndBadFilesGiveAMessage() {
        SyntheticBackend b = new SyntheticBackend(5, 0);
        WorkbenchViewModel vm = started(b);
        vm.addTexts("word1, word2");
        assertEquals(17, vm.mapProperty().get().size());
        assertTrue(vm.modifiedProperty().get());
        vm.addFiles(List.of(home));
        assertTrue(vm.lastErrorProperty().get().contains("holds no WAV"), vm.lastErrorProperty().get());
        vm.addFiles(List.of(home.resolve("missing.wav")));
        assertTrue(vm.lastErrorProperty().get().contains("no such file"));
        vm.open(home.resolve("nothing.cmw"));
        assertTrue(vm.lastErrorProperty().get().contains("no such file"));
        assertEquals(17, vm.mapProperty().get().size(), "a failed open keeps the session");
    }

    @Test
    void metricsAndJumpFromTheWorstList() {
        SyntheticBackend b = new SyntheticBackend(20, 2);
        WorkbenchViewModel vm = started(b);
        int[] jumped = {-1};
        vm.setOnJump(i -> jumped[0] = i);
        vm.computeMetrics();
        MetricsReport m = vm.metricsProperty().get();
        MetricsReport.Direction s2t = m.directions().get(0);
        assertEquals(38 / 40.0, s2t.p1(), 1e-9, "two planted confusions among 40 recordings");
        assertEquals(2, s2t.worst().size());
        vm.jumpTo(s2t.worst().get(0).itemId());
        assertEquals(vm.mapProperty().get().indexOf(s2t.worst().get(0).itemId()), jumped[0]);
        assertEquals(jumped[0], vm.selectedProperty().get());
    }

    @Test
    void savedSessionsGoToTheRecentList() {
        WorkbenchViewModel vm = started(new SyntheticBackend(3, 0));
        vm.save(home.resolve("a.cmw"), null);
        vm.save(home.resolve("b.cmw"), null);
        vm.save(home.resolve("a.cmw"), null);
        assertEquals(List.of(home.resolve("a.cmw").toAbsolutePath(), home.resolve("b.cmw").toAbsolutePath()), vm.recentFiles());
        assertEquals(vm.recentFiles(), new AppFiles(home).recentFiles(), "kept across starts");
        assertFalse(vm.modifiedProperty().get());
    }

    @Test
    void crashLeavesARecoverableAutosave() throws Exception {
        AppFiles f = new AppFiles(home);
        assertNull(f.recoverable());
        f.markRunning();
        java.nio.file.Files.writeString(f.autosaveFile(), "x");
        assertEquals(f.autosaveFile(), new AppFiles(home).recoverable(), "the marker of the crashed run remains");
        f.markClosed();
        assertNull(f.recoverable());
    }

    @Test
    void aRecoveredSessionHasNoFileSoSaveAsksWhere() throws Exception {
        SyntheticBackend b = new SyntheticBackend(3, 0) {
            @Override
            public SessionSnapshot openSession(Path f, org.crossmodal.workbench.core.ProgressListener p, Cancellation c) {
                return snapshot();
            }
        };
        WorkbenchViewModel vm = new WorkbenchViewModel(b, new CurrentThreadTaskExecutor(), new AppFiles(home));
        vm.recover(home.resolve("autosave.cmw"));
        assertEquals(9, vm.mapProperty().get().size());
        assertNull(vm.sessionFileProperty().get());
        assertTrue(vm.modifiedProperty().get());
    }

    @Test
    void peaksSummariseTheWaveform() {
        float[] s = new float[800];
        s[3] = -0.9f;
        s[799] = 0.4f;
        float[] p = RecorderViewModel.peaks(s);
        assertEquals(400, p.length);
        assertEquals(0.9f, p[1], 1e-6);
        assertEquals(0.4f, p[399], 1e-6);
        assertArrayEquals(new float[0], RecorderViewModel.peaks(new float[0]));
    }
}
