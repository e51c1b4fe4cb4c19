package org.crossmodal.workbench.encoder;

/**
 * How to run an encoder.
 *
 * @param threads   ONNX Runtime intra-op threads; 0 = the model's suggestion, else the available processors
 * @param batchSize inputs per model call
 */
public record EncoderOptions(int threads, int batchSize) {
    public EncoderOptions {
        if (threads < 0 || threads > 1024) throw new IllegalArgumentException("threads must be in [0, 1024], got " + threads);
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batchSize must be in [1, 4096], got " + batchSize);
        }
    }

    public static EncoderOptions defaults() {
        return new EncoderOptions(0, 32);
    }

    /** The thread count to use for a model that suggests {@code suggested} (0 = no suggestion). */
    public int resolveThreads(int suggested) {
        if (threads > 0) return threads;
        if (suggested > 0) return suggested;
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
