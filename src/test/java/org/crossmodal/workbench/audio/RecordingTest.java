package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sound.sampled.LineUnavailableException;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

/** Recording and playback with injected lines, and the plain error where no device exists. */
class RecordingTest {
    /** A capture line that plays a planted 16-bit sine in chunks of awkward (odd) sizes. */
    static final class FakeCapture implements JavaSoundSource.Capture {
        final short[] signal;
        int pos; // in bytes
        boolean closed;
        int reads;
        final Cancellation stopAfter;
        final int stopAfterReads;

        FakeCapture(short[] signal, Cancellation stopAfter, int stopAfterReads) {
            this.signal = signal;
            this.stopAfter = stopAfter;
            this.stopAfterReads = stopAfterReads;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= signal.length * 2) return -1;
            int n = Math.min(len, Math.min(333, signal.length * 2 - pos));
            for (int k = 0; k < n; k++, pos++) {
                short s = signal[pos / 2];
                b[off + k] = (byte) (pos % 2 == 0 ? s : s >> 8);
            }
            if (++reads == stopAfterReads) stopAfter.cancel();
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static short[] sine16(int rate, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 440 * i / rate));
        return s;
    }

    @Test
    void recordsUntilTheLimit() {
        short[] sig = sine16(16000, 16000);
        FakeCapture cap = new FakeCapture(sig, new Cancellation(), -1);
        AtomicLong lastProgress = new AtomicLong();
        Audio a = new JavaSoundSource(16000, f -> {
            assertEquals(16000f, f.getSampleRate());
            assertEquals(16, f.getSampleSizeInBits());
            return cap;
        }).record(0.5, Cancellation.NONE, (stage, done, total) -> lastProgress.set(done));
        assertEquals(8000, a.samples().length);
        assertEquals(16000, a.sampleRate());
        for (int i = 0; i < 8000; i++) assertEquals(sig[i] / 32768f, a.samples()[i], 0f);
        assertTrue(cap.closed);
        assertEquals(500, lastProgress.get());
    }

    @Test
    void stopsWhenAsked() {
        Cancellation stop = new Cancellation();
        FakeCapture cap = new FakeCapture(sine16(16000, 16000), stop, 10);
        Audio a = new JavaSoundSource(16000, f -> cap).record(60, stop, ProgressListener.NONE);
        assertEquals(10 * 333 / 2, a.samples().length, 1);
        assertTrue(cap.closed);
    }

    @Test
    void endOfStreamEndsTheRecording() {
        FakeCapture cap = new FakeCapture(sine16(8000, 1234), new Cancellation(), -1);
        Audio a = new JavaSoundSource(8000, f -> cap).record(60, Cancellation.NONE, ProgressListener.NONE);
        assertEquals(1234, a.samples().length);
    }

    @Test
    void noMicrophoneGivesAPlainError() {
        for (Exception cause : new Exception[] {
                new IllegalArgumentException("No line matching interface TargetDataLine is supported."),
                new LineUnavailableException("busy")}) {
            JavaSoundSource src = new JavaSoundSource(16000, f -> {
                if (cause instanceof LineUnavailableException l) throw l;
                throw (IllegalArgumentException) cause;
            });
            WorkbenchException e = assertThrows(WorkbenchException.class,
                    () -> src.record(1, Cancellation.NONE, ProgressListener.NONE));
            assertTrue(e.getMessage().startsWith("No microphone was found"), e.getMessage());
        }
    }

    @Test
    void theRealDefaultDeviceRecordsOrSaysThereIsNone() {
        // on a machine without sound hardware this must be the plain error, never an IllegalArgumentException
        Cancellation stop = new Cancellation();
        stop.cancel();
        try {
            new JavaSoundSource(16000).record(0.05, stop, ProgressListener.NONE);
        } catch (WorkbenchException e) {
            assertTrue(e.getMessage().startsWith("No microphone was found")
                    || e.getMessage().startsWith("The recording is empty"), e.getMessage());
        }
    }

    @Test
    void playbackWritesTheClippedQuantisedSamples() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AtomicInteger drained = new AtomicInteger();
        JavaSoundSink sink = new JavaSoundSink(f -> new JavaSoundSink.Playback() {
            @Override
            public int write(byte[] b, int off, int len) {
                int n = Math.min(len, 1000); // partial writes
                written.write(b, off, n);
                return n;
            }

            @Override
            public void drain() {
                drained.incrementAndGet();
            }

            @Override
            public void close() {
            }
        });
        float[] x = new float[20000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.01) * 1.2f; // clips
        sink.play(new Audio(x, 16000, 2, "t"), Cancellation.NONE);
        byte[] b = written.toByteArray();
        assertEquals(40000, b.length);
        for (int i = 0; i < x.length; i++) {
            short s = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
            assertEquals(Math.round(Math.max(-1f, Math.min(1f, x[i])) * 32767f), s);
        }
        assertEquals(1, drained.get());
    }

    @Test
    void noSpeakersGivesAPlainError() {
        JavaSoundSink sink = new JavaSoundSink(f -> {
            throw new IllegalArgumentException("No line matching interface SourceDataLine is supported.");
        });
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> sink.play(new Audio(new float[10], 8000, 1, "t"), Cancellation.NONE));
        assertTrue(e.getMessage().startsWith("No audio output device was found"), e.getMessage());
    }
}
