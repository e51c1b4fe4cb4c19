package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

/** Recording in the background with level blocks, stopping on request, playback refusals and trimming. */
class AudioDevicesTest {

    /** A "microphone" that delivers 50 ms blocks of a tone until stopped. */
    private static AudioDevices.SourceFactory tone() {
        return (rate, blocks) -> (maxSeconds, stop, progress) -> {
            List<float[]> got = new ArrayList<>();
            int n = 0;
            while (!stop.isCancelled() && n < rate * maxSeconds) {
                float[] b = new float[rate / 20];
                for (int i = 0; i < b.length; i++) b[i] = (float) (0.4 * Math.sin(2 * Math.PI * 300 * (n + i) / rate));
                blocks.accept(b);
                got.add(b);
                n += b.length;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    break;
                }
            }
            float[] all = new float[n];
            int o = 0;
            for (float[] b : got) {
                System.arraycopy(b, 0, all, o, b.length);
                o += b.length;
            }
            return new Audio(all, rate, 1, "test");
        };
    }

    @Test
    void recordsUntilStoppedAndHandsOutEveryBlock() throws Exception {
        List<float[]> blocks = new CopyOnWriteArrayList<>();
        AudioDevices d = new AudioDevices(tone(), (audio, stop) -> { }, null, null);
        AudioDevices.Recording r = d.record(16_000, blocks::add);
        while (blocks.size() < 4) Thread.sleep(5);
        float[] s = r.stop();
        assertEquals(16_000, r.sampleRate());
        int total = blocks.stream().mapToInt(b -> b.length).sum();
        assertEquals(total, s.length, "every recorded sample went through the block listener");
        float peak = 0;
        for (float v : s) peak = Math.max(peak, Math.abs(v));
        assertEquals(0.4f, peak, 0.01f);
    }

    @Test
    void missingDevicesAreExplained() {
        AudioDevices d = new AudioDevices(tone(), (audio, stop) -> { }, "no audio input device was found",
                "no audio output device was found");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> d.record(16_000, b -> { }));
        assertTrue(e.getMessage().contains("no audio input device"));
        e = assertThrows(WorkbenchException.class, () -> d.play(new float[10], 16_000));
        assertTrue(e.getMessage().contains("no audio output device"));
    }

    @Test
    void aFailingMicrophoneReportsWhenStopped() {
        AudioDevices d = new AudioDevices((rate, blocks) -> (max, stop, progress) -> {
            throw new WorkbenchException("No microphone was found (or it is in use).");
        }, (audio, stop) -> { }, null, null);
        AudioDevices.Recording r = d.record(16_000, b -> { });
        WorkbenchException e = assertThrows(WorkbenchException.class, r::stop);
        assertTrue(e.getMessage().startsWith("No microphone"));
    }

    @Test
    void trimmingCutsSilenceAndRefusesAnAllSilentRecording() {
        float[] s = new float[16_000];
        for (int i = 6000; i < 10_000; i++) s[i] = (float) (0.5 * Math.sin(i * 0.2));
        float[] t = AudioDevices.trimSilence(s, 16_000);
        assertTrue(t.length < 6000 && t.length >= 4000, "the tone and a little padding are kept: " + t.length);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> AudioDevices.trimSilence(new float[16_000], 16_000));
        assertTrue(e.getMessage().contains("all silence"));
    }
}
