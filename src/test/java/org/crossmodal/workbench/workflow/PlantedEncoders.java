package org.crossmodal.workbench.workflow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;

/**
 * A stand-in for the model registry in tests: one speech and one text model, each encoding input by input with a
 * planted function, whatever name is asked for. The speech encoder takes 16 kHz and counts its calls; neither
 * encoder reports progress or checks the cancel. The static parts build providers that offer more models.
 */
public class PlantedEncoders implements EncoderProvider {
    /** How many times a speech encoder of this provider was asked to encode (a batch is one call). */
    public final AtomicInteger speechCalls = new AtomicInteger();
    private final String origin;
    private final EncoderInfo speech, text;
    private final Function<float[], float[]> speechVector;
    private final Function<String, float[]> textVector;

    /**
     * @param origin       where {@link #available()} says the models come from ("builtin", "test")
     * @param speechVector the vector of one waveform
     * @param textVector   the vector of one text
     */
    public PlantedEncoders(String origin, EncoderInfo speech, Function<float[], float[]> speechVector, EncoderInfo text,
                           Function<String, float[]> textVector) {
        this.origin = origin;
        this.speech = speech;
        this.text = text;
        this.speechVector = speechVector;
        this.textVector = textVector;
    }

    /** A planted model's info: no folder and no provenance. */
    public static EncoderInfo info(String name, Modality modality, int dim, String sharedSpace, String sha256, boolean builtIn) {
        return new EncoderInfo(name, modality, dim, sharedSpace, sha256, null, builtIn, Map.of());
    }

    /** How {@link #available()} lists a model: usable, no folder, the default exactly when it is built in. */
    public static ModelSummary summary(EncoderInfo info, String origin) {
        return new ModelSummary(info.name(), info.modality(), origin, null, info.builtIn(), info.dimension(), info.sharedSpace(),
                null, Map.of());
    }

    /** A 16 kHz speech encoder giving {@code vector} of each waveform; {@code onCall} runs once per encode call. */
    public static SpeechEncoder speechEncoder(EncoderInfo info, Function<float[], float[]> vector, Runnable onCall) {
        return new SpeechEncoder() {
            @Override public int sampleRate() { return 16_000; }
            @Override public EncoderInfo info() { return info; }
            @Override public float[][] encode(List<float[]> in, ProgressListener p, Cancellation c) {
                onCall.run();
                float[][] out = new float[in.size()][];
                for (int i = 0; i < in.size(); i++) out[i] = vector.apply(in.get(i));
                return out;
            }
            @Override public void close() { }
        };
    }

    /** A text encoder giving {@code vector} of each text. */
    public static TextEncoder textEncoder(EncoderInfo info, Function<String, float[]> vector) {
        return new TextEncoder() {
            @Override public EncoderInfo info() { return info; }
            @Override public float[][] encode(List<String> in, ProgressListener p, Cancellation c) {
                float[][] out = new float[in.size()][];
                for (int i = 0; i < in.size(); i++) out[i] = vector.apply(in.get(i));
                return out;
            }
            @Override public void close() { }
        };
    }

    /** A random unit vector of {@code dim} Gaussian coordinates, fixed by the seed. */
    public static float[] unitVector(long seed, int dim) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }

    @Override
    public List<ModelSummary> available() {
        return List.of(summary(speech, origin), summary(text, origin));
    }

    @Override
    public SpeechEncoder openSpeech(String nameOrFolder, int threads) {
        return speechEncoder(speech, speechVector, speechCalls::incrementAndGet);
    }

    @Override
    public TextEncoder openText(String nameOrFolder, String speechModel, int threads) {
        return textEncoder(text, textVector);
    }
}
