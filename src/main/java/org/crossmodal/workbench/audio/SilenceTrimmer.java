package org.crossmodal.workbench.audio;

/**
 * Cuts leading and trailing silence from a mono signal. A frame counts as sound when its RMS level is within
 * {@code relativeDb} of the loudest frame and above {@code floorDb} dBFS; {@code padMillis} of audio is kept
 * on each side of the first and last sounding frame. A clip with no sounding frame is returned unchanged.
 */
public final class SilenceTrimmer {
    /**
     * @param relativeDb threshold below the loudest frame, in dB (negative, e.g. -40)
     * @param floorDb    absolute threshold in dBFS (negative, e.g. -60)
     * @param frameMillis analysis frame length
     * @param padMillis  audio kept before the first and after the last sounding frame
     */
    public record Options(double relativeDb, double floorDb, double frameMillis, double padMillis) {
        public Options {
            if (!(relativeDb < 0)) throw new IllegalArgumentException("relativeDb must be negative, got " + relativeDb);
            if (!(floorDb < 0)) throw new IllegalArgumentException("floorDb must be negative, got " + floorDb);
            if (!(frameMillis > 0 && frameMillis <= 1000)) {
                throw new IllegalArgumentException("frameMillis must be in (0, 1000], got " + frameMillis);
            }
            if (!(padMillis >= 0 && padMillis <= 10_000)) {
                throw new IllegalArgumentException("padMillis must be in [0, 10000], got " + padMillis);
            }
        }

        public static Options defaults() {
            return new Options(-40, -60, 10, 50);
        }
    }

    private final Options options;

    public SilenceTrimmer(Options options) {
        this.options = options;
    }

    public SilenceTrimmer() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    /** Trims a mono clip (channels are mixed down first). */
    public Audio trim(Audio audio) {
        Audio mono = audio.toMono();
        int[] range = soundRange(mono.samples(), mono.sampleRate());
        if (range[0] == 0 && range[1] == mono.samples().length) return mono;
        float[] out = new float[range[1] - range[0]];
        System.arraycopy(mono.samples(), range[0], out, 0, out.length);
        return new Audio(out, mono.sampleRate(), 1, mono.source());
    }

    /** [start, end) of the kept part of a mono signal. */
    public int[] soundRange(float[] x, int sampleRate) {
        int frame = Math.max(1, (int) Math.round(options.frameMillis() * sampleRate / 1000.0));
        int frames = (x.length + frame - 1) / frame;
        if (frames == 0) return new int[] {0, 0};
        double[] db = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            int a = f * frame, b = Math.min(x.length, a + frame);
            double e = 0;
            for (int i = a; i < b; i++) e += (double) x[i] * x[i];
            double rms = Math.sqrt(e / (b - a));
            db[f] = rms > 0 ? 20 * Math.log10(rms) : Double.NEGATIVE_INFINITY;
            max = Math.max(max, db[f]);
        }
        double threshold = Math.max(options.floorDb(), max + options.relativeDb());
        int first = -1, last = -1;
        for (int f = 0; f < frames; f++) {
            if (db[f] >= threshold) {
                if (first < 0) first = f;
                last = f;
            }
        }
        if (first < 0) return new int[] {0, x.length};
        int pad = (int) Math.round(options.padMillis() * sampleRate / 1000.0);
        int start = Math.max(0, first * frame - pad);
        int end = Math.min(x.length, (last + 1) * frame + pad);
        return new int[] {start, end};
    }
}
