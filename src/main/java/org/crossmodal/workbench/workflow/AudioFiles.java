package org.crossmodal.workbench.workflow;

import java.nio.file.Path;

import org.crossmodal.workbench.audio.AudioLoader;
import org.crossmodal.workbench.audio.Resampler;
import org.crossmodal.workbench.audio.SilenceTrimmer;

/** The standard {@link AudioInput}: decode (WAV, AIFF, FLAC, MP3, Ogg), mix to mono, trim silence if asked, resample. */
public final class AudioFiles implements AudioInput {
    private final AudioLoader loader;
    private final SilenceTrimmer trimmer;

    public AudioFiles(AudioLoader loader, SilenceTrimmer trimmer) {
        this.loader = loader;
        this.trimmer = trimmer;
    }

    public static AudioFiles standard() {
        return new AudioFiles(new AudioLoader(), new SilenceTrimmer());
    }

    @Override
    public String settings() {
        return "resampler=" + Resampler.DEFAULT.options() + ";trimmer=" + trimmer.options();
    }

    @Override
    public float[] load(Path file, int sampleRate, boolean trimSilence) {
        return loader.loadForModel(file, sampleRate, trimSilence ? trimmer : null);
    }
}
