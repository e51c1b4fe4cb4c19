package org.crossmodal.workbench.gui;

import java.util.Arrays;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.crossmodal.workbench.gui.task.TaskExecutor;

/**
 * The recorder: record with a live level and waveform, stop, trim silence, play back, add to the
 * session. Level and waveform are summaries for drawing (peak per block), published on the UI thread.
 */
public final class RecorderViewModel {
    public static final int RATE = 16_000;
    private static final int WAVE_COLUMNS = 400;

    public enum State { IDLE, RECORDING, RECORDED }

    private final WorkbenchViewModel main;
    private final TaskExecutor executor;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.IDLE);
    private final DoubleProperty level = new SimpleDoubleProperty(this, "level", 0);
    private final ObjectProperty<float[]> waveform = new SimpleObjectProperty<>(this, "waveform", new float[0]);
    private final StringProperty info = new SimpleStringProperty(this, "info", "");
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final BooleanProperty available = new SimpleBooleanProperty(this, "available", true);

    private AudioPort.Recording recording;
    private float[] samples = new float[0];
    private int rate = RATE;
    private final float[] recentPeaks = new float[WAVE_COLUMNS];
    private int peakCount;

    public RecorderViewModel(WorkbenchViewModel main) {
        this.main = main;
        this.executor = main.executor();
        String why = main.backend().audio().recordingUnavailableReason();
        available.set(why == null);
        info.set(why == null ? "Press Record and say a word." : "Recording is not possible: " + why);
    }

    public ObjectProperty<State> stateProperty() { return state; }
    /** Peak level of the last block, 0..1. */
    public DoubleProperty levelProperty() { return level; }
    /** Peaks (0..1) of the waveform, oldest first. */
    public ObjectProperty<float[]> waveformProperty() { return waveform; }
    public StringProperty infoProperty() { return info; }
    /** What the recording says (optional; typed by the user). */
    public StringProperty labelProperty() { return label; }
    public BooleanProperty availableProperty() { return available; }
    public float[] samples() { return samples; }

    public void record() {
        String why = main.backend().audio().recordingUnavailableReason();
        if (why != null) {
            available.set(false);
            info.set("Recording is not possible: " + why);
            main.error("Cannot record: " + why);
            return;
        }
        Arrays.fill(recentPeaks, 0);
        peakCount = 0;
        try {
            recording = main.backend().audio().startRecording(RATE, chunk -> {
                float peak = 0;
                for (float v : chunk) peak = Math.max(peak, Math.abs(v));
                float p = Math.min(1, peak);
                executor.runOnUi(() -> push(p));
            });
        } catch (RuntimeException e) {
            info.set("Recording is not possible: " + WorkbenchViewModel.message(e));
            main.error("Cannot record: " + WorkbenchViewModel.message(e));
            return;
        }
        state.set(State.RECORDING);
        info.set("Recording… press Stop when done.");
    }

    private void push(float peak) {
        level.set(peak);
        if (peakCount < WAVE_COLUMNS) {
            recentPeaks[peakCount++] = peak;
        } else {
            System.arraycopy(recentPeaks, 1, recentPeaks, 0, WAVE_COLUMNS - 1);
            recentPeaks[WAVE_COLUMNS - 1] = peak;
        }
        waveform.set(Arrays.copyOf(recentPeaks, peakCount));
    }

    public void stop() {
        if (recording == null) return;
        samples = recording.stop();
        rate = recording.sampleRate();
        recording = null;
        level.set(0);
        waveform.set(peaks(samples));
        state.set(State.RECORDED);
        info.set(String.format(java.util.Locale.ROOT, "%.2f s recorded.", samples.length / (double) rate));
    }

    /** Cuts leading and trailing silence; an all-silent recording is reported and kept as it is. */
    public void trim() {
        if (state.get() != State.RECORDED) return;
        try {
            float[] t = main.backend().trimSilence(samples, rate);
            double cut = (samples.length - t.length) / (double) rate;
            samples = t;
            waveform.set(peaks(samples));
            info.set(String.format(java.util.Locale.ROOT, "Trimmed %.2f s of silence; %.2f s left.", cut,
                    samples.length / (double) rate));
        } catch (RuntimeException e) {
            info.set(WorkbenchViewModel.message(e));
            main.error(WorkbenchViewModel.message(e));
        }
    }

    public void play() {
        if (state.get() != State.RECORDED) return;
        String why = main.backend().audio().playbackUnavailableReason();
        if (why != null) {
            info.set("Cannot play back: " + why);
            main.error("Cannot play back: " + why);
            return;
        }
        main.backend().audio().play(samples, rate);
    }

    /** Encodes the recording, places it on the map and selects it so its translations show. */
    public void addToSession() {
        if (state.get() != State.RECORDED) return;
        float[] s = samples;
        main.addRecording(s, rate, label.get() == null ? "" : label.get().strip(), () -> {
            state.set(State.IDLE);
            info.set("Added to the session; its neighbours are on the right.");
        });
    }

    static float[] peaks(float[] s) {
        int cols = Math.min(WAVE_COLUMNS, Math.max(1, s.length));
        float[] out = new float[s.length == 0 ? 0 : cols];
        for (int c = 0; c < out.length; c++) {
            int a = (int) ((long) c * s.length / cols), b = (int) ((long) (c + 1) * s.length / cols);
            float p = 0;
            for (int i = a; i < Math.max(b, a + 1) && i < s.length; i++) p = Math.max(p, Math.abs(s[i]));
            out[c] = Math.min(1, p);
        }
        return out;
    }
}
