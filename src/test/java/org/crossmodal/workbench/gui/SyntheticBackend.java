package org.crossmodal.workbench.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * A backend on planted synthetic data for tests of the window: each word has a text vector and two
 * spoken versions near it (speakers A and B), so the true match of a clean spoken item is its
 * nearest text. The last {@code confused} words' B recordings sit near another word instead.
 * The planted map puts every word at its own spot with its recordings around it.
 */
class SyntheticBackend implements WorkbenchBackend {
    static final int DIM = 16;
    final List<Item> items = new ArrayList<>();
    final List<float[]> vectors = new ArrayList<>();
    float[] xy;
    final float[] planted;
    final AtomicInteger projectionSteps = new AtomicInteger();
    final List<String> played = new ArrayList<>();
    final FakeAudio audio = new FakeAudio();
    String demoUnavailable;
    private final Random rnd = new Random(7);
    private final Map<String, float[]> textVectorByLabel = new HashMap<>();
    private final Map<String, float[]> textXyByLabel = new HashMap<>();
    long stepSleepMillis = 0;

    SyntheticBackend(int words, int confused) {
        List<float[]> pos = new ArrayList<>();
        float[][] tv = new float[words][];
        for (int w = 0; w < words; w++) tv[w] = unit(randomVector());
        for (int w = 0; w < words; w++) {
            String label = "word" + w;
            float[] t = tv[w];
            float px = (float) (w % 20) * 10, py = (float) (w / 20) * 10;
            add(new Item("t" + w, Modality.TEXT, label, null, null), t);
            textVectorByLabel.put(label, t);
            textXyByLabel.put(label, new float[] {px, py});
            pos.add(new float[] {px, py});
            add(new Item("a" + w, Modality.SPEECH, label, "a" + w + ".wav", "A"), unit(noisy(t, 0.2f)));
            pos.add(new float[] {px + 1.5f, py + 0.5f});
            boolean bad = w >= words - confused;
            float[] base = bad ? tv[(w + 1) % words] : t;
            add(new Item("b" + w, Modality.SPEECH, label, "b" + w + ".wav", "B"), unit(noisy(base, 0.2f)));
            pos.add(new float[] {px - 1.5f, py + 0.5f});
        }
        planted = new float[pos.size() * 2];
        for (int i = 0; i < pos.size(); i++) {
            planted[2 * i] = pos.get(i)[0];
            planted[2 * i + 1] = pos.get(i)[1];
        }
        xy = planted.clone();
    }

    private void add(Item it, float[] v) {
        items.add(it);
        vectors.add(v);
    }

