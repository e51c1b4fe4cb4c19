package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.session.EmbeddingCache;
import org.crossmodal.workbench.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice normalisation on a planted truth: "recordings" are pure tones, the speech "model" places a tone by its
 * frequency (a bump on a log-frequency axis), and word k's text vector is the bump of frequency F0 * RATIO^k. A
 * speaker whose tones are all 1.25 times too high must be lowered by 0.8, one whose tones are 1/1.1 too low raised
 * by 1.1, and a speaker whose tones are right left alone.
 */
class VoiceNormalisationTest {
    @TempDir Path dir;

    static final int RATE = 16000, BINS = 64;
    static final double F0 = 150, RATIO = 1.5, LOG_LO = Math.log(60), LOG_HI = Math.log(12000), WIDTH = 0.06;

    /** A unit bump centred on log(f) over BINS log-spaced bins. */
    static float[] bump(double f) {
        float[] v = new float[BINS];
        double c = Math.log(f), n = 0;
        for (int i = 0; i < BINS; i++) {
            double x = LOG_LO + (LOG_HI - LOG_LO) * i / (BINS - 1);
            v[i] = (float) Math.exp(-(x - c) * (x - c) / (2 * WIDTH * WIDTH));
            n += v[i] * v[i];
        }
        for (int i = 0; i < BINS; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }

    /** Frequency of a tone from its rising zero crossings. */
    static double frequency(float[] w) {
        int first = -1, last = -1, count = 0;
        for (int i = 1; i < w.length; i++) {
            if (w[i - 1] < 0 && w[i] >= 0) {
                if (first < 0) first = i;
                last = i;
                count++;
            }
        }
        return count < 2 ? 1 : (count - 1) * (double) RATE / (last - first);
    }

    final AtomicInteger encoded = new AtomicInteger();

    EncoderProvider tones(String speechSpace, String textSpace) {
        EncoderInfo speech = new EncoderInfo("tone-speech", Modality.SPEECH, BINS, speechSpace, EmbeddingCache.digest("tone-speech"), null, true, Map.of());
        EncoderInfo text = new EncoderInfo("tone-text", Modality.TEXT, BINS, textSpace, EmbeddingCache.digest("tone-text"), null, true, Map.of());
        return new EncoderProvider() {
            @Override public List<ModelSummary> available() { return List.of(); }
            @Override public SpeechEncoder openSpeech(String n, int t) {
                return new SpeechEncoder() {
                    @Override public int sampleRate() { return RATE; }
                    @Override public EncoderInfo info() { return speech; }
                    @Override public float[][] encode(List<float[]> in, ProgressListener p, Cancellation c) {
                        float[][] out = new float[in.size()][];
                        for (int i = 0; i < out.length; i++) out[i] = bump(frequency(in.get(i)));
                        encoded.addAndGet(in.size());
                        return out;
                    }
                    @Override public void close() { }
                };
            }
            @Override public TextEncoder openText(String n, String s, int t) {
                return new TextEncoder() {
                    @Override public EncoderInfo info() { return text; }
                    @Override public float[][] encode(List<String> in, ProgressListener p, Cancellation c) {
                        float[][] out = new float[in.size()][];
                        for (int i = 0; i < out.length; i++) out[i] = bump(F0 * Math.pow(RATIO, Integer.parseInt(in.get(i).substring(1))));
                        return out;
                    }
                    @Override public void close() { }
                };
            }
        };
    }

    /** A "file" holds the tone's frequency as text; decoding makes 0.4 s of it. */
    static final AudioInput TONE_FILES = (file, rate, trim) -> {
        try {
            return tone(Double.parseDouble(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new WorkbenchException("cannot read " + file, e);
        }
    };

    /** Speakers with their tone scale and number of recordings; words w0..w(n-1). */
    Path dataset(Map<String, double[]> speakers, int words) throws IOException {
        StringBuilder m = new StringBuilder("path\ttranscript\tspeaker\n");
        for (var e : speakers.entrySet()) {
            double scale = e.getValue()[0];
            int n = (int) e.getValue()[1];
            for (int i = 0; i < n; i++) {
                int k = i % words;
                Path f = dir.resolve(e.getKey() + "/" + i + ".tone");
                Files.createDirectories(f.getParent());
                Files.writeString(f, Double.toString(F0 * Math.pow(RATIO, k) * scale));
                m.append(e.getKey()).append('/').append(i).append(".tone\tw").append(k).append('\t').append(e.getKey()).append('\n');
            }
        }
        Path manifest = dir.resolve("manifest.tsv");
        Files.writeString(manifest, m);
        List<String> w = new ArrayList<>();
        for (int k = 0; k < words; k++) w.add("w" + k);
        Path wordsFile = dir.resolve("words.txt");
        Files.write(wordsFile, w);
        return manifest;
    }

    EmbedWorkflow.Options options(Path manifest) {
        return new EmbedWorkflow.Options(manifest, dir.resolve("words.txt"), null, null, 1, false, false, 16, true);
    }

    @Test
    void eachSpeakerGetsThePlantedFactorAndItsRecordingsMoveOntoTheirWords() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("right", new double[] {1.0, 60});
        speakers.put("high", new double[] {1.25, 60});
        speakers.put("low", new double[] {1 / 1.1, 60});
        speakers.put("few", new double[] {1.25, 5});
        Path manifest = dataset(speakers, 6);
        EmbedWorkflow.Result r = new EmbedWorkflow(tones("tones", "tones"), TONE_FILES, EmbeddingCache.disabled())
                .run(options(manifest), ProgressListener.NONE, Cancellation.NONE);
        Map<String, Double> factor = new java.util.HashMap<>();
        for (var c : r.voices().speakers()) factor.put(c.speaker(), c.factor());
        assertEquals(1.0, factor.get("right"));
        assertEquals(0.8, factor.get("high"), 1e-9);
        assertEquals(1.1, factor.get("low"), 1e-9);
        assertEquals(1.0, factor.get("few"), "five recordings are too few to choose");
        var few = r.voices().speakers().get(3);
        assertEquals(0, few.sampled());
        assertTrue(few.note().contains("at least 8"), few.note());
        var high = r.voices().speakers().get(1);
        assertEquals(48, high.sampled());
        assertTrue(high.scores().get(0.8) > high.scoreAsIs() + 0.1, high.scores().toString());

        // every recording of the moved speakers now lies on its own word; the few-recordings speaker does not
        Session s = r.session();
        EmbeddingSet sp = s.space("speech:tone-speech"), tx = s.space("text:tone-text");
        for (var it : s.items(Modality.SPEECH)) {
            float[] v = sp.row(sp.indexById().get(it.id()));
            float[] w = tx.row(tx.indexById().get("text/" + it.label()));
            double cos = 0;
            for (int i = 0; i < BINS; i++) cos += v[i] * w[i];
            if (it.speaker().equals("few")) assertTrue(cos < 0.5, it.id() + " " + cos);
            else assertTrue(cos > 0.95, it.id() + " " + cos);
        }
        assertEquals("0.8", sp.provenance().get("voiceFactor.high"));
        assertTrue(r.voices().summary().contains("high x0.80"), r.voices().summary());
    }

    @Test
    void offLeavesTheVectorsAsRecordedAndReportsNothing() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("high", new double[] {1.25, 20});
        Path manifest = dataset(speakers, 4);
        EmbedWorkflow w = new EmbedWorkflow(tones("tones", "tones"), TONE_FILES, EmbeddingCache.disabled());
        EmbedWorkflow.Result off = w.run(options(manifest).withNormaliseVoices(false), ProgressListener.NONE, Cancellation.NONE);
        EmbedWorkflow.Result on = w.run(options(manifest), ProgressListener.NONE, Cancellation.NONE);
        assertNull(off.voices());
        assertNull(off.session().space("speech:tone-speech").provenance().get("voiceNormalisation"));
        float[] a = off.session().space("speech:tone-speech").row(0), b = on.session().space("speech:tone-speech").row(0);
        assertTrue(!java.util.Arrays.equals(a, b), "normalised vectors differ from the recorded ones");
    }

    @Test
    void vectorsAtAFactorAreCachedUnderThatFactor() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("high", new double[] {1.25, 20});
        Path manifest = dataset(speakers, 4);
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"));
        AtomicInteger decoded = new AtomicInteger();
        AudioInput counting = (file, rate, trim) -> {
            decoded.incrementAndGet();
            return TONE_FILES.load(file, rate, trim);
        };
        EmbedWorkflow.Result first = new EmbedWorkflow(tones("tones", "tones"), counting, cache).run(options(manifest), ProgressListener.NONE, Cancellation.NONE);
        int firstCount = encoded.getAndSet(0);
        assertTrue(firstCount > 20 * 7, "every factor tried was encoded: " + firstCount);
        assertEquals(40, decoded.getAndSet(0), "each recording decoded once as recorded, once for all the factors");
        EmbedWorkflow.Result second = new EmbedWorkflow(tones("tones", "tones"), counting, new EmbeddingCache(dir.resolve("cache")))
                .run(options(manifest), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(0, encoded.get(), "the second run takes every vector from the cache");
        assertEquals(0, decoded.get(), "and decodes nothing");
        assertEquals(0, second.computed());
        assertArrayEquals(first.session().space("speech:tone-speech").data(), second.session().space("speech:tone-speech").data());
        assertEquals(first.voices().speakers(), second.voices().speakers());
    }

    @Test
    void spacesThatAreNotSharedAreRefusedWithAClearMessage() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("high", new double[] {1.25, 20});
        Path manifest = dataset(speakers, 4);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> new EmbedWorkflow(tones("a", "b"), TONE_FILES, EmbeddingCache.disabled())
                .run(options(manifest), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("shared space"), e.getMessage());
        IllegalArgumentException noWords = assertThrows(IllegalArgumentException.class,
                () -> new EmbedWorkflow.Options(manifest, null, null, null, 1, false, false, 16, true));
        assertTrue(noWords.getMessage().contains("--text"), noWords.getMessage());
    }

