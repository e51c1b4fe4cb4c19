package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.probe.ConfusionOptions;
import org.crossmodal.workbench.probe.ConfusionResult;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.IntelligibilityOptions;
import org.crossmodal.workbench.probe.IntelligibilityResult;
import org.crossmodal.workbench.probe.NoiseKind;
import org.crossmodal.workbench.probe.NoiseOptions;
import org.crossmodal.workbench.probe.Planted;
import org.crossmodal.workbench.probe.TextPerturbationOptions;
import org.crossmodal.workbench.probe.VoiceShiftOptions;
import org.crossmodal.workbench.session.Session;
import org.junit.jupiter.api.Test;

class ProbeWorkflowTest {
    static final List<String> WORDS = List.of("cat", "dog", "house", "garden", "window", "yellow", "river", "stone",
            "apple", "bread", "chair", "table");
    static final String SHA = "a".repeat(64);
    static final Planted.ProjectionSpeech SPEECH = new Planted.ProjectionSpeech(2000, 5);

    /** Speech items for every word (two speakers), text items for the first {@code texts} words; one shared space. */
    static Session session(int texts, boolean withModels) {
        Session s = new Session();
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> sv = new ArrayList<>(), tv = new ArrayList<>();
        for (int i = 0; i < WORDS.size(); i++) {
            String w = WORDS.get(i);
            s.addItem(new Item("speech:" + w, Modality.SPEECH, w, "audio/" + w + ".wav", i % 2 == 0 ? "ann" : "bob"));
            sid.add("speech:" + w);
            sv.add(Planted.hashVector(w, Planted.DIM));
        }
        for (int i = 0; i < texts; i++) {
            String w = WORDS.get(i);
            s.addItem(new Item("text:" + w, Modality.TEXT, w, null, null));
            tid.add("text:" + w);
            tv.add(Planted.hashVector(w, Planted.DIM));
        }
        s.putSpace(EmbeddingSet.ofRows("speech:planted", Modality.SPEECH, sid, sv.toArray(new float[0][]), "planted",
                prov(withModels, "planted-speech")));
        s.putSpace(EmbeddingSet.ofRows("text:planted", Modality.TEXT, tid, tv.toArray(new float[0][]), "planted",
                prov(withModels, "planted-text")));
        return s;
    }

    static Provenance prov(boolean withModel, String name) {
        Provenance p = Provenance.of(withModel ? "encoder:" + name : "import");
        return withModel ? p.with("model.name", name).with("model.sha256", SHA).with("trimSilence", false) : p;
    }

    final List<String> opened = new ArrayList<>();
    final Set<String> read = new TreeSet<>();

