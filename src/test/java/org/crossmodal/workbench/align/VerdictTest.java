package org.crossmodal.workbench.align;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.Vectors;

/**
 * The failure rules of the unsupervised verdict: the planted rotation passes; a rotation fitted to an arbitrary
 * dictionary (which the criterion alone rewards) and spaces of very different spread are reported as failures;
 * a self-consistent wrong map that beats neighbouring targets by less than {@link Verdict#MIN_ITEM_MARGIN} of
 * the room above them fails, and the margin alone decides ({@link PlantedTruth#twins}).
 */
class VerdictTest {
    static AlignmentInput input(float[] x, int nx, float[] y, int ny, int d) {
        int[] xk = new int[nx], yk = new int[ny];
        List<String> xi = new ArrayList<>(), yi = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            xk[i] = i;
            xi.add("s" + i);
        }
        for (int j = 0; j < ny; j++) {
            yk[j] = j;
            yi.add("t" + j);
        }
        return new AlignmentInput(Vectors.normalizedRows(x, nx, d, "x", null), nx, Vectors.normalizedRows(y, ny, d, "y", null), ny,
                d, xk, yk, xi, yi);
    }

    static float[] gaussian(int n, int d, Random r) {
        float[] m = new float[n * d];
        for (int i = 0; i < m.length; i++) m[i] = (float) r.nextGaussian();
        return m;
    }

    @Test
    void thePlantedRotationGeneralisesAndPasses() {
        PlantedTruth p = PlantedTruthTest.iso();
        AlignmentInput in = p.input;
        double held = Verdict.heldOutAgreement(in, AlignMath.map(in.x(), in.nx(), in.d(), p.rotation, 2), 15000, 10, 2,
                Cancellation.NONE);
        assertTrue(held > 0.8, "held-out agreement of the true rotation " + held);
        Verdict.Outcome v = Verdict.judge(in, p.rotation, 10000, 15000, 10, 0.02, 3, 1, 2, Cancellation.NONE);
        assertTrue(v.success(), v.sentence());
    }

    @Test
    void aRotationFittedToAnArbitraryDictionaryDoesNotGeneralise() {
        // 60 unrelated random items in 128 dimensions: a rotation can put each x_i onto y_i (the vectors are
        // nearly orthogonal on both sides), so the criterion and the closeness rule see a perfect match
        Random r = new Random(5);
        int n = 60, d = 128;
        AlignmentInput in = input(gaussian(n, d, r), n, gaussian(n, d, r), n, d);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        double[] w = AlignMath.procrustes(in.x(), in.y(), d, ids, ids);
        float[] xm = AlignMath.map(in.x(), n, d, w, 2);
        double crit = AlignMath.criterion(xm, n, in.y(), n, d, n, n, 10, 2, Cancellation.NONE);
        double nn = Verdict.targetNeighbourCosine(in, n, n, 2, Cancellation.NONE);
        assertTrue(crit > nn, "the fitted pairs look item-level: criterion " + crit + " vs neighbours " + nn);
        double held = Verdict.heldOutAgreement(in, xm, n, 10, 2, Cancellation.NONE);
        assertTrue(held < 0.1, "held-out agreement of an arbitrary dictionary " + held);
        Verdict.Outcome v = Verdict.judge(in, w, n, n, 10, 0.02, 3, 1, 2, Cancellation.NONE);
        assertFalse(v.success(), v.sentence());
        assertTrue(v.sentence().contains("does not generalise"), v.sentence());
    }

    @Test
    void spacesOfVeryDifferentSpreadAreNotMatchedByARotation() {
        // the source lives in 4 of 32 directions, the target (the same items plus independent spread) in all 32;
        // the planted rotation is the best orthogonal map, yet the items cannot be put onto their translations
        Random r = new Random(9);
        int n = 800, d = 32, low = 4;
        float[] x = new float[n * d], y = new float[n * d];
        double[] q = Linalg.randomOrthogonal(d, r);
        for (int i = 0; i < n; i++) {
            float[] v = new float[d];
            for (int k = 0; k < low; k++) v[k] = (float) r.nextGaussian();
            System.arraycopy(v, 0, x, i * d, d);
            for (int k = 0; k < d; k++) v[k] += (float) (0.6 * r.nextGaussian());
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[c * d + k] * v[k];
                y[i * d + c] = (float) s;
            }
        }
        AlignmentInput in = input(x, n, y, n, d);
        double ex = Diagnostics.participation(Diagnostics.covSpectrum(in.x(), n, d));
        double ey = Diagnostics.participation(Diagnostics.covSpectrum(in.y(), n, d));
        assertTrue(ey > 2 * ex, "effective dimensions " + ex + " and " + ey);
        Verdict.Outcome v = Verdict.judge(in, q, n, n, 10, 0.02, 3, 1, 2, Cancellation.NONE);
        assertFalse(v.success(), v.sentence());
        assertTrue(v.sentence().contains("directions"), v.sentence());
    }

    @Test
    void translationsMustBeClearlyCloserThanNeighbouringTargets() {
        // Measured with docs/alignment-runs.sh (and --seed 2, 3) on the demo as regenerated without profanity: the
        // first run's speech tower against builtin-v3's text tower, where self-learning converged to a wrong map on
        // three seeds (P@1 0.006, 0.012, 0.005 with CSLS) ...
        assertFalse(Verdict.clearlyCloser(0.701, 0.676));
        assertFalse(Verdict.clearlyCloser(0.698, 0.676));
        assertFalse(Verdict.clearlyCloser(0.696, 0.676));
        // ... and against builtin-v2's phase-2 text tower, where it found the map (P@1 0.724, Procrustes 0.725)
        assertTrue(Verdict.clearlyCloser(0.844, 0.725));
        // translations no closer than neighbours were never enough
        assertFalse(Verdict.clearlyCloser(0.629, 0.762));
    }

    /** Planted decoys ({@link PlantedTruth#twins}): 800 items in 400 twin pairs, with the planted truth's dimension and noise. */
    static final int TWIN_PAIRS = 400;
    static final long TWIN_SEED = 7;

    static PlantedTruth twins(double twinShift) {
        return PlantedTruth.twins(TWIN_PAIRS, PlantedTruthTest.D, twinShift, PlantedTruthTest.NOISE, TWIN_SEED);
    }

    /** A map after the aligners' last two steps, and its verdict. */
    record Judged(double[] w, Verdict.Outcome verdict) {
        double neighbours() {
            return (double) verdict.report().get("target_neighbour_cosine");
        }

        /** How far translations clear the neighbours' cosine, as a share of the room above it. */
        double margin() {
            return (verdict.criterion() - neighbours()) / (1 - neighbours());
        }

        String numbers() {
            return String.format(java.util.Locale.ROOT, "criterion %.4f, neighbours %.4f, needs %.4f, margin %.3f of the room; %s",
                    verdict.criterion(), neighbours(), Verdict.itemLevelNeeds(neighbours()), margin(), verdict.report());
        }
    }

    /**
     * What self-learning and adversarial training do once they have a map: Procrustes refinement over mutual CSLS
     * neighbours, then the verdict, with self-learning's default settings.
     */
    static Judged refineAndJudge(AlignmentInput in, double[] w0) {
        SelfLearningOptions o = SelfLearningOptions.defaults(1);
        double[] w = Refinement.run(in, w0, o.refinementIterations(), o.cslsK(), 15000, 2, ProgressListener.NONE,
                Cancellation.NONE).w();
        return new Judged(w, Verdict.judge(in, w, 10000, 15000, o.cslsK(), o.minGain(), o.minZ(), o.seed(), 2, Cancellation.NONE));
    }

    /**
     * Every rule but the item-level one passes, so that rule alone decides the verdict: the criterion beats
     * random rotations (else the sentence would say so), the spaces spread alike and the map generalises.
     */
    static void onlyTheMarginCanDecide(AlignmentInput in, Judged j) {
        Map<String, Object> r = j.verdict().report();
        assertFalse(j.verdict().sentence().contains("not clearly above"), j.numbers());
        double ex = (double) r.get("source_effective_dim"), ey = (double) r.get("target_effective_dim");
        assertTrue(Math.max(ex, ey) / Math.min(ex, ey) <= Verdict.MAX_EFFECTIVE_DIM_RATIO, j.numbers());
        assertTrue((double) r.get("held_out_agreement") >= Math.max(Verdict.MIN_HELD_OUT, 10.0 / in.ny()), j.numbers());
    }

    @Test
    void aSelfConsistentWrongMapThatBeatsNeighboursByAHairFails() {
        // twins shifted by 1.2 (std over the row, items being unit): the decoy sends items onto their twins'
        // targets, whose own neighbours lie about as close; it is a rotation, so its dictionary is coherent and
        // refinement keeps it. Measured: criterion 0.646 against 0.641 between neighbouring targets (needs 0.695,
        // margin 1.6% of the room), P@1 0.006, twin found for 58%, held-out agreement 0.89; cf. the speech tower
        // against builtin-v3's text tower: 0.685 against 0.677, P@1 0.03, held-out agreement 0.69
        PlantedTruth p = twins(1.2);
        Judged j = refineAndJudge(p.input, p.decoy);
        double p1 = p.evaluate(j.w(), RetrievalMethod.CSLS).pAt1(), twin = p.evaluateAgainstTwins(j.w(), RetrievalMethod.CSLS).pAt1();
        assertTrue(p1 < 0.02, "the decoy is wrong: P@1 " + p1);
        assertTrue(twin > 0.5, "refinement keeps the decoy, which finds twins: " + twin + "; " + j.numbers());
        onlyTheMarginCanDecide(p.input, j);
        assertFalse(j.verdict().success(), j.verdict().sentence() + "; " + j.numbers());
        assertTrue(j.verdict().sentence().startsWith("FAILED to find an item-level mapping"), j.verdict().sentence());
        // it clears the neighbours (the rule before the margin), by a hair as the measured ones did (2.5-7%)
        assertTrue(j.verdict().criterion() > j.neighbours() && j.margin() < 0.05, j.numbers());
    }

    @Test
    void theTrueMapOfTheSameSpacesClearsTheMarginAndIsFound() {
        // measured: criterion 0.943 against 0.641 (needs 0.695, margin 84% of the room), P@1 0.998
        PlantedTruth p = twins(1.2);
        Judged j = refineAndJudge(p.input, p.rotation);
        double p1 = p.evaluate(j.w(), RetrievalMethod.CSLS).pAt1();
        assertTrue(p1 > 0.95, "the true map: P@1 " + p1);
        assertTrue(j.margin() > 3 * Verdict.MIN_ITEM_MARGIN, j.numbers());
        assertTrue(j.verdict().success(), j.verdict().sentence() + "; " + j.numbers());
    }

    @Test
    void justEitherSideOfTheMarginTheMarginDecides() {
        // the same decoy with twins a little closer (shift 0.92) or a little further apart (0.94): P@1 about 0,
        // the dictionary as coherent, every other rule passing; only the margin moves, from just above 15% of the
        // room (criterion 0.708 against 0.652, needs 0.705: 15.9%) to just below (0.702 against 0.651, needs 0.704:
        // 14.6%). The verdict cannot know that a map clearing the margin is a decoy (with twins 0 apart it is as
        // good as the truth): the margin alone decides, and it is the threshold that does
        PlantedTruth closer = twins(0.92), further = twins(0.94);
        Judged above = refineAndJudge(closer.input, closer.decoy), below = refineAndJudge(further.input, further.decoy);
        double p1Above = closer.evaluate(above.w(), RetrievalMethod.CSLS).pAt1(), p1Below = further.evaluate(below.w(), RetrievalMethod.CSLS).pAt1();
        assertTrue(p1Above < 0.02 && p1Below < 0.02, "decoys: P@1 " + p1Above + " and " + p1Below);
        onlyTheMarginCanDecide(closer.input, above);
        onlyTheMarginCanDecide(further.input, below);
        assertTrue(above.verdict().success(), above.verdict().sentence() + "; " + above.numbers());
        assertFalse(below.verdict().success(), below.verdict().sentence() + "; " + below.numbers());
        assertTrue(below.verdict().sentence().startsWith("FAILED to find an item-level mapping"), below.verdict().sentence());
        // within 2 points of the room either side of it
        assertTrue(above.margin() >= Verdict.MIN_ITEM_MARGIN && above.margin() < Verdict.MIN_ITEM_MARGIN + 0.02,
                "just above the margin: " + above.numbers());
        assertTrue(below.margin() < Verdict.MIN_ITEM_MARGIN && below.margin() > Verdict.MIN_ITEM_MARGIN - 0.02,
                "just below the margin: " + below.numbers());
    }
}
