package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped phoneme tower (models/builtin-ipa), loaded through the model registry and the ONNX text encoder,
 * against the embeddings torch computed when it was exported (training/export_ipa.py writes
 * src/test/resources/golden/builtin-ipa.json); and its place in the registry: in the speech tower's space, but not
 * the default text model.
 */
class BuiltinIpaGoldenTest {
    static List<BuiltinModelGoldenTest.TextCase> cases;
    static ModelRegistry registry;
    static TextEncoder ipa;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = BuiltinIpaGoldenTest.class.getResourceAsStream("/golden/builtin-ipa.json")) {
            assertNotNull(in, "golden/builtin-ipa.json is missing from the test resources");
            JsonNode root = new ObjectMapper().readTree(in);
            cases = BuiltinModelGoldenTest.textCases(root.get("text"));
        }
        Path models = ModelRegistry.installationModels();
        assertNotNull(models, "the installation's models/ folder is unknown");
        registry = new ModelRegistry(List.of(new ModelRegistry.Location(ModelRegistry.Origin.BUILTIN, models)), false);
        ipa = registry.openText("builtin-ipa", new EncoderOptions(1, 4));
    }

    @AfterAll
    static void close() {
        if (ipa != null) ipa.close();
    }

    @Test
    void idsFollowTheIpaAlphabetWithoutFoldingCase() {
        CharacterFeaturizer f = (CharacterFeaturizer) ((OnnxTextEncoder) ipa).featurizer();
        for (BuiltinModelGoldenTest.TextCase c : cases) {
            long[] want = c.ids().length == 0 ? new long[] {0} : c.ids();  // empty: one padding id
            assertArrayEquals(want, f.ids(c.text()), "ids of \"" + c.text() + "\"");
        }
    }

    @Test
    void embeddingsMatchTorch() {
        for (BuiltinModelGoldenTest.TextCase c : cases) {
            double d = BuiltinModelGoldenTest.maxAbsDiff(c.embedding(), ipa.encodeOne(c.text()));
            assertTrue(d <= BuiltinModelGoldenTest.TOL, "\"" + c.text() + "\": max |java - torch| = " + d);
        }
        float[][] batch = ipa.encode(cases.stream().map(BuiltinModelGoldenTest.TextCase::text).toList(), ProgressListener.NONE, Cancellation.NONE);
        for (int i = 0; i < cases.size(); i++) {
            double d = BuiltinModelGoldenTest.maxAbsDiff(cases.get(i).embedding(), batch[i]);
            assertTrue(d <= BuiltinModelGoldenTest.TOL, "batched \"" + cases.get(i).text() + "\": max |java - torch| = " + d);
        }
    }

    @Test
    void sharesTheSpeechSpaceButIsNotTheDefaultTextModel() {
        List<ModelRegistry.ModelEntry> all = registry.list();
        ModelRegistry.ModelEntry speech = all.stream().filter(e -> e.name().equals(ModelRegistry.BUILTIN_SPEECH)).findFirst().orElseThrow();
        ModelRegistry.ModelEntry phon = all.stream().filter(e -> e.name().equals("builtin-ipa")).findFirst().orElseThrow();
        assertEquals(speech.sharedSpace(), phon.sharedSpace());
        assertFalse(phon.isDefault(), "the IPA tower must not be picked as the default text model");
        assertTrue(all.stream().anyMatch(e -> e.name().equals(ModelRegistry.BUILTIN_TEXT) && e.isDefault()),
                "builtin-text stays the default text model");
    }
}
