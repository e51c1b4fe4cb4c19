package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.ProjectionWorkflowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {
    @TempDir Path dir;

    @Test
    void projectSavesTheMapIntoTheSession() {
        Path file = dir.resolve("s.cmw");
        SessionStore.save(ProjectionWorkflowTestAccess.session(), file);
        CliRun r = run("project", file.toString(), "--method", "tsne", "--iterations", "300", "--perplexity", "10", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("tsne: 80 points from speech:b,text:a"), r.out());
        Session back = SessionStore.open(file);
        Projection p = back.projections().get("tsne");
        assertEquals(80, p.size());
        assertEquals("3", p.provenance().get("seed"));
        CliRun pca = run("project", file.toString(), "--method", "pca");
        assertEquals(0, pca.code(), pca.err());
        assertEquals(2, SessionStore.open(file).projections().size());
    }

    @Test
    void badArgumentsGiveOneLineAndNonZero() {
        Path file = dir.resolve("s.cmw");
        SessionStore.save(ProjectionWorkflowTestAccess.session(), file);
        CliRun r = run("project", file.toString(), "--method", "mds");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unknown --method 'mds'") && r.err().strip().lines().count() == 1, r.err());
        r = run("project", file.toString(), "--perplexity", "-3");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("perplexity must be in (0, 1000]"), r.err());
        r = run("project", dir.resolve("missing.cmw").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void benchTsnePrintsItsFigures() {
        CliRun r = run("bench", "tsne", "--n", "400", "--dim", "20", "--iterations", "250", "--threads", "2", "--perplexity", "12");
        assertEquals(0, r.code(), r.err());
        for (String k : new String[] {"time", "final KL", "exact KL", "10-NN kept", "peak heap"}) {
            assertTrue(r.out().contains(k), r.out());
        }
        assertTrue(r.out().contains("perplexity 12.0, 250 iterations, 2 threads"), r.out());
        // the t-SNE run options are one set, with the same names and defaults, in both commands
        for (String[] cmd : new String[][] {{"bench", "tsne", "--help"}, {"project", "--help"}}) {
            CliRun h = run(cmd);
            assertEquals(0, h.code());
            for (String o : new String[] {"--perplexity=<perplexity>", "t-SNE perplexity (default: 30)",
                    "t-SNE iterations (default: 1000)", "Random seed (default: 42)", "Worker threads (default: all cores)"}) {
                assertTrue(h.out().contains(o), String.join(" ", cmd) + " lacks " + o + ":\n" + h.out());
            }
        }
    }

    /** Gives this package the workflow test's session builder. */
    static final class ProjectionWorkflowTestAccess {
        static Session session() {
            return ProjectionWorkflowTest.sessionForOtherTests(40, 6);
        }
    }
}
