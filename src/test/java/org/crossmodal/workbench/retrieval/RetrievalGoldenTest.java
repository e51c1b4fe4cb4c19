package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** CrossRetrieval and Metrics against numpy/scipy (src/test/resources/golden/retrieval_golden.py). */
class RetrievalGoldenTest {

    static JsonNode golden() throws Exception {
        try (InputStream in = RetrievalGoldenTest.class.getResourceAsStream("/golden/retrieval_golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
        return f;
    }

    static int[] ints(JsonNode a) {
        int[] f = new int[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = a.get(i).asInt();
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nn", "csls", "isf"})
    void matchesNumpy(String method) throws Exception {
        JsonNode g = golden();
        int ns = g.get("ns").asInt(), nt = g.get("nt").asInt(), d = g.get("d").asInt();
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.parse(method), g.get("k").asInt(),
                g.get("csls_k").asInt(), g.get("beta").asDouble(), 2);
        CrossRetrieval.Result r = CrossRetrieval.run(floats(g.get("src")), ns, floats(g.get("tgt")), nt, d,
                ints(g.get("src_key")), ints(g.get("tgt_key")), o, ProgressListener.NONE, Cancellation.NONE);
        check(g.get(method).get("forward"), r.forward(), method.equals("isf") ? 2e-3 : 2e-5);
        check(g.get(method).get("backward"), r.backward(), method.equals("isf") ? 2e-3 : 2e-5);
    }

    private static void check(JsonNode exp, Ranked got, double tol) {
        JsonNode idx = exp.get("index"), sc = exp.get("score");
        for (int q = 0; q < got.queries(); q++) {
            for (int r = 0; r < got.k(); r++) {
                assertEquals(idx.get(q).get(r).asInt(), got.neighbour(q, r), "query " + q + " hit " + r);
                assertEquals(sc.get(q).get(r).asDouble(), got.score(q, r), tol, "query " + q + " score " + r);
            }
            assertEquals(exp.get("rank").get(q).asInt(), got.trueRank()[q], "rank of query " + q);
        }
        Metrics m = Metrics.of(got);
        JsonNode em = exp.get("metrics");
        assertEquals(em.get("p_at_1").asDouble(), m.pAt1(), 1e-12);
        assertEquals(em.get("p_at_5").asDouble(), m.pAt5(), 1e-12);
        assertEquals(em.get("p_at_10").asDouble(), m.pAt10(), 1e-12);
        assertEquals(em.get("mrr").asDouble(), m.mrr(), 1e-12);
        assertEquals(em.get("n_queries").asInt(), m.nQueries());
        assertEquals(em.get("k_occurrence_skewness").asDouble(), m.kOccurrenceSkew(), 1e-9);
        assertEquals(em.get("never_retrieved").asDouble(), m.neverRetrieved(), 1e-12);
    }
}
