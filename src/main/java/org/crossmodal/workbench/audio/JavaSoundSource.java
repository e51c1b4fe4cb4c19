package org.crossmodal.workbench.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/** Records from the default input device through {@code javax.sound.sampled}, as 16-bit mono PCM. */
public final class JavaSoundSource implements AudioSource {
    /** An open capture line: the part of {@link TargetDataLine} recording needs. */
    public interface Capture extends AutoCloseable {
        /** Blocks until some bytes are read; returns the count, or -1 at the end. */
        int read(byte[] buffer, int offset, int length);

        @Override
        void close();
    }

    /** Opens a capture line for a format. The default opens the system's default microphone. */
    @FunctionalInterface
    public interface CaptureOpener {
        Capture open(AudioFormat format) throws LineUnavailableException;
    }

    private final int sampleRate;
    private final CaptureOpener opener;

    public JavaSoundSource(int sampleRate) {
        this(sampleRate, JavaSoundSource::openDefault);
    }

    public JavaSoundSource(int sampleRate, CaptureOpener opener) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        this.sampleRate = sampleRate;
        this.opener = opener;
    }

    public static AudioFormat format(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    @Override
    public Audio record(double maxSeconds, Cancellation stop, ProgressListener progress) {
        if (!(maxSeconds > 0)) throw new IllegalArgumentException("maxSeconds must be positive, got " + maxSeconds);
        AudioFormat fmt = format(sampleRate);
        Capture line;
        try {
            line = opener.open(fmt);
        } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
            throw new WorkbenchException("No microphone was found (or it is in use): cannot record "
                    + sampleRate + " Hz 16-bit mono audio (" + e.getMessage() + "). Connect a microphone, check"
                    + " the system's sound settings, or load recordings from files instead.", e);
        }
        long maxFrames = (long) Math.floor(maxSeconds * sampleRate);
        AudioLoader.FloatCollector out = new AudioLoader.FloatCollector(1, sampleRate);
        long frames = 0;
        byte[] buf = new byte[Math.max(2, sampleRate / 20) * 2];
        int carry = 0;
        try (line) {
            while (frames < maxFrames && !stop.isCancelled()) {
                int want = (int) Math.min(buf.length - carry, (maxFrames - frames) * 2);
                int r = line.read(buf, carry, Math.max(want, 1));
                if (r < 0) break;
                int total = carry + r;
                int whole = total / 2;
                for (int i = 0; i < whole && frames < maxFrames; i++, frames++) {
                    out.add((short) ((buf[2 * i] & 0xFF) | (buf[2 * i + 1] << 8)) / 32768f);
                }
                carry = total - whole * 2;
                if (carry > 0) buf[0] = buf[whole * 2];
                progress.update("recording", frames * 1000 / sampleRate, (long) (maxSeconds * 1000));
            }
        }
        float[] samples = out.toArray();
        if (samples.length == 0) {
            throw new WorkbenchException("The recording is empty: no audio arrived from the microphone."
                    + " Check that it is connected and not muted.");
        }
        return new Audio(samples, sampleRate, 1, "microphone");
    }

    private static Capture openDefault(AudioFormat fmt) throws LineUnavailableException {
        TargetDataLine line = AudioSystem.getTargetDataLine(fmt);
        line.open(fmt);
        line.start();
        return new Capture() {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                return line.read(buffer, offset, length - length % fmt.getFrameSize());
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }
}
