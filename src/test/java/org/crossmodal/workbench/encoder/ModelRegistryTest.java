package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.ModelRegistry.ModelEntry;
import org.crossmodal.workbench.encoder.ModelRegistry.Origin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path tmp;
    Path install, local, user;

    @BeforeEach
    void dirs() throws IOException {
        install = Files.createDirectories(tmp.resolve("install/models"));
        local = Files.createDirectories(tmp.resolve("work/models"));
        user = Files.createDirectories(tmp.resolve("home/models"));
    }

    ModelRegistry registry() {
        return new ModelRegistry(List.of(new ModelRegistry.Location(Origin.BUILTIN, install),
                new ModelRegistry.Location(Origin.LOCAL, local), new ModelRegistry.Location(Origin.USER, user)), true);
    }

    /** Installs builtin-speech and builtin-text (copies of the tiny models) sharing one space. */
    void installBuiltins() {
        Path s = TestModels.copy("tiny-speech", install.resolve("builtin-speech"));
        TestModels.edit(s, "\"name\": \"tiny-speech\"", "\"name\": \"builtin-speech\"");
        Path t = TestModels.copy("tiny-chars", install.resolve("builtin-text"));
        TestModels.edit(t, "\"name\": \"tiny-chars\"", "\"name\": \"builtin-text\"");
    }

    static WorkbenchException fails(Runnable r, String... parts) {
        WorkbenchException e = assertThrows(WorkbenchException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        return e;
    }

    @Test
    void listsEveryPlaceAndMarksTheDefaults() {
        installBuiltins();
        TestModels.copy("tiny-tokens", local.resolve("tiny-tokens"));
        Path mine = TestModels.copy("tiny-speech", user.resolve("mine"));
        TestModels.edit(mine, "\"sharedSpace\": \"tiny-space\"", "\"sharedSpace\": null");
        Map<String, ModelEntry> byName = registry().list().stream()
                .collect(Collectors.toMap(ModelEntry::name, Function.identity()));
        assertEquals(5, byName.size(), byName.keySet().toString());
        assertEquals(Origin.BUILTIN, byName.get(ModelRegistry.MINILM).origin());
        assertNull(byName.get(ModelRegistry.MINILM).folder());
        assertEquals(Origin.BUILTIN, byName.get("builtin-speech").origin());
        assertEquals(Origin.LOCAL, byName.get("tiny-tokens").origin());
        assertEquals(Origin.USER, byName.get("tiny-speech").origin());
        // the speech default is builtin-speech; the text default shares its space
        assertTrue(byName.get("builtin-speech").isDefault());
        assertTrue(byName.get("builtin-text").isDefault());
        assertFalse(byName.get(ModelRegistry.MINILM).isDefault());
        assertEquals(2, byName.values().stream().filter(ModelEntry::isDefault).count());
        assertEquals("builtin-text", registry().defaultText(null).name());
        // a speech model without a shared space goes with the MiniLM
        assertEquals(ModelRegistry.MINILM, registry().defaultText(user.resolve("mine").toString()).name());
    }

    @Test
    void withoutTheBuiltInModelsTheMiniLmIsTheTextDefaultAndSpeechNeedsAModel() {
        ModelRegistry r = registry();
        assertTrue(r.list().stream().filter(ModelEntry::isDefault).allMatch(e -> e.name().equals(ModelRegistry.MINILM)));
        assertNull(r.defaultSpeech());
        fails(() -> r.openSpeech(null, EncoderOptions.defaults()), "No speech model is installed", "builtin-speech");
        try (TextEncoder t = r.openText(null, new EncoderOptions(1, 4))) {
            assertEquals(ModelRegistry.MINILM, t.info().name());
            assertTrue(t.info().builtIn());
        }
    }

    @Test
    void anEarlierPlaceWinsANameClash() {
        TestModels.copy("tiny-speech", local.resolve("a"));
        TestModels.copy("tiny-speech", user.resolve("b"));
        List<ModelEntry> l = registry().list().stream().filter(e -> e.name().equals("tiny-speech")).toList();
        assertEquals(1, l.size());
        assertEquals(Origin.LOCAL, l.get(0).origin());
    }

    @Test
    void opensByNameAliasAndPath() {
        installBuiltins();
        ModelRegistry r = registry();
        try (SpeechEncoder s = r.openSpeech(null, new EncoderOptions(1, 4))) {
            assertEquals("builtin-speech", s.info().name());
            assertEquals(8000, s.sampleRate());
            assertTrue(s.info().builtIn());
            assertEquals("tiny-space", s.info().sharedSpace());
        }
        try (TextEncoder t = r.openText(null, new EncoderOptions(1, 4))) {
            assertEquals("builtin-text", t.info().name());
        }
        try (TextEncoder t = r.openText(TestModels.folder("tiny-tokens").toString(), new EncoderOptions(1, 4))) {
            assertEquals("tiny-tokens", t.info().name());
            assertFalse(t.info().builtIn());
        }
        assertEquals(ModelRegistry.MINILM, r.resolve("MiniLM").name());
        assertEquals(Modality.TEXT, r.resolve("builtin-TEXT").modality());
    }

    @Test
    void theWrongModalityIsRefused() {
        installBuiltins();
        fails(() -> registry().openSpeech("builtin-text", EncoderOptions.defaults()),
                "builtin-text", "is a text model, but a speech model is needed");
        fails(() -> registry().openText("builtin-speech", EncoderOptions.defaults()), "is a speech model");
    }

    @Test
    void unknownNameListsTheKnownModels() {
        fails(() -> registry().resolve("whisper"), "No model named 'whisper'", ModelRegistry.MINILM);
        fails(() -> registry().resolve(tmp.resolve("nowhere").toString()), "Model folder not found");
    }

    @Test
    void folderWithoutModelJson() throws IOException {
        Path f = Files.createDirectories(local.resolve("bare"));
        Files.copy(TestModels.folder("tiny-speech").resolve("tiny-speech.onnx"), f.resolve("tiny-speech.onnx"));
        ModelEntry e = registry().list().stream().filter(m -> m.name().equals("bare")).findFirst().orElseThrow();
        assertFalse(e.usable());
        assertTrue(e.problem().contains("no model.json"), e.problem());
        fails(() -> registry().resolve(f.toString()), "has no model.json", f.toString());
        fails(() -> ModelLoader.openSpeech(f, EncoderOptions.defaults()), "has no model.json");
        // folders with neither are not models at all
        Files.createDirectories(local.resolve("notes"));
        assertTrue(registry().list().stream().noneMatch(m -> m.name().equals("notes")));
    }

    @Test
    void missingOnnxFile() throws IOException {
        Path f = TestModels.copy("tiny-speech", local.resolve("gone"));
        Files.delete(f.resolve("tiny-speech.onnx"));
        ModelEntry e = registry().list().stream().filter(m -> m.name().equals("tiny-speech")).findFirst().orElseThrow();
        assertFalse(e.usable());
        assertTrue(e.problem().contains("tiny-speech.onnx"), e.problem());
        fails(() -> registry().openSpeech("tiny-speech", EncoderOptions.defaults()), "cannot be used", "missing");
        fails(() -> registry().resolve(f.toString()), "Model file not found", f.resolve("tiny-speech.onnx").toString());
        fails(() -> ModelLoader.openSpeech(f, EncoderOptions.defaults()), "Model file not found");
    }

    @Test
    void missingTokenizer() throws IOException {
        Path f = TestModels.copy("tiny-tokens", local.resolve("t"));
        Files.delete(f.resolve("tokenizer.json"));
        fails(() -> ModelLoader.openText(f, EncoderOptions.defaults()), "Model file not found",
                f.resolve("tokenizer.json").toString());
    }

    @Test
    void brokenManifestIsListedWithItsProblem() throws IOException {
        Path f = TestModels.copy("tiny-speech", local.resolve("broken"));
        Files.writeString(f.resolve("model.json"), "{ \"format\": 1, ");
        ModelEntry e = registry().list().stream().filter(m -> m.name().equals("broken")).findFirst().orElseThrow();
        assertFalse(e.usable());
        assertTrue(e.problem().contains("not valid JSON"), e.problem());
    }

    @Test
    void notAnOnnxFile() throws IOException {
        Path f = TestModels.copy("tiny-speech", local.resolve("fake"));
        Files.writeString(f.resolve("tiny-speech.onnx"), "this is not a model");
        fails(() -> ModelLoader.openSpeech(f, EncoderOptions.defaults()), "is not a valid ONNX model",
                f.resolve("tiny-speech.onnx").toString());
    }

    /** Each manifest edit must be refused with an error naming the manifest, the ONNX file and what differs. */
    @Test
    void manifestsThatDisagreeWithTheModel() {
        String[][] speech = {
                {"\"name\": \"waveform\"", "\"name\": \"audio\"", "input.name is 'audio' but the model has no such input"},
                {"\"lengthsName\": \"lengths\"", "\"lengthsName\": \"len\"", "input.lengthsName is 'len'"},
                {"\"lengthsName\": \"lengths\"", "\"unused\": \"lengths\"", "that the manifest does not feed"},
                {"\"name\": \"features\"", "\"name\": \"embedding\"", "output.name is 'embedding'"},
                {"\"pooling\": \"mean\"", "\"pooling\": \"none\"", "needs float32 of rank 2"},
                {"\"dimension\": 6", "\"dimension\": 7", "output.dimension is 7"}};
        int i = 0;
        for (String[] c : speech) {
            Path f = TestModels.copy("tiny-speech", tmp.resolve("mismatch" + i++));
            TestModels.edit(f, c[0], c[1]);
            fails(() -> ModelLoader.openSpeech(f, EncoderOptions.defaults()), "does not match the ONNX model",
                    f.resolve("model.json").toString(), f.resolve("tiny-speech.onnx").toString(), c[2],
                    "'waveform' float32 [?, ?]");
        }
        Path t = TestModels.copy("tiny-tokens", tmp.resolve("tok"));
        TestModels.edit(t, "\"maskName\": \"attention_mask\"", "\"maskName\": \"attention_mask\", \"typeIdsName\": \"types\"");
        fails(() -> ModelLoader.openText(t, EncoderOptions.defaults()), "input.typeIdsName is 'types'");
        // a character model whose data input is really float: rank and type are named
        Path c = TestModels.copy("tiny-speech", tmp.resolve("chars-on-speech"));
        TestModels.edit(c, "\"modality\": \"speech\"", "\"modality\": \"text\"");
        TestModels.edit(c, "\"kind\": \"waveform\"", "\"kind\": \"characters\"");
        TestModels.edit(c, "\"sampleRate\": 8000", "\"alphabet\": \"ab\"");
        fails(() -> ModelLoader.openText(c, EncoderOptions.defaults()), "must be int64 of rank 2",
                "'waveform' float32 [?, ?]");
    }

    @Test
    void installationFolderFollowsWorkbenchHome() {
        String old = System.getProperty("workbench.home");
        try {
            System.setProperty("workbench.home", tmp.toString());
            assertEquals(tmp.toAbsolutePath().resolve("models"), ModelRegistry.installationModels());
        } finally {
            if (old == null) System.clearProperty("workbench.home");
            else System.setProperty("workbench.home", old);
        }
        // from target/test-classes (or target/classes, or target/workbench.jar): the repository's models/ folder
        Path guess = ModelRegistry.installationModels();
        assertTrue(guess.endsWith("models") && Files.isDirectory(guess.getParent().resolve("src")), guess.toString());
    }
}
