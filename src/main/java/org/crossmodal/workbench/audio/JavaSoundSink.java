package org.crossmodal.workbench.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.WorkbenchException;

/** Plays through the default output device with {@code javax.sound.sampled}, as 16-bit PCM. */
public final class JavaSoundSink implements AudioSink {
    /** An open playback line: the part of {@link SourceDataLine} playback needs. */
    public interface Playback extends AutoCloseable {
        int write(byte[] buffer, int offset, int length);

        /** Waits until written audio has played (not called after a stop). */
        void drain();

        @Override
        void close();
    }

    @FunctionalInterface
    public interface PlaybackOpener {
        Playback open(AudioFormat format) throws LineUnavailableException;
    }

    private final PlaybackOpener opener;

    public JavaSoundSink() {
        this(JavaSoundSink::openDefault);
    }

    public JavaSoundSink(PlaybackOpener opener) {
        this.opener = opener;
    }

    @Override
    public void play(Audio audio, Cancellation stop) {
        AudioFormat fmt = new AudioFormat(audio.sampleRate(), 16, audio.channels(), true, false);
        Playback line;
        try {
            line = opener.open(fmt);
        } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
            throw new WorkbenchException("No audio output device was found (or it is in use): cannot play "
                    + audio.sampleRate() + " Hz audio (" + e.getMessage() + "). Connect speakers or headphones and"
                    + " check the system's sound settings.", e);
        }
        float[] s = audio.samples();
        byte[] buf = new byte[8192 * audio.channels()];
        try (line) {
            int i = 0;
            while (i < s.length && !stop.isCancelled()) {
                int n = Math.min(buf.length / 2, s.length - i);
                for (int k = 0; k < n; k++) {
                    float v = Math.max(-1f, Math.min(1f, s[i + k]));
                    int q = Math.round(v * 32767f);
                    buf[2 * k] = (byte) q;
                    buf[2 * k + 1] = (byte) (q >> 8);
                }
                int off = 0;
                while (off < n * 2 && !stop.isCancelled()) off += Math.max(0, line.write(buf, off, n * 2 - off));
                i += n;
            }
            if (!stop.isCancelled()) line.drain();
        }
    }

    private static Playback openDefault(AudioFormat fmt) throws LineUnavailableException {
        SourceDataLine line = AudioSystem.getSourceDataLine(fmt);
        line.open(fmt);
        line.start();
        return new Playback() {
            @Override
            public int write(byte[] buffer, int offset, int length) {
                return line.write(buffer, offset, length);
            }

            @Override
            public void drain() {
                line.drain();
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }
}
