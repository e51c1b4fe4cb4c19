package org.crossmodal.workbench.probe;

/**
 * The intelligibility of one recording against its intended text.
 *
 * @param rank            1 for the most intelligible recording of the run
 * @param itemId          the recording
 * @param intended        its intended text (transcript)
 * @param speaker         speaker or voice, or null
 * @param source          its audio file, or null
 * @param score           calibrated 0–1: the softmax probability of the intended text among the vocabulary
 * @param cosine          matched cosine of the recording and its intended text
 * @param intendedRank    rank of the intended text among the vocabulary by cosine (1 = the model's first choice)
 * @param bestOther       the best-scoring other vocabulary word
 * @param bestOtherCosine its cosine
 */
public record IntelligibilityRow(int rank, String itemId, String intended, String speaker, String source, double score,
                                 double cosine, int intendedRank, String bestOther, double bestOtherCosine) {
    /** cosine − bestOtherCosine: positive when the intended text wins. */
    public double margin() {
        return cosine - bestOtherCosine;
    }
}
