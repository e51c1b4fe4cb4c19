package org.crossmodal.workbench.workflow;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.audio.AudioSink;
import org.crossmodal.workbench.audio.AudioSource;
import org.crossmodal.workbench.audio.JavaSoundSink;
import org.crossmodal.workbench.audio.JavaSoundSource;
import org.crossmodal.workbench.audio.SilenceTrimmer;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The microphone and speakers for an interactive session: recording in the background with every
 * block of samples handed to a listener (for a level meter and a waveform), stopping on request,
 * playback that returns at once, and silence trimming.
 */
public final class AudioDevices {
    /** Longest recording, in seconds. */
    public static final double MAX_SECONDS = 60;

    /** A recording in progress. */
    public interface Recording {
        /** Stops and returns the samples (mono, in [-1, 1]). */
        float[] stop();

        int sampleRate();
    }

    /** Opens a capture line for a format (the default opens the system's microphone). */
    public interface SourceFactory {
        AudioSource open(int sampleRate, Consumer<float[]> blocks);
    }

    private final SourceFactory sources;
    private final AudioSink sink;
    private final String inputProblem;
    private final String outputProblem;
    private final AtomicReference<Cancellation> playing = new AtomicReference<>();

    public AudioDevices(SourceFactory sources, AudioSink sink, String inputProblem, String outputProblem) {
        this.sources = sources;
        this.sink = sink;
        this.inputProblem = inputProblem;
        this.outputProblem = outputProblem;
    }

    /** The system's default microphone and speakers. */
    public static AudioDevices system() {
        return new AudioDevices(AudioDevices::microphone, new JavaSoundSink(), probe(TargetDataLine.class, "input"),
                probe(SourceDataLine.class, "output"));
    }

    private static String probe(Class<?> line, String what) {
        try {
            AudioFormat f = JavaSoundSource.format(16_000);
            if (AudioSystem.isLineSupported(new DataLine.Info(line, f))) return null;
            return "no audio " + what + " device was found (16 kHz 16-bit mono is not supported by any mixer)";
        } catch (RuntimeException | Error e) {
            return "the sound system is not available (" + e.getMessage() + ")";
        }
    }

    /** A microphone source that also hands every block it reads to {@code blocks}. */
    private static AudioSource microphone(int rate, Consumer<float[]> blocks) {
        return new JavaSoundSource(rate, fmt -> {
            TargetDataLine line = AudioSystem.getTargetDataLine(fmt);
            line.open(fmt);
            line.start();
            return new JavaSoundSource.Capture() {
                @Override
                public int read(byte[] buffer, int offset, int length) {
                    int r = line.read(buffer, offset, length - length % fmt.getFrameSize());
                    if (r > 1) {
                        float[] b = new float[r / 2];
                        for (int i = 0; i < b.length; i++) {
                            b[i] = (short) ((buffer[offset + 2 * i] & 0xFF) | (buffer[offset + 2 * i + 1] << 8)) / 32768f;
                        }
                        blocks.accept(b);
                    }
                    return r;
                }

                @Override
                public void close() {
                    line.stop();
                    line.close();
                }
            };
        });
    }

    /** Why nothing can be recorded, or null. */
    public String inputProblem() {
        return inputProblem;
    }

    /** Why nothing can be played, or null. */
    public String outputProblem() {
        return outputProblem;
    }

    /** Starts recording in the background; the error of a missing device comes from {@link Recording#stop}. */
    public Recording record(int sampleRate, Consumer<float[]> blocks) {
        if (inputProblem != null) throw new WorkbenchException("Cannot record: " + inputProblem + ".");
        Cancellation stop = new Cancellation();
        AtomicReference<Object> result = new AtomicReference<>();
        AudioSource source = sources.open(sampleRate, blocks);
        Thread t = new Thread(() -> {
            try {
                result.set(source.record(MAX_SECONDS, stop, ProgressListener.NONE));
            } catch (RuntimeException e) {
                result.set(e);
            }
        }, "audio-record");
        t.setDaemon(true);
        t.start();
        return new Recording() {
            @Override
            public float[] stop() {
                stop.cancel();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Object r = result.get();
                if (r instanceof RuntimeException e) throw e;
                if (r == null) throw new WorkbenchException("The microphone did not stop within 5 s; the recording is lost.");
                return ((Audio) r).toMono().samples();
            }

            @Override
            public int sampleRate() {
                return sampleRate;
            }
        };
    }

    /** Plays in the background, stopping what was playing. */
    public void play(float[] samples, int sampleRate) {
        if (outputProblem != null) throw new WorkbenchException("Cannot play: " + outputProblem + ".");
        Cancellation c = new Cancellation();
        Cancellation old = playing.getAndSet(c);
        if (old != null) old.cancel();
        Thread t = new Thread(() -> {
            try {
                sink.play(new Audio(samples, sampleRate, 1, "playback"), c);
            } catch (RuntimeException e) {
                // Playback has no one to report to once started; a missing device was checked above.
            }
        }, "audio-play");
        t.setDaemon(true);
        t.start();
    }

    /** The clip without leading and trailing silence; an all-silent clip is an error. */
    public static float[] trimSilence(float[] samples, int sampleRate) {
        int[] r = new SilenceTrimmer().soundRange(samples, sampleRate);
        if (r[1] <= r[0] || allQuiet(samples)) {
            throw new WorkbenchException("The recording is all silence: nothing is left after trimming. Record again, "
                    + "closer to the microphone, or check that it is not muted.");
        }
        float[] out = new float[r[1] - r[0]];
        System.arraycopy(samples, r[0], out, 0, out.length);
        return out;
    }

    private static boolean allQuiet(float[] s) {
        for (float v : s) if (Math.abs(v) > 1e-3f) return false;
        return true;
    }
}
