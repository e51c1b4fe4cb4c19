package org.crossmodal.workbench.workflow;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.session.EmbeddingCache;

/**
 * Deterministic stand-ins for models and audio decoding that count how many inputs they were given.
 * A "recording" is any file whose bytes are read as samples; a file starting with "BAD" fails to decode.
 */
public final class FakeEncoders implements EncoderProvider {
    public final AtomicInteger speechEncoded = new AtomicInteger();
    public final AtomicInteger textEncoded = new AtomicInteger();
    public final AtomicInteger decoded = new AtomicInteger();
    volatile Cancellation cancelAfterFirstBatch;

    static final EncoderInfo SPEECH = new EncoderInfo("fake-speech", Modality.SPEECH, 3, null,
            EmbeddingCache.digest("fake-speech"), null, true, Map.of("license", "test"));
    static final EncoderInfo TEXT = new EncoderInfo("fake-text", Modality.TEXT, 2, null,
            EmbeddingCache.digest("fake-text"), null, true, Map.of());

    @Override
    public List<ModelSummary> available() {
        return List.of(new ModelSummary("fake-speech", Modality.SPEECH, "builtin", null, true, 3, null, null, Map.of("license", "test")),
                new ModelSummary("fake-text", Modality.TEXT, "builtin", null, true, 2, null, null, Map.of()));
    }

    @Override
    public SpeechEncoder openSpeech(String nameOrFolder, int threads) {
        if (nameOrFolder != null && !nameOrFolder.equals("fake-speech")) {
            throw new WorkbenchException("No model named '" + nameOrFolder + "'.");
        }
        return new SpeechEncoder() {
            @Override public int sampleRate() { return 16000; }
            @Override public EncoderInfo info() { return SPEECH; }
            @Override public float[][] encode(List<float[]> inputs, ProgressListener progress, Cancellation cancel) {
                float[][] out = new float[inputs.size()][];
                for (int i = 0; i < inputs.size(); i++) {
                    cancel.check();
                    float[] w = inputs.get(i);
                    double s = 0;
                    for (float x : w) s += x;
                    out[i] = new float[] {(float) s, w.length, w[0]};
                    speechEncoded.incrementAndGet();
                    progress.update("fake", i + 1, inputs.size());
                }
                Cancellation c = cancelAfterFirstBatch;
                if (c != null) c.cancel();
                return out;
            }
            @Override public void close() { }
        };
    }

    @Override
    public TextEncoder openText(String nameOrFolder, String speechModel, int threads) {
        return new TextEncoder() {
            @Override public EncoderInfo info() { return TEXT; }
            @Override public float[][] encode(List<String> inputs, ProgressListener progress, Cancellation cancel) {
                float[][] out = new float[inputs.size()][];
                for (int i = 0; i < inputs.size(); i++) {
                    out[i] = new float[] {inputs.get(i).length(), inputs.get(i).hashCode()};
                    textEncoded.incrementAndGet();
                }
                return out;
            }
            @Override public void close() { }
        };
    }

    /** Reads a file's bytes as samples in [-1, 1]. */
    public final AudioInput audio = (file, rate, trim) -> {
        try {
            byte[] b = Files.readAllBytes(file);
            if (new String(b, 0, Math.min(3, b.length), StandardCharsets.ISO_8859_1).equals("BAD")) {
                throw new WorkbenchException("Audio file " + file + " is not audio (test).");
            }
            decoded.incrementAndGet();
            float[] w = new float[b.length];
            for (int i = 0; i < b.length; i++) w[i] = b[i] / 128f;
            return w;
        } catch (java.io.IOException e) {
            throw new WorkbenchException("cannot read " + file, e);
        }
    };
}
