package org.crossmodal.workbench.workflow;

import org.crossmodal.workbench.session.Session;

/** Test sessions for other packages' tests. */
public final class AlignmentWorkflowTestData {
    private AlignmentWorkflowTestData() { }

    public static Session session(int words, int distractors, int d, int extraDims, long seed) {
        return AlignmentWorkflowTest.session(words, distractors, d, extraDims, seed);
    }
}
