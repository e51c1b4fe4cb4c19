package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.AlignmentWorkflowTestData;
import org.crossmodal.workbench.workflow.SessionWorkflow;

/** workbench align / evaluate / neighbours end to end on a saved session, including bad inputs. */
class AlignmentCommandsTest {
    @TempDir Path dir;

    Path session() {
        Session s = AlignmentWorkflowTestData.session(150, 20, 12, 4, 3);
        Path f = dir.resolve("s.cmw");
        SessionWorkflow.save(s, f, Cancellation.NONE);
        return f;
    }

    @Test
    void alignEvaluateNeighboursJson() throws Exception {
        Path f = session();
        CliRun before = run("evaluate", f.toString());
        assertNotEquals(0, before.code());
        assertTrue(before.err().contains("align"), before.err());
        CliRun a = run("align", f.toString(), "--method", "procrustes", "--seed", "3");
        assertEquals(0, a.code(), a.err() + a.out());
        assertTrue(a.out().contains("diagnostics") && a.out().contains("wrote"), a.out());
        CliRun ev = run("evaluate", f.toString(), "--retrieval", "csls", "--json");
        assertEquals(0, ev.code(), ev.err());
        JsonNode j = new ObjectMapper().readTree(ev.out());
        for (String dirn : new String[] {"speech_to_text", "text_to_speech"}) {
            for (String k : new String[] {"p_at_1", "p_at_5", "p_at_10", "mrr", "n_queries"}) {
                assertTrue(j.get(dirn).has(k), dirn + "." + k + " in " + ev.out());
            }
        }
        assertTrue(j.get("speech_to_text").get("p_at_1").asDouble() > 0.9);
        assertEquals(300, j.get("speech_to_text").get("n_queries").asInt());
        CliRun nb = run("neighbours", f.toString(), "--text", "word5", "--k", "500", "--json");
        assertEquals(0, nb.code(), nb.err());
        JsonNode n = new ObjectMapper().readTree(nb.out());
        assertEquals(320, n.get("neighbours").size(), "k capped at the number of recordings");
        assertEquals(1, n.get("true_match_rank").asInt());
        CliRun plain = run("neighbours", f.toString(), "--item", "speech/0-0.wav", "--retrieval", "nn");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("cosine"), plain.out());
    }

    @Test
    void badInputsGiveOneLineReasons() throws Exception {
        Path f = session();
        CliRun m = run("align", f.toString(), "--method", "magic");
        assertNotEquals(0, m.code());
        assertTrue(m.err().contains("magic") && m.err().strip().lines().count() == 1, m.err());
        Path tsv = Files.writeString(dir.resolve("d.tsv"), "word1\tword1\n");
        CliRun d = run("align", f.toString(), "--method", "adversarial", "--dictionary", tsv.toString());
        assertNotEquals(0, d.code());
        assertTrue(d.err().contains("dictionary"), d.err());
        CliRun missing = run("align", f.toString(), "--method", "procrustes", "--dictionary", dir.resolve("none.tsv").toString());
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("none.tsv"), missing.err());
        CliRun id = run("align", f.toString(), "--method", "identity");
        assertNotEquals(0, id.code());
        assertTrue(id.err().contains("dimension"), id.err());
        CliRun nf = run("evaluate", dir.resolve("nope.cmw").toString());
        assertNotEquals(0, nf.code());
        assertTrue(nf.err().contains("nope.cmw"), nf.err());
        assertEquals(0, run("align", f.toString(), "--method", "procrustes").code());
        CliRun w = run("neighbours", f.toString(), "--text", "platypus");
        assertNotEquals(0, w.code());
        assertTrue(w.err().contains("platypus"), w.err());
        CliRun r = run("evaluate", f.toString(), "--retrieval", "best");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("nn, csls or isf"), r.err());
        CliRun k = run("neighbours", f.toString(), "--text", "word1", "--k", "0");
        assertNotEquals(0, k.code());
        assertTrue(k.err().contains("k must be"), k.err());
        CliRun none = run("neighbours", f.toString());
        assertNotEquals(0, none.code());
        for (String c : new String[] {"align", "evaluate", "neighbours"}) assertEquals(0, run(c, "--help").code());
        assertEquals(0, run("bench", "retrieval", "--help").code());
    }
}