    static final ProjectSettings TSNE = new ProjectSettings("tsne", 8, 250, 0, 7, 1, 0.5);

    /** A session embedded as recorded from the tone dataset of these speakers (words w0..w3), opened in the window's model. */
    LiveSession opened(Map<String, double[]> speakers) throws IOException {
        Path manifest = dataset(speakers, 4);
        Path file = dir.resolve("s.cmw");
        new EmbedWorkflow(tones("tones", "tones"), TONE_FILES, EmbeddingCache.disabled())
                .runAndSave(options(manifest).withNormaliseVoices(false), file, ProgressListener.NONE, Cancellation.NONE);
        LiveSession live = new LiveSession(tones("tones", "tones"), TONE_FILES, null);
        live.open(file);
        return live;
    }

    @Test
    void reembeddingAnOpenSessionWithNormalisationMovesTheHighVoiceAndSaysSo() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("right", new double[] {1.0, 12});
        speakers.put("high", new double[] {1.25, 12});
        LiveSession live = opened(speakers);
        assertNull(live.voiceReport());
        live.reembed(null, null, true, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        assertEquals(0.8, live.voiceReport().speakers().get(1).factor(), 1e-9);
        assertEquals(1.0, live.voiceReport().speakers().get(0).factor());
        assertTrue(live.description().contains("voices normalised: high x0.80; 1 speaker(s) as recorded"), live.description());
        assertTrue(live.spaceSummary(Modality.SPEECH).lines().toList().get(1).equals("  voices normalised: high x0.8; factor 1: right"), live.spaceSummary(Modality.SPEECH));
        live.reembed(null, null, false, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        assertNull(live.voiceReport(), "a plain re-embedding reports no normalisation");
        assertTrue(!live.spaceSummary(Modality.SPEECH).contains("voices normalised"), live.spaceSummary(Modality.SPEECH));
    }

    @Test
    void speakersWithAHundredRecordingsAreCentredAndTheWindowSaysSo() throws IOException {
        var speakers = new java.util.LinkedHashMap<String, double[]>();
        speakers.put("right", new double[] {1.0, 100});
        speakers.put("high", new double[] {1.25, 100});
        speakers.put("few", new double[] {1.0, 30});
        LiveSession live = opened(speakers);
        live.reembed(null, null, true, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        List<Boolean> centred = live.voiceReport().speakers().stream().map(VoiceNormalisation.SpeakerChoice::centred).toList();
        assertEquals(List.of(true, true, false), centred);
        assertTrue(live.voiceReport().lines().get(0).endsWith("; centred"), live.voiceReport().lines().get(0));
        assertTrue(live.voiceReport().lines().get(2).endsWith("; not centred"), live.voiceReport().lines().get(2));
        assertTrue(live.voiceReport().summary().endsWith("; 2 of 3 centred"), live.voiceReport().summary());
        assertTrue(live.spaceSummary(Modality.SPEECH).contains("; 2 of 3 speakers centred"), live.spaceSummary(Modality.SPEECH));
        // both centred speakers' recordings still lie on their words
        for (var it : live.session().items(Modality.SPEECH)) {
            if (!it.speaker().equals("few")) assertTrue(cosine(live, it.id(), it.label()) > 0.9, it.id());
        }
    }

    static float[] tone(double f) {
        float[] w = new float[(int) (0.4 * RATE)];
        for (int i = 0; i < w.length; i++) w[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / RATE + 0.3));
        return w;
    }

    static double cosine(LiveSession s, String speechId, String word) {
        EmbeddingSet sp = s.session().spaces(Modality.SPEECH).getFirst(), tx = s.session().spaces(Modality.TEXT).getFirst();
        float[] v = sp.row(sp.indexById().get(speechId)), w = tx.row(tx.indexById().get("text/" + word));
        double c = 0;
        for (int i = 0; i < v.length; i++) c += v[i] * w[i];
        return c;
    }

    @Test
    void recordingsMadeInTheWindowAreNormalisedAsTheMicrophonesVoiceAndLaterOnesGetItsFactor() throws IOException {
        LiveSession live = opened(Map.of("right", new double[] {1.0, 12}));
        live.project(TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        // ten words said in a voice 1.25 times too high, recorded in the window
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(live.addRecording(tone(F0 * Math.pow(RATIO, i % 4) * 1.25), RATE, "w" + (i % 4), ProgressListener.NONE, Cancellation.NONE));
        }
        assertTrue(cosine(live, ids.get(0), "w0") < 0.5, "as recorded, off its word");
        live.reembed(null, null, true, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        var mic = live.voiceReport().speakers().stream().filter(c -> c.speaker().equals("microphone")).findFirst().orElseThrow();
        assertEquals(0.8, mic.factor(), 1e-9);
        assertEquals(10, mic.recordings());
        for (int i = 0; i < 10; i++) assertTrue(cosine(live, ids.get(i), "w" + (i % 4)) > 0.95, ids.get(i));
        assertTrue(live.spaceSummary(Modality.SPEECH).contains("microphone x0.8"), live.spaceSummary(Modality.SPEECH));
        // a recording made afterwards is resampled by the microphone's factor before it is encoded
        String later = live.addRecording(tone(F0 * RATIO * 1.25), RATE, "w1", ProgressListener.NONE, Cancellation.NONE);
        assertTrue(cosine(live, later, "w1") > 0.95, "the next recording lands on its word");
    }

    @Test
    void chooseGoesCoarseThenFineAndBreaksTiesTowardsOne() {
        VoiceNormalisation.Options o = VoiceNormalisation.Options.defaults();
        // a peak at 0.77: coarse best 0.8, then 0.75 and 0.85 are tried and 0.75 wins
        List<Double> asked = new ArrayList<>();
        VoiceNormalisation.Choice c = VoiceNormalisation.choose(a -> {
            asked.add(a);
            return -Math.abs(a - 0.77);
        }, o);
        assertEquals(0.75, c.factor(), 1e-12);
        assertEquals(List.of(0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 0.75, 0.85), asked);
        // a flat score keeps the recordings as they are
        assertEquals(1.0, VoiceNormalisation.choose(a -> 0.5, o).factor());
        // the fine step reaches one step beyond the coarse grid
        assertEquals(1.25, VoiceNormalisation.choose(a -> a, o).factor(), 1e-12);
        assertEquals(0.65, VoiceNormalisation.choose(a -> -a, o).factor(), 1e-12);
        assertThrows(IllegalStateException.class, () -> VoiceNormalisation.choose(a -> Double.NaN, o));
        assertThrows(IllegalArgumentException.class, () -> new VoiceNormalisation.Options(new double[] {0.8, 0.9}, 0.05, 48, 8, 0.1, 48));
        assertThrows(IllegalArgumentException.class, () -> new VoiceNormalisation.Options(new double[] {1.0}, 0.05, 48, 8, -0.1, 48));
    }

    @Test
    void theBestFactorMovesTheRecordingsOnlyWhenItGainsTenPercent() {
        VoiceNormalisation.Options o = VoiceNormalisation.Options.defaults();
        // 0.8 scores 5% above the recordings as they are: noted as the best, not applied
        VoiceNormalisation.Choice small = VoiceNormalisation.choose(a -> a == 0.8 ? 0.105 : a == 1.0 ? 0.100 : 0.05, o);
        assertEquals(1.0, small.factor());
        assertEquals(0.8, small.best(), 1e-12);
        // 11% above: applied
        VoiceNormalisation.Choice big = VoiceNormalisation.choose(a -> a == 0.8 ? 0.111 : a == 1.0 ? 0.100 : 0.05, o);
        assertEquals(0.8, big.factor(), 1e-12);
        // with no minimum gain, any gain moves them
        VoiceNormalisation.Options any = new VoiceNormalisation.Options(o.coarse(), 0.05, 48, 8, 0, 48);
        assertEquals(0.8, VoiceNormalisation.choose(a -> a == 0.8 ? 0.105 : a == 1.0 ? 0.100 : 0.05, any).factor(), 1e-12);
        // the report says why a speaker was left as recorded
        var kept = new VoiceNormalisation.SpeakerChoice("ann", 60, 48, small.factor(), small.best(), small.scores(), null, false);
        String line = new VoiceNormalisation.Report(List.of(kept), o).lines().get(0);
        assertTrue(line.startsWith("ann: x1.00") && line.contains("x0.80") && line.contains("+5.0%") && line.contains("under the 10% needed"), line);
        assertTrue(new VoiceNormalisation.Report(List.of(kept), o).summary().contains("every speaker's pitch as recorded"));
    }

    @Test
    void centringRemovesEachSpeakersOffsetAndLeavesSmallGroupsAlone() {
        // 50 words as unit vectors e_k (dimension 64); speaker A says each with a voice offset +0.5 u, speaker B with
        // -0.3 u + 0.2 w (u, w unit, orthogonal to the words); speaker C has only 10 recordings, offset +0.5 u
        int dim = 64;
        float[][] rows = new float[110][];
        List<int[]> groups = List.of(new int[50], new int[50], new int[10]);
        for (int k = 0; k < 50; k++) {
            rows[k] = raw(dim, k, 0.5, 0);
            rows[50 + k] = raw(dim, k, -0.3, 0.2);
            groups.get(0)[k] = k;
            groups.get(1)[k] = 50 + k;
        }
        for (int k = 0; k < 10; k++) {
            rows[100 + k] = raw(dim, k, 0.5, 0);
            groups.get(2)[k] = 100 + k;
        }
        float[] cBefore = rows[100].clone();
        boolean[] done = VoiceNormalisation.centre(groups, rows, 48);
        assertArrayEquals(new boolean[] {true, true, false}, done);
        // A and B now carry the same offset (the mean of theirs, 0.1 u + 0.1 w): the voice difference is gone
        for (int k = 0; k < 50; k++) {
            float[] want = word(dim, k, 0.1, 0.1);
            assertArrayEquals(want, rows[k], 1e-5f, "A " + k);
            assertArrayEquals(want, rows[50 + k], 1e-5f, "B " + k);
        }
        assertArrayEquals(cBefore, rows[100], "too few recordings: not centred");
        // one qualifying speaker alone is not centred (there is nothing to centre it on)
        float[][] one = {word(dim, 0, 0.5, 0), word(dim, 1, 0.5, 0)};
        assertArrayEquals(new boolean[] {false}, VoiceNormalisation.centre(List.of(new int[] {0, 1}), one, 2));
        assertArrayEquals(word(dim, 0, 0.5, 0), one[0]);
    }

    /** e_k + a u + b w, with u = e_(dim-1), w = e_(dim-2) (vectors need not be unit length to be centred). */
    static float[] raw(int dim, int k, double a, double b) {
        float[] v = new float[dim];
        v[k] = 1;
        v[dim - 1] = (float) a;
        v[dim - 2] = (float) b;
        return v;
    }

    /** Unit vector of e_k + a u + b w. */
    static float[] word(int dim, int k, double a, double b) {
        float[] v = new float[dim];
        v[k] = 1;
        v[dim - 1] = (float) a;
        v[dim - 2] = (float) b;
        double n = Math.sqrt(1 + a * a + b * b);
        for (int i = 0; i < dim; i++) v[i] = (float) (v[i] / n);
        return v;
    }

    @Test
    void meanBestMarginAndEvenSample() {
        // three words; a recording on word 0 has cosines (1, 0.6, 0): best 1, rivals' mean 0.3, margin 0.7
        float[][] g = {{1, 0}, {0, 2}, {0.6f, 0.8f}};
        assertEquals(0.7, VoiceNormalisation.meanBestMargin(new float[][] {{3, 0}}, g), 1e-6);
        // a recording equally near every word singles none out, nor does a zero vector
        assertEquals(0, VoiceNormalisation.meanBestMargin(new float[][] {{0, 0}}, g), 0);
        assertEquals(0, VoiceNormalisation.meanBestMargin(new float[][] {{1, 1}}, new float[][] {{1, 0}, {0, 1}}), 1e-6);
        // the mean over recordings
        assertEquals(0.35, VoiceNormalisation.meanBestMargin(new float[][] {{3, 0}, {0, 0}}, g), 1e-6);
        // far from every word but a little less far from one: a small margin, however small the spread
        assertEquals(0.03, VoiceNormalisation.meanBestMargin(new float[][] {{0.03f, 0, 0.9995f}}, new float[][] {{1, 0, 0}, {0, 1, 0}, {0, -1, 0}}), 1e-3);
        // only the ten best rivals count, whatever the order of the words: one word at 1, seventeen at 0.5, twelve at -0.2
        float[][] many = new float[30][];
        for (int i = 0; i < 30; i++) {
            double c = i == 7 ? 1 : i < 18 ? 0.5 : -0.2;
            many[i] = new float[] {(float) c, (float) Math.sqrt(1 - c * c)};
        }
        assertEquals(0.5, VoiceNormalisation.meanBestMargin(new float[][] {{1, 0}}, many), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> VoiceNormalisation.meanBestMargin(new float[][] {{1, 0}}, new float[][] {{1, 0}}));
        assertArrayEquals(new int[] {0, 1, 2}, VoiceNormalisation.evenSample(3, 48));
        assertArrayEquals(new int[] {1, 4, 7, 10}, VoiceNormalisation.evenSample(12, 4));
    }
}
