package org.crossmodal.workbench.encoder;

import java.util.List;

import org.crossmodal.workbench.core.WorkbenchException;

/** Raw waveform input: float32 [batch, samples], zero-padded, with optional int64 [batch] lengths. */
public final class WaveformFeaturizer implements Featurizer<float[]> {
    private final String name;
    private final String lengthsName;

    public WaveformFeaturizer(String name, String lengthsName) {
        this.name = name;
        this.lengthsName = lengthsName;
    }

    @Override
    public Batch featurize(List<float[]> inputs) {
        int b = inputs.size();
        int max = 0;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = inputs.get(i).length;
            if (lengths[i] == 0) {
                throw new WorkbenchException("Speech input " + (i + 1) + " of the batch is empty (zero samples);"
                        + " there is nothing to encode.");
            }
            max = Math.max(max, lengths[i]);
        }
        if ((long) b * max > Integer.MAX_VALUE - 16) {
            throw new WorkbenchException("A batch of " + b + " clips of up to " + max + " samples is too large;"
                    + " use a smaller batch size.");
        }
        float[] data = new float[b * max];
        for (int i = 0; i < b; i++) System.arraycopy(inputs.get(i), 0, data, i * max, lengths[i]);
        return Batch.padded(OnnxModel.Feed.floats(name, new long[] {b, max}, data), lengthsName, lengths, max);
    }

    @Override
    public int sizeHint(float[] input) {
        return input.length;
    }
}
