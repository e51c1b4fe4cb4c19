package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes end to end on real ONNX towers: embeds a few demo recordings with the built-in model and runs every
 * probe through the command line, and looks up a pronunciation with the phoneme tower. The models folder defaults to {@code models/} and can be set with
 * {@code -Dworkbench.test.models=DIR}; the test is skipped when the models or the demo corpus are absent.
 */
@Tag("slow")
class ProbeBuiltinModelTest {
    @TempDir
    Path dir;

    @Test
    void everyProbeRunsOnTheBuiltInModel() throws Exception {
        Path models = Path.of(System.getProperty("workbench.test.models", "models"));
        Path demo = Path.of("assets/demo/manifest.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(models.resolve("builtin-speech/model.json"))
                && Files.isRegularFile(models.resolve("builtin-text/model.json")) && Files.isRegularFile(demo),
                "built-in models or demo corpus not present");
        // Eight words in all four voices.
        List<String> rows = Files.readAllLines(demo);
        Set<String> words = new LinkedHashSet<>();
        List<String> manifest = new ArrayList<>(List.of("path\ttranscript\tspeaker"));
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split("\t");
            if (words.size() < 8) words.add(f[1]);
            if (words.contains(f[1])) manifest.add(demo.toAbsolutePath().getParent().resolve(f[0]) + "\t" + f[1] + "\t" + f[2]);
        }
        Files.write(dir.resolve("m.tsv"), manifest);
        Files.write(dir.resolve("w.txt"), words);
        Path session = dir.resolve("s.cmw");
        CliRun e = run("embed", "--audio", dir.resolve("m.tsv").toString(), "--text",
                dir.resolve("w.txt").toString(), "--speech-model", models.resolve("builtin-speech").toString(), "--text-model",
                models.resolve("builtin-text").toString(), "--out", session.toString(), "--no-cache");
        assertEquals(0, e.code(), e.err());

        ObjectMapper json = new ObjectMapper();
        // the phoneme tower looks up a pronunciation among the recordings ("you" as espeak-ng writes it)
        if (Files.isRegularFile(models.resolve("builtin-ipa/model.json"))) {
            CliRun ipa = run("neighbours", session.toString(), "--ipa", "j\u02c8u\u02d0", "--label", "you",
                    "--ipa-model", models.resolve("builtin-ipa").toString(), "--retrieval", "nn", "--json");
            assertEquals(0, ipa.code(), ipa.err());
            JsonNode nb = json.readTree(ipa.out());
            assertEquals(1, nb.get("true_match_rank").asInt(), ipa.out());
            assertEquals("you", nb.get("neighbours").get(0).get("label").asText(), ipa.out());
        }
        CliRun t = run("probe", session.toString(), "--kind", "text-perturbation", "--levels",
                "0,20,100", "--draws", "2", "--json");
        assertEquals(0, t.code(), t.err());
        JsonNode tp = json.readTree(t.out()).get("curves").get(0).get("points");
        assertEquals(0.0, tp.get(0).get("drop").get("mean").asDouble(), 1e-6);

        CliRun n = run("probe", session.toString(), "--kind", "noise", "--noise", "white,babble",
                "--mix", "0,75", "--snr", "none", "--draws", "1", "--json");
        assertEquals(0, n.code(), n.err());
        JsonNode curves = json.readTree(n.out()).get("curves");
        for (JsonNode c : curves) {
            JsonNode p0 = c.get("points").get(0);
            assertEquals(0.0, p0.get("drop").get("mean").asDouble(), 1e-6, "0% noise through the real model: " + c.get("name"));
        }

        CliRun v = run("probe", session.toString(), "--kind", "voice-shift", "--factors", "0.8,1", "--json");
        assertEquals(0, v.code(), v.err());
        JsonNode vsr = json.readTree(v.out());
        assertEquals(32, vsr.get("itemsUsed").asInt());
        JsonNode vs = vsr.get("curves").get(0).get("points");
        assertEquals(2, vs.size());
        // factor 1 is the recording itself: no drop, and the clean P@1, through the real model
        assertEquals(0.0, vs.get(1).get("drop").get("mean").asDouble(), 1e-6);
        assertEquals(vsr.get("provenance").get("entries").get("cleanP1").asDouble(), vs.get(1).get("p1").get("mean").asDouble(), 1e-12);

        CliRun i = run("probe", session.toString(), "--kind", "intelligibility", "--json");
        assertEquals(0, i.code(), i.err());
        assertEquals(32, json.readTree(i.out()).get("recordings").size());
        CliRun c = run("probe", session.toString(), "--kind", "confusions", "--json");
        assertEquals(0, c.code(), c.err());
        assertEquals(4, json.readTree(c.out()).get("perSpeaker").size());
        assertTrue(json.readTree(c.out()).get("overall").get("n").asInt() == 32);
    }
}
