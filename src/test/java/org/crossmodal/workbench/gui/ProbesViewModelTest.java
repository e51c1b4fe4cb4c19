package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.gui.task.CurrentThreadTaskExecutor;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.NoiseKind;
import org.crossmodal.workbench.probe.NoiseOptions;
import org.crossmodal.workbench.probe.TextPerturbationOptions;
import org.crossmodal.workbench.probe.VoiceShiftOptions;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.ProbeFixtures;
import org.crossmodal.workbench.workflow.ProbeWorkflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbesViewModelTest {
    @TempDir
    Path dir;

    final List<Item> played = new ArrayList<>();

    ProbesViewModel vm(Session s) {
        return new ProbesViewModel(new CurrentThreadTaskExecutor(), () -> s, () -> null,
                ProbeFixtures.workflow(0, new AtomicLong()), played::add);
    }

    @Test
    void runsEachProbeAndFillsItsView() throws Exception {
        ProbesViewModel vm = vm(ProbeFixtures.session());
        vm.levelsProperty().set("0, 20, 50");
        vm.textDrawsProperty().set("2");
        vm.run();
        assertFalse(vm.runningProperty().get());
        CurveResult c = vm.curvesProperty().get();
        assertEquals(3, c.curve("characters").points().size());
        assertEquals(0.2, c.curve("characters").points().get(1).level(), 1e-12);
        assertTrue(vm.statusProperty().get().startsWith("text-perturbation: 12 recordings"), vm.statusProperty().get());

        vm.kindProperty().set(ProbeWorkflow.Kind.CONFUSIONS);
        vm.run();
        assertTrue(vm.confusions().isEmpty());
        assertEquals(2, vm.perSpeaker().size());
        assertTrue(vm.statusProperty().get().contains("P@1 1.000"), vm.statusProperty().get());

        vm.kindProperty().set(ProbeWorkflow.Kind.INTELLIGIBILITY);
        vm.run();
        assertEquals(12, vm.intelligibility().size());
        vm.play(vm.intelligibility().get(0).itemId());
        assertEquals(1, played.size());

        Path csv = dir.resolve("i.csv");
        vm.exportCsv(csv);
        assertEquals(13, Files.readAllLines(csv).size());
    }

    @Test
    void thePhonemeBoxAddsTheBuiltInIpaTowersCurve() {
        ProbesViewModel vm = vm(ProbeFixtures.session());
        vm.levelsProperty().set("0, 50");
        vm.textDrawsProperty().set("2");
        vm.run();
        assertEquals(List.of("characters"), vm.curvesProperty().get().curves().stream().map(c -> c.name()).toList());
        vm.phonemesProperty().set(true);
        vm.usePhonemizer(l -> l.stream().map(w -> "\u02c8" + w).toList());  // "IPA": the word with a stress mark
        vm.run();
        CurveResult c = vm.curvesProperty().get();
        assertEquals(List.of("characters", "phonemes"), c.curves().stream().map(x -> x.name()).toList(), vm.statusProperty().get());
        assertEquals(2, c.curve("phonemes").points().size());
        assertEquals(0.0, c.curve("phonemes").at(0.0).drop().mean(), 1e-6);
        assertTrue(c.curve("phonemes").at(0.5).drop().mean() > 0, "replaced phonemes lower the score");
    }

    @Test
    void probesReadACopyOfTheSession() {
        Session live = ProbeFixtures.session();
        Session copy = ProbesViewModel.snapshot(live);
        live.addItem(new Item("late", org.crossmodal.workbench.core.Modality.TEXT, "late", null, null));
        assertEquals(live.items().size() - 1, copy.items().size());
        assertEquals(live.spaces().keySet(), copy.spaces().keySet());
        assertTrue(live.space("speech:planted") == copy.space("speech:planted"));
    }

    @Test
    void fieldsBecomeTheProbeOptions() {
        ProbesViewModel vm = vm(ProbeFixtures.session());
        TextPerturbationOptions t = (TextPerturbationOptions) vm.options();
        assertEquals(TextPerturbationOptions.defaults().levels(), t.levels());
        vm.kindProperty().set(ProbeWorkflow.Kind.NOISE);
        vm.pinkProperty().set(false);
        vm.mixProperty().set("none");
        vm.snrProperty().set("30 10 -10");
        NoiseOptions n = (NoiseOptions) vm.options();
        assertEquals(List.of(NoiseKind.WHITE, NoiseKind.BABBLE), n.kinds());
        assertEquals(List.of(), n.mixLevels());
        assertEquals(List.of(30.0, 10.0, -10.0), n.snrLevels());
        assertEquals(200, n.sample());
    }

    @Test
    void badFieldsAndNoSessionAreSaidInTheStatus() {
        ProbesViewModel vm = vm(ProbeFixtures.session());
        vm.levelsProperty().set("0, 120");
        vm.run();
        assertTrue(vm.statusProperty().get().contains("Replaced %: 120.0 is outside 0..100"), vm.statusProperty().get());
        assertNull(vm.resultProperty().get());
        vm.levelsProperty().set("0, x");
        vm.run();
        assertTrue(vm.statusProperty().get().contains("'x' is not a number"), vm.statusProperty().get());
        vm.kindProperty().set(ProbeWorkflow.Kind.NOISE);
        vm.snrProperty().set("200");
        vm.run();
        assertTrue(vm.statusProperty().get().contains("SNR (dB) 200.0 is outside"), vm.statusProperty().get());

        ProbesViewModel none = vm(null);
        none.run();
        assertTrue(none.statusProperty().get().startsWith("Open a session first"), none.statusProperty().get());
        none.exportCsv(dir.resolve("x.csv"));
        assertTrue(none.statusProperty().get().startsWith("Run a probe first"));
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void voiceShiftRunsOnTheSessionsAudioAndItsFieldsAreChecked() throws Exception {
        Session s = ProbeFixtures.toneSession(dir, 1.25);
        ProbesViewModel vm = new ProbesViewModel(new CurrentThreadTaskExecutor(), () -> s, () -> dir.resolve("tone.cmw"),
                ProbeFixtures.toneWorkflow(1.25), played::add);
        vm.kindProperty().set(ProbeWorkflow.Kind.VOICE_SHIFT);
        assertEquals("0.7,0.75,0.8,0.85,0.9,0.95,1,1.05,1.1,1.2,1.3", vm.factorsProperty().get());
        assertEquals(VoiceShiftOptions.defaults(), vm.options());
        vm.factorsProperty().set("1.2, 0.8 1");
        vm.shiftSampleProperty().set("0");
        vm.seedProperty().set("7");
        VoiceShiftOptions o = (VoiceShiftOptions) vm.options();
        assertEquals(List.of(0.8, 1.0, 1.2), o.factors());
        assertEquals(0, o.sample());
        assertEquals(7, o.seed());

        vm.run();
        CurveResult c = vm.curvesProperty().get();
        assertEquals("voice-shift", c.kind());
        // The status gives the best factor against factor 1 with the paired test, and a note says what p is.
        assertEquals("voice-shift: 8 recordings; best P@1 1.000 at factor 0.8 against 0.125 at 1, "
                + "p = 0.016 (paired, n = 7 discordant; 0.031 over 2 factors)", vm.statusProperty().get());
        assertEquals(ProbesViewModel.PAIRED_NOTE, vm.statusNoteProperty().get());
        assertTrue(vm.statusNoteProperty().get().contains("optimistic"));
        assertEquals(List.of(0.8, 1.0, 1.2), c.curve("voice-shift").points().stream().map(p -> p.level()).toList());
        assertEquals(1.0, c.curve("voice-shift").at(0.8).p1().mean(), 0.0, "the higher voice lowered by 0.8 is the planted one");
        assertEquals(0.125, c.curve("voice-shift").at(1.0).p1().mean(), 0.0);
        Path csv = dir.resolve("v.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("voice-shift,voice-shift,resampling factor (below 1: deeper voice; above 1: higher),0.8,1,8,"),
                lines.get(1));

        vm.factorsProperty().set("0.8, 3");
        vm.run();
        assertTrue(vm.statusProperty().get().contains("The resampling factor 3 is outside [0.5, 2]"), vm.statusProperty().get());
        assertEquals("", vm.statusNoteProperty().get(), "the note went with the status it explained");
        vm.factorsProperty().set("0.8, low");
        vm.run();
        assertEquals("Factors: 'low' is not a number.", vm.statusProperty().get());
        vm.factorsProperty().set("");
        vm.run();
        assertEquals("Factors: give comma-separated numbers.", vm.statusProperty().get());
        assertEquals(c, vm.curvesProperty().get(), "a refused run leaves the last result");
    }

    @Test
    void voiceShiftBySpeakerGivesOneCurvePerSpeaker() throws Exception {
        Session s = ProbeFixtures.toneSession(dir, ProbeFixtures.twoVoices());
        ProbesViewModel vm = new ProbesViewModel(new CurrentThreadTaskExecutor(), () -> s, () -> dir.resolve("voices.cmw"),
                ProbeFixtures.toneWorkflow(ProbeFixtures.twoVoices()), played::add);
        vm.kindProperty().set(ProbeWorkflow.Kind.VOICE_SHIFT);
        assertFalse(vm.bySpeakerProperty().get(), "off by default");
        vm.factorsProperty().set("0.8,1,1.2");
        vm.shiftSampleProperty().set("3");
        vm.bySpeakerProperty().set(true);
        VoiceShiftOptions o = (VoiceShiftOptions) vm.options();
        assertTrue(o.bySpeaker());
        assertEquals(3, o.sample());

        vm.run();
        CurveResult c = vm.curvesProperty().get();
        assertEquals(List.of("all", "tone", "tone-high"), c.curves().stream().map(x -> x.name()).toList());
        // Three words of each voice: over all six, 1 is best (at 0.8 the known voice's words are heard one down).
        assertEquals("voice-shift: 6 recordings of 2 speakers, one curve each beside all; all: best P@1 0.500 at factor 1",
                vm.statusProperty().get());
        assertEquals("", vm.statusNoteProperty().get(), "no paired test, no note");
        assertEquals(3, c.curve("tone").at(1.0).p1().n(), "the sample is taken within each speaker");
        assertEquals(1.0, c.curve("tone").at(1.0).p1().mean(), 0.0);
        assertEquals(1.0, c.curve("tone-high").at(0.8).p1().mean(), 0.0);
        assertEquals(1.0, c.curve("tone").bestP1().level());
        assertEquals(0.8, c.curve("tone-high").bestP1().level());

        vm.shiftSampleProperty().set("0");
        vm.run();
        c = vm.curvesProperty().get();
        // 0.8 and 1 tie over all: 9 of 16 recordings, and the same mean score but for rounding, which decides.
        assertTrue(vm.statusProperty().get().startsWith("voice-shift: 16 recordings of 2 speakers, one curve each beside all; "
                + "all: best P@1 0.563 at factor "), vm.statusProperty().get());
        assertEquals(0.125, c.curve("tone-high").at(1.0).p1().mean(), 0.0);
        assertEquals(0.125, c.curve("tone").at(0.8).p1().mean(), 0.0);
        assertEquals(0.5625, c.curve("all").at(1.0).p1().mean(), 0.0);
        Path csv = dir.resolve("by-speaker.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 3 * 3, lines.size());
        assertEquals(List.of("all", "tone", "tone-high"), lines.stream().skip(1).map(l -> l.split(",", -1)[1]).distinct().toList());

        vm.bySpeakerProperty().set(false);
        vm.run();
        assertEquals(List.of("voice-shift"), vm.curvesProperty().get().curves().stream().map(x -> x.name()).toList());
        assertTrue(vm.statusProperty().get().startsWith("voice-shift: 16 recordings; best P@1 0.563 at factor "),
                vm.statusProperty().get());
    }

    @Test
    void workflowErrorsReachTheStatus() {
        ProbesViewModel vm = vm(ProbeFixtures.session());
        vm.kindProperty().set(ProbeWorkflow.Kind.NOISE);
        vm.run();
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().contains("does not exist"), vm.statusProperty().get());
    }
}
