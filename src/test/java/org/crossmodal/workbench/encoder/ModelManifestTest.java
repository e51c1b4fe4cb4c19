package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelManifestTest {
    static final String SPEECH = """
            {
              "format": 1,
              "name": "builtin-speech",
              "modality": "speech",
              "onnx": "speech.onnx",
              "input": { "kind": "waveform", "name": "waveform", "lengthsName": "lengths", "sampleRate": 16000 },
              "output": { "name": "embedding", "pooling": "none", "normalize": true, "dimension": 256 },
              "sharedSpace": "builtin-v1",
              "threads": 2,
              "provenance": { "source": "s", "license": "l", "trainingData": "t", "metrics": "m" }
            }""";

    @TempDir
    Path dir;

    @Test
    void parsesTheDocumentedExample() {
        ModelManifest m = ModelManifest.parse(SPEECH, "x/model.json");
        assertEquals("builtin-speech", m.name());
        assertEquals(Modality.SPEECH, m.modality());
        assertEquals("speech.onnx", m.onnx());
        assertEquals(ModelManifest.InputKind.WAVEFORM, m.input().kind());
        assertEquals("lengths", m.input().lengthsName());
        assertEquals(16000, m.input().sampleRate());
        assertEquals(ModelManifest.Pooling.NONE, m.output().pooling());
        assertTrue(m.output().normalize());
        assertEquals(256, m.output().dimension());
        assertEquals("builtin-v1", m.sharedSpace());
        assertEquals(2, m.threads());
        assertEquals(0, m.maxBatch());
        assertEquals("t", m.provenance().get("trainingData"));
    }

    @Test
    void parsesLogMelTokensAndCharacters() {
        ModelManifest lm = ModelManifest.parse(SPEECH.replace("""
                { "kind": "waveform", "name": "waveform", "lengthsName": "lengths", "sampleRate": 16000 }""", """
                { "kind": "logmel", "name": "mel", "sampleRate": 16000, "nMels": 80, "nFft": 400, "hop": 160,
                  "fmin": 20, "fmax": 7600 }"""), "m");
        assertEquals(new ModelManifest.LogMel(80, 400, 160, 400, 20, 7600, 1e-6, false), lm.input().logMel());
        ModelManifest c = ModelManifest.parse("""
                {"format": 1, "name": "c", "modality": "text", "onnx": "c.onnx",
                 "input": {"kind": "characters", "name": "chars", "alphabet": "abc", "lowercase": true},
                 "output": {"name": "o", "pooling": "mean", "dimension": 3}}""", "m");
        assertEquals("abc", c.input().alphabet());
        assertTrue(c.input().lowercase());
        assertNull(c.sharedSpace());
        ModelManifest t = ModelManifest.parse("""
                {"format": 1, "name": "t", "modality": "text", "onnx": "t.onnx", "maxBatch": 1,
                 "input": {"kind": "tokens", "name": "ids", "maskName": "mask", "tokenizer": "tok.json", "maxLength": 128},
                 "output": {"name": "o", "pooling": "first", "dimension": 3}}""", "m");
        assertEquals("tok.json", t.input().tokenizer());
        assertEquals(128, t.input().maxLength());
        assertEquals(1, t.maxBatch());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON | { \"format\": 1, | not valid JSON",
            "not an object | [1, 2] | must hold a JSON object",
            "newer format | {\"format\": 9} | newer than this workbench reads",
            "missing name | {\"format\": 1} | 'name' is missing",
            "bad modality | {\"format\": 1, \"name\": \"x\", \"modality\": \"video\"} | 'modality'",
            "missing onnx | {\"format\": 1, \"name\": \"x\", \"modality\": \"speech\"} | 'onnx' is missing",
            "missing input | {\"format\": 1, \"name\": \"x\", \"modality\": \"speech\", \"onnx\": \"a.onnx\"} | 'input' is missing"})
    void badManifestsNameTheFileAndTheField(String what, String json, String expected) {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ModelManifest.parse(json, "dir/model.json"));
        assertTrue(e.getMessage().contains("dir/model.json"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"kind\": \"waveform\" | \"kind\": \"spectrogram\" | input.kind",
            "\"sampleRate\": 16000 | \"sampleRate\": 0 | input.sampleRate",
            "\"sampleRate\": 16000 | \"sampleRate\": \"16k\" | input.sampleRate",
            "\"pooling\": \"none\" | \"pooling\": \"max\" | output.pooling",
            "\"dimension\": 256 | \"dimension\": -3 | output.dimension",
            "\"normalize\": true | \"normalize\": \"yes\" | output.normalize",
            "\"threads\": 2 | \"threads\": -1 | threads",
            "\"modality\": \"speech\" | \"modality\": \"text\" | does not fit modality"})
    void badFieldsAreNamed(String from, String to, String field) {
        String json = SPEECH.replace(from, to);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ModelManifest.parse(json, "m.json"));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void tokenInputNeedsATokenizerAndAMask() {
        String base = """
                {"format": 1, "name": "t", "modality": "text", "onnx": "t.onnx",
                 "input": {"kind": "tokens", "name": "ids" %s},
                 "output": {"name": "o", "pooling": "first", "dimension": 3}}""";
        WorkbenchException e1 = assertThrows(WorkbenchException.class,
                () -> ModelManifest.parse(base.formatted(", \"maskName\": \"m\""), "m.json"));
        assertTrue(e1.getMessage().contains("input.tokenizer"), e1.getMessage());
        WorkbenchException e2 = assertThrows(WorkbenchException.class,
                () -> ModelManifest.parse(base.formatted(", \"tokenizer\": \"t.json\""), "m.json"));
        assertTrue(e2.getMessage().contains("input.maskName"), e2.getMessage());
    }

    @Test
    void repeatedAlphabetCharacterIsRefused() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ModelManifest.parse("""
                {"format": 1, "name": "c", "modality": "text", "onnx": "c.onnx",
                 "input": {"kind": "characters", "name": "chars", "alphabet": "abca"},
                 "output": {"name": "o", "pooling": "mean", "dimension": 3}}""", "m"));
        assertTrue(e.getMessage().contains("repeated"), e.getMessage());
    }

    @Test
    void readNamesAMissingFile() throws IOException {
        Path p = dir.resolve("model.json");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ModelManifest.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        Files.writeString(p, SPEECH);
        assertEquals(p.toString(), ModelManifest.read(p).origin());
    }
}