    ProbeWorkflow workflow(String sha) {
        ProbeWorkflow.Models models = new ProbeWorkflow.Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                opened.add(nameOrFolder);
                return new Planted.ProjectionSpeech(2000, 5) {
                    @Override
                    public org.crossmodal.workbench.encoder.EncoderInfo info() {
                        return new org.crossmodal.workbench.encoder.EncoderInfo("planted-speech", Modality.SPEECH, Planted.DIM,
                                "planted", sha, null, false, java.util.Map.of());
                    }
                };
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                opened.add(nameOrFolder);
                return new Planted.FnText("planted-text", s -> Planted.hashVector(s, Planted.DIM)) {
                    @Override
                    public org.crossmodal.workbench.encoder.EncoderInfo info() {
                        return new org.crossmodal.workbench.encoder.EncoderInfo("planted-text", Modality.TEXT, Planted.DIM,
                                "planted", sha, null, false, java.util.Map.of());
                    }
                };
            }
        };
        return new ProbeWorkflow(models, (file, rate, trim) -> {
            read.add(file.toString());
            String w = file.getFileName().toString().replace(".wav", "");
            return SPEECH.synth(Planted.hashVector(w, Planted.DIM));
        });
    }

    @Test
    void confusionsAndIntelligibilityNeedOnlyTheSessionVectors() {
        Session s = session(WORDS.size(), false);
        ConfusionResult c = workflow(SHA).confusions(s, null, ConfusionOptions.defaults(), null, null);
        assertEquals(1.0, c.overall().p1());
        assertEquals(12, c.overall().n());
        assertEquals("speech:planted", c.provenance().get("speechSpace"));
        assertEquals("shared space planted", c.provenance().get("comparison"));
        IntelligibilityResult r = workflow(SHA).intelligibility(s, null, IntelligibilityOptions.defaults(), null, null);
        assertEquals(12, r.rows().size());
        assertTrue(opened.isEmpty(), "no model was opened: " + opened);
    }

    @Test
    void transcriptsMissingFromTheTextSpaceAreEncodedWithItsModelOrSkipped() {
        ConfusionResult c = workflow(SHA).confusions(session(8, true), null, ConfusionOptions.defaults(), null, null);
        assertEquals(12, c.overall().n());
        assertEquals(List.of("planted-text"), opened);
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("4 transcript(s) missing from the text space")), c.warnings().toString());

        ConfusionResult imported = workflow(SHA).confusions(session(8, false), null, ConfusionOptions.defaults(), null, null);
        assertEquals(8, imported.overall().n());
        assertEquals(4, imported.skippedNotInVocabulary());
        assertTrue(imported.warnings().stream().anyMatch(w -> w.contains("could not be encoded")), imported.warnings().toString());
    }

    @Test
    void textPerturbationReopensTheTextModelAndChecksItsSha() {
        CurveResult r = workflow(SHA).textPerturbation(session(12, true), null,
                TextPerturbationOptions.defaults().withLevels(List.of(0.0, 0.5)).withDraws(2), null, null);
        assertEquals(0.0, r.curve("characters").at(0.0).drop().mean(), 1e-6);
        assertTrue(r.curve("characters").at(0.5).drop().mean() > 0.5);
        assertEquals(SHA, r.provenance().get("textSpace.model.sha256"));

        var e = assertThrows(WorkbenchException.class, () -> workflow("b".repeat(64)).textPerturbation(session(12, true), null,
                TextPerturbationOptions.defaults(), null, null));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("re-embed"), e.getMessage());
        var imp = assertThrows(WorkbenchException.class, () -> workflow(SHA).textPerturbation(session(12, false), null,
                TextPerturbationOptions.defaults(), null, null));
        assertTrue(imp.getMessage().contains("imported"), imp.getMessage());
    }

    @Test
    void aPhonemeTowerGetsItsOwnCurve() {
        ProbeWorkflow.Models base = new ProbeWorkflow.Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                throw new AssertionError("not needed");
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                String space = nameOrFolder.equals("phon-elsewhere") ? "other" : "planted";
                // The phoneme tower reads "IPA" (here: the word with a stress mark) and hashes it without the mark.
                java.util.function.Function<String, float[]> fn = nameOrFolder.startsWith("phon")
                        ? x -> Planted.hashVector(x.replace("ˈ", ""), Planted.DIM) : x -> Planted.hashVector(x, Planted.DIM);
                return new Planted.FnText(nameOrFolder, fn) {
                    @Override
                    public org.crossmodal.workbench.encoder.EncoderInfo info() {
                        return new org.crossmodal.workbench.encoder.EncoderInfo(nameOrFolder, Modality.TEXT, Planted.DIM, space,
                                SHA, null, false, java.util.Map.of());
                    }
                };
            }
        };
        ProbeWorkflow wf = new ProbeWorkflow(base, (f, r, t) -> null);
        java.util.function.Function<List<String>, List<String>> ipa = l -> l.stream().map(w -> "ˈ" + w).toList();
        CurveResult r = wf.textPerturbation(session(12, true), null, TextPerturbationOptions.defaults()
                .withLevels(List.of(0.0, 0.5)).withDraws(2), "phon", ipa, null, null);
        assertEquals(List.of("characters", "phonemes"), r.curves().stream().map(c -> c.name()).toList());
        assertEquals(0.0, r.curve("phonemes").at(0.0).drop().mean(), 1e-6);
        assertTrue(r.curve("phonemes").at(0.5).drop().mean() > 0.5);
        assertEquals("phon", r.provenance().get("text.phonemes.model"));

        var e = assertThrows(WorkbenchException.class, () -> wf.textPerturbation(session(12, true), null,
                TextPerturbationOptions.defaults(), "phon-elsewhere", ipa, null, null));
        assertTrue(e.getMessage().contains("trained together"), e.getMessage());
    }

    @Test
    void noiseReadsTheSampledAudioRelativeToTheSessionFolder() {
        Path base = Path.of("/data/project");
        assertThrows(WorkbenchException.class, () -> workflow(SHA).noise(session(12, true), base, null,
                NoiseOptions.defaults().withSample(5), null, null), "files under /data/project do not exist");
        // Files that exist: resolve against a real folder.
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "probe-wf-" + System.nanoTime());
        try {
            opened.clear();
            java.nio.file.Files.createDirectories(tmp.resolve("audio"));
            for (String w : WORDS) java.nio.file.Files.writeString(tmp.resolve("audio/" + w + ".wav"), "x");
            CurveResult r = workflow(SHA).noise(session(12, true), tmp, null, NoiseOptions.defaults().withSample(5)
                    .withKinds(List.of(NoiseKind.WHITE)).withLevels(List.of(0.0, 1.0), List.of()).withDraws(1), null, null);
            assertEquals(5, r.itemsUsed());
            assertEquals(5, read.size());
            assertTrue(read.stream().allMatch(f -> f.startsWith(tmp.toString())));
            assertEquals(0.0, r.curve("white/mix").at(0.0).drop().mean(), 1e-7);
            assertEquals(List.of("planted-speech"), opened);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            try (var w = java.nio.file.Files.walk(tmp)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // best effort
            }
        }
    }

    @Test
    void voiceShiftReadsTheAudioAndFindsTheFactorThatSuitsAHigherVoice(@org.junit.jupiter.api.io.TempDir Path dir) {
        Session s = ProbeFixtures.toneSession(dir, 1.25);
        CurveResult r = ProbeFixtures.toneWorkflow(1.25).voiceShift(s, dir, null, VoiceShiftOptions.defaults(), null, null);
        assertEquals("voice-shift", r.kind());
        assertEquals(8, r.itemsUsed());
        assertEquals("speech:tone", r.provenance().get("speechSpace"));
        assertEquals("shared space planted", r.provenance().get("comparison"));
        assertEquals("tone-speech", r.provenance().get("speech.model"));
        assertEquals("0.125", r.provenance().get("cleanP1"));
        var c = r.curve("voice-shift");
        assertEquals(11, c.points().size());
        assertEquals(0.125, c.at(1.0).p1().mean(), 0.0);
        assertEquals(1.0, c.at(0.8).p1().mean(), 0.0, "lowered by 0.8 the voice is the planted one");
        assertEquals(1.0, c.at(0.8).score().mean(), 1e-4);

        var missing = assertThrows(WorkbenchException.class, () -> ProbeFixtures.toneWorkflow(1).voiceShift(s,
                dir.resolve("elsewhere"), null, VoiceShiftOptions.defaults(), null, null));
        assertTrue(missing.getMessage().contains("does not exist") || missing.getMessage().contains("was found neither"),
                missing.getMessage());
        var imp = assertThrows(WorkbenchException.class, () -> workflow(SHA).voiceShift(session(12, false), dir, null,
                VoiceShiftOptions.defaults(), null, null));
        assertTrue(imp.getMessage().contains("the voice-shift probe cannot re-encode") && imp.getMessage().contains("imported"),
                imp.getMessage());
    }

    /** A rotation of the first two axes by 90 degrees: unaligned spaces until the map is applied. */
    static LinearMap rotation(String from, String to, boolean inverse) {
        int d = Planted.DIM;
        float[] w = new float[d * d];
        for (int i = 0; i < d; i++) w[i * d + i] = 1;
        for (int i = 0; i < d; i += 2) {
            w[i * d + i] = 0;
            w[(i + 1) * d + i + 1] = 0;
            w[i * d + i + 1] = inverse ? 1 : -1;
            w[(i + 1) * d + i] = inverse ? -1 : 1;
        }
        return new LinearMap("rot", from, to, d, d, w, Provenance.of("align:test"));
    }

    static Session unaligned() {
        Session s = session(12, false);
        EmbeddingSet sp = s.space("speech:planted");
        // Rotate speech vectors so that the text vector is R x; the map R takes speech into text.
        LinearMap inv = rotation("x", "y", true);
        float[][] rows = new float[sp.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = inv.apply(sp.row(i));
        s.putSpace(EmbeddingSet.ofRows("speech:planted", Modality.SPEECH, sp.itemIds(), rows, null, sp.provenance()));
        EmbeddingSet tx = s.space("text:planted");
        s.putSpace(new EmbeddingSet(tx.space(), tx.modality(), tx.itemIds(), tx.dim(), tx.data(), null, tx.provenance()));
        return s;
    }

    @Test
    void unalignedSpacesNeedAnAlignmentInEitherDirection() {
        Session s = unaligned();
        var e = assertThrows(WorkbenchException.class, () -> workflow(SHA).confusions(s, null, ConfusionOptions.defaults(), null, null));
        assertTrue(e.getMessage().contains("no alignment"), e.getMessage());

        s.putAlignment(rotation("speech:planted", "text:planted", false));
        ConfusionResult c = workflow(SHA).confusions(s, null, ConfusionOptions.defaults(), null, null);
        assertEquals(1.0, c.overall().p1());
        assertTrue(c.provenance().get("comparison").contains("speech to text"));

        Session t = unaligned();
        t.putAlignment(rotation("text:planted", "speech:planted", true));
        ConfusionResult d = workflow(SHA).confusions(t, null, ConfusionOptions.defaults(), null, null);
        assertEquals(1.0, d.overall().p1());
        assertTrue(d.provenance().get("comparison").contains("text to speech"));

        var bad = assertThrows(WorkbenchException.class, () -> workflow(SHA).confusions(t, new ProbeWorkflow.Selection(null, null, "nope"),
                ConfusionOptions.defaults(), null, null));
        assertTrue(bad.getMessage().contains("no alignment 'nope'"), bad.getMessage());
    }

    @Test
    void sessionsWithoutTheNeededSpacesAreRefusedClearly() {
        Session empty = new Session();
        var e = assertThrows(WorkbenchException.class, () -> workflow(SHA).confusions(empty, null, ConfusionOptions.defaults(), null, null));
        assertTrue(e.getMessage().contains("no speech space"), e.getMessage());
        Session s = session(12, false);
        s.removeSpace("text:planted");
        var f = assertThrows(WorkbenchException.class, () -> workflow(SHA).confusions(s, null, ConfusionOptions.defaults(), null, null));
        assertTrue(f.getMessage().contains("no text space"), f.getMessage());
        var g = assertThrows(WorkbenchException.class, () -> workflow(SHA).confusions(session(12, false),
                new ProbeWorkflow.Selection("speech:other", null, null), ConfusionOptions.defaults(), null, null));
        assertTrue(g.getMessage().contains("speech:planted"), g.getMessage());
        assertFalse(g.getMessage().isBlank());
    }
}