    private float[] randomVector() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    private float[] noisy(float[] base, float sigma) {
        float[] v = base.clone();
        for (int i = 0; i < DIM; i++) v[i] += (float) (sigma * rnd.nextGaussian() / Math.sqrt(DIM));
        return v;
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        float n = (float) Math.sqrt(s);
        for (int i = 0; i < v.length; i++) v[i] /= n;
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    int index(String id) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).id().equals(id)) return i;
        return -1;
    }

    @Override public String demoUnavailableReason() { return demoUnavailable; }

    @Override
    public SessionSnapshot openDemo(ProgressListener p, Cancellation c, LiveMap live) {
        p.update("embedding", items.size(), items.size());
        return snapshot();
    }

    @Override
    public SessionSnapshot openSession(Path f, ProgressListener p, Cancellation c) {
        throw new WorkbenchException("Cannot open " + f + ": not a session file.");
    }

    @Override public void saveSession(Path f, ProgressListener p, Cancellation c) { }

    /** What the last re-embedding was asked: "speech|text|normaliseVoices", or null before any. */
    volatile String lastReembed;

    @Override
    public SessionSnapshot reembed(String speechModel, String textModel, boolean normaliseVoices, ProgressListener p,
                                   Cancellation c, LiveMap live) {
        lastReembed = speechModel + "|" + textModel + "|" + normaliseVoices;
        return snapshot();
    }

    @Override
    public SessionSnapshot snapshot() {
        Map<String, Boolean> nn = new HashMap<>();
        for (Item it : items) {
            NeighbourResult r = neighbours(it.id(), new NeighbourQuery(1, false, false));
            if (r.trueMatchRank() > 0) nn.put(it.id(), r.trueMatchRank() == 1);
        }
        return new SessionSnapshot(items, xy.clone(), nn, "synthetic: " + items.size() + " items");
    }

    @Override
    public SessionSnapshot addFiles(List<Path> paths, ProgressListener p, Cancellation c) {
        throw new WorkbenchException("No audio files found in " + paths.get(0) + ": it holds no WAV, FLAC, MP3 or OGG.");
    }

    @Override
    public SessionSnapshot addTexts(List<String> texts, ProgressListener p, Cancellation c) {
        for (String t : texts) {
            float[] v = textVectorByLabel.getOrDefault(t, unit(randomVector()));
            addPlaced(new Item("typed" + items.size(), Modality.TEXT, t, null, null), v, textXyByLabel.get(t));
        }
        return snapshot();
    }

    @Override
    public SessionSnapshot addRecording(float[] samples, int rate, String label, ProgressListener p, Cancellation c) {
        if (samples.length == 0) throw new WorkbenchException("The recording is empty.");
        float[] v = unit(noisy(textVectorByLabel.getOrDefault(label, textVectorByLabel.get("word0")), 0.1f));
        String l = label.isBlank() ? "recording " + items.size() : label;
        addPlaced(new Item("rec" + items.size(), Modality.SPEECH, l, null, "you"), v,
                textXyByLabel.getOrDefault(label, textXyByLabel.get("word0")));
        return snapshot();
    }

    private void addPlaced(Item it, float[] v, float[] near) {
        add(it, v);
        float[] nxy = Arrays.copyOf(xy, xy.length + 2);
        nxy[xy.length] = near == null ? 0 : near[0] + 0.7f;
        nxy[xy.length + 1] = near == null ? 0 : near[1] - 0.7f;
        xy = nxy;
    }

    @Override
    public float[] trimSilence(float[] s, int rate) {
        int a = 0, b = s.length;
        while (a < b && Math.abs(s[a]) < 0.02f) a++;
        while (b > a && Math.abs(s[b - 1]) < 0.02f) b--;
        if (a == b) throw new WorkbenchException("The recording is all silence: nothing was trimmed. Record again, closer to the microphone.");
        return Arrays.copyOfRange(s, a, b);
    }

    @Override
    public NeighbourResult neighboursOfIpa(String ipa, NeighbourQuery q) {
        // planted: a word's "pronunciation" is its label, placed where its text item is
        for (Item it : items) {
            if (it.modality() == Modality.TEXT && it.label().equals(ipa)) {
                NeighbourResult r = neighbours(it.id(), new NeighbourQuery(q.k(), q.csls(), false));
                return new NeighbourResult(new Item("query", Modality.TEXT, ipa, null, null), r.neighbours(), -1, r.measure());
            }
        }
        throw new org.crossmodal.workbench.core.WorkbenchException("no planted pronunciation /" + ipa + "/");
    }

    @Override
    public NeighbourResult neighbours(String id, NeighbourQuery q) {
        int qi = index(id);
        Item query = items.get(qi);
        float[] qv = vectors.get(qi);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (i == qi) continue;
            boolean other = items.get(i).modality() != query.modality();
            if (!other && !q.includeOwn()) continue;
            double s = dot(qv, vectors.get(i));
            if (q.csls()) s = 2 * s - meanTop(vectors.get(i), query.modality(), 3);
            scored.add(new double[] {s, i});
        }
        scored.sort((x, y) -> Double.compare(y[0], x[0]));
        int rank = -1, r = 0;
        for (double[] s : scored) {
            Item it = items.get((int) s[1]);
            if (it.modality() == query.modality()) continue;
            r++;
            if (it.matchKey().equals(query.matchKey())) {
                rank = r;
                break;
            }
        }
        List<NeighbourResult.Neighbour> out = new ArrayList<>();
        for (int i = 0; i < Math.min(q.k(), scored.size()); i++) {
            Item it = items.get((int) scored.get(i)[1]);
            out.add(new NeighbourResult.Neighbour(it, scored.get(i)[0],
                    it.modality() != query.modality() && it.matchKey().equals(query.matchKey())));
        }
        return new NeighbourResult(query, out, rank, q.csls() ? "CSLS" : "cosine");
    }

    private double meanTop(float[] v, Modality m, int k) {
        double[] s = items.stream().filter(it -> it.modality() == m).mapToDouble(it -> dot(v, vectors.get(index(it.id()))))
                .sorted().toArray();
        double t = 0;
        for (int i = 0; i < k && i < s.length; i++) t += s[s.length - 1 - i];
        return t / Math.min(k, s.length);
    }

    @Override
    public MetricsReport metrics(boolean csls, ProgressListener p, Cancellation c) {
        List<MetricsReport.Direction> dirs = new ArrayList<>();
        for (Modality m : Modality.values()) {
            List<Integer> ranks = new ArrayList<>();
            List<MetricsReport.Worst> worst = new ArrayList<>();
            for (Item it : items) {
                if (it.modality() != m) continue;
                int r = neighbours(it.id(), new NeighbourQuery(1, csls, false)).trueMatchRank();
                if (r > 0) {
                    ranks.add(r);
                    if (r > 1) worst.add(new MetricsReport.Worst(it.id(), it.label(), r));
                }
            }
            int[] rs = ranks.stream().mapToInt(Integer::intValue).toArray();
            double p1 = Arrays.stream(rs).filter(r -> r <= 1).count() / (double) rs.length;
            double p5 = Arrays.stream(rs).filter(r -> r <= 5).count() / (double) rs.length;
            double p10 = Arrays.stream(rs).filter(r -> r <= 10).count() / (double) rs.length;
            double mrr = Arrays.stream(rs).mapToDouble(r -> 1.0 / r).average().orElse(0);
            worst.sort((a, b) -> Integer.compare(b.rank(), a.rank()));
            dirs.add(new MetricsReport.Direction(m == Modality.SPEECH ? "speech → text" : "text → speech", p1, p5, p10,
                    mrr, rs, worst));
        }
        return new MetricsReport(dirs, 0.5, List.of(), csls ? "CSLS" : "cosine");
    }

    @Override
    public SessionSnapshot project(ProjectionSettings s, LiveMap live, ProgressListener p, Cancellation c) {
        live.begin(items);
        Random r = new Random(s.seed());
        float[] start = new float[planted.length];
        for (int i = 0; i < start.length; i++) start[i] = (float) (r.nextGaussian() * 50);
        float[] cur = new float[xy.length];
        for (int it = 1; it <= s.iterations(); it++) {
            c.check();
            projectionSteps.incrementAndGet();
            float f = it / (float) s.iterations();
            for (int i = 0; i < planted.length; i++) cur[i] = start[i] + (planted[i] - start[i]) * f;
            for (int i = planted.length; i < cur.length; i++) cur[i] = xy[i];
            if (it % 10 == 0) live.frame(cur.clone());
            p.update("iterating", it, s.iterations());
            if (stepSleepMillis > 0) {
                try {
                    Thread.sleep(stepSleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        xy = cur;
        return snapshot();
    }

    @Override public ModelsReport models() { return new ModelsReport("synthetic speech (16 dims)", "synthetic text (16 dims)", "none"); }

    @Override
    public AlignmentReport align(String method, Path dictionary, ProgressListener p, Cancellation c) {
        MetricsReport m = metrics(false, p, c);
        return new AlignmentReport(method, m, m, "identity");
    }

    @Override public List<String> alignmentMethods() { return List.of("procrustes"); }

    @Override
    public void exportData(Path target, String format, ProgressListener p, Cancellation c) { }

    @Override
    public void playItem(String itemId) {
        played.add(itemId);
    }

    @Override
    public AudioPort audio() {
        return audio;
    }

    /** An audio port whose microphone plays a planted signal: silence, a tone, silence. */
    static final class FakeAudio implements AudioPort {
        String noMicrophone;
        String noSpeakers;
        final List<float[]> playedBack = new ArrayList<>();

        static float[] signal() {
            float[] s = new float[16_000];
            for (int i = 4000; i < 12_000; i++) s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
            return s;
        }

        @Override public String recordingUnavailableReason() { return noMicrophone; }

        @Override
        public Recording startRecording(int rate, Consumer<float[]> chunks) {
            float[] s = signal();
            for (int off = 0; off < s.length; off += 1600) chunks.accept(Arrays.copyOfRange(s, off, off + 1600));
            return new Recording() {
                @Override public float[] stop() { return s; }
                @Override public int sampleRate() { return 16_000; }
            };
        }

        @Override public String playbackUnavailableReason() { return noSpeakers; }

        @Override public void play(float[] samples, int rate) { playedBack.add(samples); }
    }
}
