package org.crossmodal.workbench.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.probe.Planted;
import org.crossmodal.workbench.session.Session;

/** A planted session and a probe workflow on planted models, for view and view-model tests. */
public final class ProbeFixtures {
    private ProbeFixtures() { }

    /** Twelve words spoken by two speakers, all in the text space, with model provenance. */
    public static Session session() {
        return ProbeWorkflowTest.session(ProbeWorkflowTest.WORDS.size(), true);
    }

    /**
     * A workflow whose text model is a hash of the string; each text encoding sleeps {@code delayMillis} (to give a
     * test time to cancel). {@code encoded} counts the texts encoded.
     */
    public static ProbeWorkflow workflow(long delayMillis, AtomicLong encoded) {
        ProbeWorkflow.Models models = new ProbeWorkflow.Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                return new Planted.ProjectionSpeech(2000, 5) {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("planted-speech", Modality.SPEECH, Planted.DIM, "planted", ProbeWorkflowTest.SHA,
                                null, false, Map.of());
                    }
                };
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                Planted.FnText t = new Planted.FnText("planted-text", s -> Planted.hashVector(s, Planted.DIM)) {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("planted-text", Modality.TEXT, Planted.DIM, "planted", ProbeWorkflowTest.SHA,
                                null, false, Map.of());
                    }
                };
                t.afterEach = () -> {
                    encoded.incrementAndGet();
                    if (delayMillis > 0) {
                        try {
                            Thread.sleep(delayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
                return t;
            }
        };
        return new ProbeWorkflow(models, (file, rate, trim) -> {
            throw new org.crossmodal.workbench.core.WorkbenchException("no audio in this fixture: " + file);
        });
    }

    /**
     * The planted tone voice ({@link Planted#TONE_WORDS}) as a session: a speech item per word, speaker "tone", whose
     * audio file audio/WORD.wav is created (empty) under {@code dir} for the workflow to find; the text items of the
     * eight words; one shared space, with model provenance. Open it with {@link #toneWorkflow}.
     */
    public static Session toneSession(Path dir, double voice) {
        Session s = new Session();
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> sv = new ArrayList<>(), tv = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("audio"));
            for (int k = 0; k < Planted.TONE_WORDS.size(); k++) {
                String w = Planted.TONE_WORDS.get(k);
                Files.write(dir.resolve("audio/" + w + ".wav"), new byte[0]);
                s.addItem(new Item("speech:" + w, Modality.SPEECH, w, "audio/" + w + ".wav", "tone"));
                sid.add("speech:" + w);
                sv.add(Planted.angleVector(Planted.toneAngle(Planted.toneHz(k) * voice)));
                s.addItem(new Item("text:" + w, Modality.TEXT, w, null, null));
                tid.add("text:" + w);
                tv.add(Planted.toneText(w));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withToneSpaces(s, sid, sv, tid, tv);
    }

    /**
     * The planted tone voice spoken by several speakers: for each speaker (in the map's order) a speech item per word
     * of {@link Planted#TONE_WORDS}, id "speech:SPEAKER/WORD", whose audio file audio/SPEAKER/WORD.wav is created
     * (empty) under {@code dir}; the map gives each speaker's voice, as a factor on the planted tone (1: the voice the
     * planted encoder knows, 1.25: every frequency 1.25 times higher). The speech vectors are those the voice gives.
     * Open it with {@link #toneWorkflow(Map)}.
     */
    public static Session toneSession(Path dir, Map<String, Double> voices) {
        Session s = new Session();
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> sv = new ArrayList<>(), tv = new ArrayList<>();
        try {
            for (var v : voices.entrySet()) {
                Files.createDirectories(dir.resolve("audio/" + v.getKey()));
                for (int k = 0; k < Planted.TONE_WORDS.size(); k++) {
                    String w = Planted.TONE_WORDS.get(k), id = "speech:" + v.getKey() + "/" + w;
                    String file = "audio/" + v.getKey() + "/" + w + ".wav";
                    Files.write(dir.resolve(file), new byte[0]);
                    s.addItem(new Item(id, Modality.SPEECH, w, file, v.getKey()));
                    sid.add(id);
                    sv.add(Planted.angleVector(Planted.toneAngle(Planted.toneHz(k) * v.getValue())));
                }
            }
            for (String w : Planted.TONE_WORDS) {
                s.addItem(new Item("text:" + w, Modality.TEXT, w, null, null));
                tid.add("text:" + w);
                tv.add(Planted.toneText(w));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withToneSpaces(s, sid, sv, tid, tv);
    }

    /** Puts the planted tone spaces of the given speech and text items into {@code s}, and returns it. */
    private static Session withToneSpaces(Session s, List<String> sid, List<float[]> sv, List<String> tid, List<float[]> tv) {
        s.putSpace(EmbeddingSet.ofRows("speech:tone", Modality.SPEECH, sid, sv.toArray(new float[0][]), "planted",
                ProbeWorkflowTest.prov(true, "tone-speech")));
        s.putSpace(EmbeddingSet.ofRows("text:tone", Modality.TEXT, tid, tv.toArray(new float[0][]), "planted",
                ProbeWorkflowTest.prov(true, "tone-text")));
        return s;
    }

    /** The two speakers of the per-speaker tests: "tone", the voice the planted encoder knows, and "tone-high", 1.25 times higher. */
    public static Map<String, Double> twoVoices() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("tone", 1.0);
        m.put("tone-high", 1.25);
        return m;
    }

    /**
     * A workflow on the tone voices of {@link #toneSession(Path, Map)}: as {@link #toneWorkflow(double)}, but the audio
     * of audio/SPEAKER/WORD.wav is the word's tone times the speaker's voice.
     */
    public static ProbeWorkflow toneWorkflow(Map<String, Double> voices) {
        return toneWorkflow(file -> {
            String speaker = file.getParent() == null ? "" : file.getParent().getFileName().toString();
            Double v = voices.get(speaker);
            if (v == null) throw new WorkbenchException("not a speaker of the tone voices: " + file);
            return v;
        });
    }

    /**
     * A workflow on the tone voice: the speech model is {@link Planted.ToneSpeech}, the text model
     * {@link Planted#toneText}, and the audio of WORD.wav is 0.25 s of word's tone times {@code voice}.
     */
    public static ProbeWorkflow toneWorkflow(double voice) {
        return toneWorkflow(file -> voice);
    }

    private static ProbeWorkflow toneWorkflow(java.util.function.ToDoubleFunction<Path> voice) {
        ProbeWorkflow.Models models = new ProbeWorkflow.Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                return new Planted.ToneSpeech() {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("tone-speech", Modality.SPEECH, Planted.DIM, "planted", ProbeWorkflowTest.SHA,
                                null, false, Map.of());
                    }
                };
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                return new Planted.FnText("tone-text", Planted::toneText) {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("tone-text", Modality.TEXT, Planted.DIM, "planted", ProbeWorkflowTest.SHA, null,
                                false, Map.of());
                    }
                };
            }
        };
        return new ProbeWorkflow(models, (file, rate, trim) -> {
            String w = file.getFileName().toString().replace(".wav", "");
            int k = Planted.TONE_WORDS.indexOf(w);
            if (k < 0) throw new WorkbenchException("not a word of the tone voice: " + file);
            return Planted.tone(Planted.toneHz(k) * voice.applyAsDouble(file), 4000);
        });
    }
}
