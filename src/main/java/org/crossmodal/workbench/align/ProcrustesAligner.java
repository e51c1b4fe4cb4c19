package org.crossmodal.workbench.align;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/** Orthogonal Procrustes from a seed dictionary of (source row, target row) pairs, optionally refined. */
public final class ProcrustesAligner implements Aligner {
    private final ProcrustesOptions options;
    private final int[] xRows;
    private final int[] yRows;

    public ProcrustesAligner(ProcrustesOptions options, int[] xRows, int[] yRows) {
        this.options = Objects.requireNonNull(options);
        if (xRows.length != yRows.length) throw new IllegalArgumentException("dictionary sides differ in length");
        if (xRows.length == 0) {
            throw new WorkbenchException("The seed dictionary is empty: no speech label has a text item with the same "
                    + "label. Give a dictionary TSV (speech label, text label per line) or use an unsupervised method.");
        }
        this.xRows = xRows.clone();
        this.yRows = yRows.clone();
    }

    @Override
    public String name() {
        return "procrustes";
    }

    @Override
    public boolean unsupervised() {
        return false;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>(options.asMap());
        m.put("dictionary_pairs", xRows.length);
        return m;
    }

    @Override
    public AlignmentResult align(AlignmentInput in, ProgressListener progress, Cancellation cancel) {
        for (int p = 0; p < xRows.length; p++) {
            if (xRows[p] < 0 || xRows[p] >= in.nx() || yRows[p] < 0 || yRows[p] >= in.ny()) {
                throw new IllegalArgumentException("dictionary pair " + p + " is out of range");
            }
        }
        progress.update("procrustes", 0, 1);
        double[] w = AlignMath.procrustes(in.x(), in.y(), in.d(), xRows, yRows);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dictionary_pairs", xRows.length);
        if (options.refinementIterations() > 0) {
            Refinement.Outcome r = Refinement.run(in, w, options.refinementIterations(), options.cslsK(), options.maxRank(),
                    options.threadCount(), progress, cancel);
            w = r.w();
            report.put("refinement_dictionary_sizes", r.dictionarySizes());
        }
        progress.update("procrustes", 1, 1);
        return new AlignmentResult(name(), in.d(), w, true,
                "orthogonal Procrustes on " + xRows.length + " seed pairs"
                        + (options.refinementIterations() > 0 ? " with CSLS refinement" : ""), report);
    }
}
