package org.crossmodal.workbench.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.probe.VoiceShift;
import org.crossmodal.workbench.session.EmbeddingCache;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;

/**
 * Encodes a set of recordings and a word list into a new session: reads the dataset, looks every input up in the
 * embedding cache, decodes and encodes only what is missing, and builds one space per modality with provenance.
 * Nothing is written except complete cache entries and, with {@link #runAndSave}, the finished session file.
 */
public final class EmbedWorkflow {
    /** Item-id prefixes: a recording's id is {@code speech/<path>}, a word's is {@code text/<word>}. */
    public static final String SPEECH_ID = "speech/", TEXT_ID = "text/";

    /**
     * What to embed and how.
     *
     * @param audio       a folder of audio files or a TSV/CSV manifest, or null for no speech
     * @param text        a words file (one word or phrase per line), or null for no text
     * @param speechModel speech model name or folder, null for the built-in one
     * @param textModel   text model name or folder, null for the built-in one
     * @param threads     inference and decoding threads, 0 for the default
     * @param trimSilence trim leading and trailing silence before encoding
     * @param skipBad     leave out bad manifest rows and undecodable files (each reported) instead of stopping
     * @param batchSize   inputs per model call
     * @param normaliseVoices resample each speaker's recordings by the factor that brings them nearest the words
     *                    ({@link VoiceNormalisation}); needs both recordings and words, in one shared space
     */
    public record Options(Path audio, Path text, String speechModel, String textModel, int threads,
                          boolean trimSilence, boolean skipBad, int batchSize, boolean normaliseVoices) {
        public Options {
            if (audio == null && text == null) {
                throw new IllegalArgumentException("Nothing to embed: give recordings (--audio) or a words file (--text), or both.");
            }
            if (threads < 0 || threads > 256) throw new IllegalArgumentException("threads must be between 0 and 256, got " + threads);
            if (batchSize < 1 || batchSize > 4096) throw new IllegalArgumentException("batch size must be between 1 and 4096, got " + batchSize);
            if (normaliseVoices && (audio == null || text == null)) {
                throw new IllegalArgumentException("Voice normalisation compares each speaker's recordings with the words: "
                        + "give both recordings (--audio) and a words file (--text), or leave it off.");
            }
        }

        public Options(Path audio, Path text, String speechModel, String textModel, int threads,
                       boolean trimSilence, boolean skipBad, int batchSize) {
            this(audio, text, speechModel, textModel, threads, trimSilence, skipBad, batchSize, false);
        }

        public static Options of(Path audio, Path text) {
            return new Options(audio, text, null, null, 0, false, false, 32);
        }

        /** These options with voice normalisation on or off. */
        public Options withNormaliseVoices(boolean on) {
            return new Options(audio, text, speechModel, textModel, threads, trimSilence, skipBad, batchSize, on);
        }

        public int effectiveThreads() {
            return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * What came out.
     *
     * @param session  the new session
     * @param computed vectors computed by a model in this run
     * @param cached   vectors taken from the cache
     * @param warnings rows or files left out (with --skip-bad), one line each
     * @param elapsed  wall time
     * @param voices   what voice normalisation chose per speaker, or null when it was off
     */
    public record Result(Session session, long computed, long cached, List<String> warnings, Duration elapsed,
                         VoiceNormalisation.Report voices) { }

    private final EncoderProvider encoders;
    private final AudioInput audioInput;
    private final EmbeddingCache cache;

    public EmbedWorkflow(EncoderProvider encoders, AudioInput audioInput, EmbeddingCache cache) {
        this.encoders = Objects.requireNonNull(encoders);
        this.audioInput = Objects.requireNonNull(audioInput);
        this.cache = cache == null ? EmbeddingCache.disabled() : cache;
    }

    /**
     * A workflow with the embedding cache in {@code cacheFolder}; null turns the cache off.
     */
    public EmbedWorkflow(EncoderProvider encoders, AudioInput audioInput, Path cacheFolder) {
        this(encoders, audioInput, cacheFolder == null ? EmbeddingCache.disabled() : new EmbeddingCache(cacheFolder));
    }

    /** The per-user cache folder (see {@link EmbeddingCache#defaultFolder()}). */
    public static Path defaultCacheFolder() {
        return EmbeddingCache.defaultFolder();
    }

    /** Embeds and saves the session atomically to {@code out}; on cancellation or error {@code out} is untouched. */
    public Result runAndSave(Options o, Path out, ProgressListener progress, Cancellation cancel) {
        SessionStore.checkTarget(out); // fail before the long work, not after it
        Result r = run(o, progress, cancel);
        cancel.check();
        progress.update("saving " + out.getFileName(), 0, 1);
        SessionStore.save(r.session(), out, cancel);
        progress.update("saving " + out.getFileName(), 1, 1);
        return r;
    }

    /** Embeds into a new in-memory session. */
    public Result run(Options o, ProgressListener progress, Cancellation cancel) {
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        // read and check every input before loading any model, so mistakes show at once
        Dataset dataset = null;
        if (o.audio() != null) {
            dataset = Dataset.read(o.audio());
            if (!dataset.problems().isEmpty()) {
                if (!o.skipBad()) throw badRows(dataset);
                warnings.addAll(dataset.problems());
            }
            if (dataset.entries().isEmpty()) {
                throw new WorkbenchException("No usable recordings in " + o.audio() + ": every row is bad (" + dataset.problems().size() + " problems). Fix the manifest.");
            }
        }
        List<String> words = o.text() != null ? Dataset.readWords(o.text()) : List.of();
        cancel.check();

        Session session = new Session();
        Provenance sp = Provenance.of("session").with("created.by", "embed");
        if (o.audio() != null) sp = sp.with("audio", o.audio().toAbsolutePath());
        if (o.text() != null) sp = sp.with("text", o.text().toAbsolutePath());
        session.setProvenance(sp.with("trimSilence", o.trimSilence()));
        long[] counts = new long[2];
        if (dataset != null) {
            try (SpeechEncoder enc = encoders.openSpeech(o.speechModel(), o.threads())) {
                embedSpeech(session, dataset, enc, o, warnings, counts, progress, cancel);
            }
        }
        if (!words.isEmpty()) {
            try (TextEncoder enc = encoders.openText(o.textModel(), o.speechModel(), o.threads())) {
                embedText(session, words, enc, o, counts, progress, cancel);
            }
        }
        VoiceNormalisation.Report voices = null;
        if (o.normaliseVoices()) {
            try (SpeechEncoder enc = encoders.openSpeech(o.speechModel(), o.threads())) {
                voices = normaliseVoices(session, dataset, enc, o, VoiceNormalisation.Options.defaults(), counts, progress, cancel);
            }
        }
        return new Result(session, counts[0], counts[1], List.copyOf(warnings), Duration.ofNanos(System.nanoTime() - t0), voices);
    }

    static WorkbenchException badRows(Dataset d) {
        int n = d.problems().size();
        List<String> shown = d.problems().subList(0, Math.min(n, 20));
        return new WorkbenchException(n + " bad row" + (n == 1 ? "" : "s") + " in " + d.source() + " -- "
                + String.join("; ", shown) + (n > shown.size() ? "; and " + (n - shown.size()) + " more" : "")
                + ". Fix them, or pass --skip-bad to go on without them.");
    }

    private void embedSpeech(Session session, Dataset d, SpeechEncoder enc, Options o, List<String> warnings,
                             long[] counts, ProgressListener progress, Cancellation cancel) {
        EncoderInfo info = enc.info();
        checkModality(info, Modality.SPEECH);
        String modelKey = modelKey(info);
        int n = d.entries().size();
        String stage = "encoding speech (" + info.name() + ")";
        progress.update(stage, 0, n);
        String[] keys = new String[n];
        float[][] vectors = new float[n][];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cancel.check();
            Dataset.Entry e = d.entries().get(i);
            keys[i] = EmbeddingCache.digest(EmbeddingCache.digestFile(e.file()), "rate=" + enc.sampleRate(),
                    "trim=" + o.trimSilence(), audioInput.settings());
            vectors[i] = cache.get(modelKey, keys[i], info.dimension());
            if (vectors[i] == null) todo.add(i);
        }
        long hits = n - todo.size();
        progress.update(stage, hits, n);
        boolean[] failed = new boolean[n];
        Map<Integer, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
        int threads = o.effectiveThreads();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audio-decode");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            long done = hits;
            for (int start = 0; start < todo.size(); start += o.batchSize()) {
                cancel.check();
                List<Integer> chunk = todo.subList(start, Math.min(todo.size(), start + o.batchSize()));
                float[][] waves = decode(d, chunk, enc.sampleRate(), o, failures, pool, cancel);
                List<float[]> ok = new ArrayList<>();
                List<Integer> okIdx = new ArrayList<>();
                for (int k = 0; k < chunk.size(); k++) {
                    int i = chunk.get(k);
                    if (waves[k] != null) {
                        ok.add(waves[k]);
                        okIdx.add(i);
                    } else {
                        failed[i] = true;
                    }
                }
                if (!ok.isEmpty()) {
                    long base = done;
                    float[][] out = enc.encode(ok, (s, dn, tot) -> progress.update(stage, base + dn, n), cancel);
                    for (int k = 0; k < okIdx.size(); k++) {
                        int i = okIdx.get(k);
                        vectors[i] = out[k];
                        cache.put(modelKey, keys[i], out[k]);
                    }
                    counts[0] += okIdx.size();
                }
                done += chunk.size();
                progress.update(stage, done, n);
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        counts[1] += hits;
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        StringBuilder inputDigest = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (failed[i]) continue;
            Dataset.Entry e = d.entries().get(i);
            String id = SPEECH_ID + e.relative();
            session.addItem(new Item(id, Modality.SPEECH, e.transcript(), e.file().toString(), e.speaker()));
            ids.add(id);
            rows.add(vectors[i]);
            inputDigest.append(keys[i]);
        }
        for (int i = 0; i < n; i++) {
            if (failed[i]) warnings.add(failures.remove(i));
        }
        if (rows.isEmpty()) throw new WorkbenchException("None of the recordings in " + d.source() + " could be decoded; see the messages above.");
        Provenance p = encoderProvenance(info, o, hits, rows.size())
                .with("input", d.source().toAbsolutePath())
                .with("input.sha256", EmbeddingCache.digest(inputDigest.toString()))
                .with("sampleRate", enc.sampleRate())
                .with("trimSilence", o.trimSilence());
        session.putSpace(EmbeddingSet.ofRows("speech:" + info.name(), Modality.SPEECH, ids, rows.toArray(float[][]::new), info.sharedSpace(), p));
    }

    /**
     * Voice normalisation ({@link VoiceNormalisation}): for each speaker, scores factors on a sample of the speaker's
     * recordings against the session's words, then encodes all the speaker's recordings again resampled by the chosen
     * factor (cached under the factor), and replaces the speech space with the result.
     */
    private VoiceNormalisation.Report normaliseVoices(Session session, Dataset d, SpeechEncoder enc, Options o,
                                                      VoiceNormalisation.Options vo, long[] counts,
                                                      ProgressListener progress, Cancellation cancel) {
        EncoderInfo info = enc.info();
        EmbeddingSet speech = session.spaces(Modality.SPEECH).getFirst();
        EmbeddingSet text = session.spaces(Modality.TEXT).getFirst();
        if (speech.sharedSpace() == null || !speech.sharedSpace().equals(text.sharedSpace())) {
            throw new WorkbenchException("Voice normalisation compares recordings with words directly, so it needs a speech and "
                    + "a text model trained into one shared space (the built-in pair is); '" + speech.space() + "' and '"
                    + text.space() + "' do not share one. Leave voice normalisation off, or pick a matching pair.");
        }
        if (speech.dim() != text.dim()) {
            throw new WorkbenchException("Voice normalisation compares recordings with words directly, but '" + speech.space() + "' gives "
                    + speech.dim() + " dimensions and '" + text.space() + "' " + text.dim() + ", although both name the shared space '"
                    + speech.sharedSpace() + "'. Check the two models' model.json files, or leave voice normalisation off.");
        }
        float[][] gallery = text.rows();
        Map<String, Integer> row = speech.indexById();
        // the recordings that were encoded, grouped by speaker in the order speakers first appear
        Map<String, List<Dataset.Entry>> bySpeaker = new LinkedHashMap<>();
        for (Dataset.Entry e : d.entries()) {
            if (!row.containsKey(SPEECH_ID + e.relative())) continue;
            bySpeaker.computeIfAbsent(e.speaker() == null ? "" : e.speaker(), k -> new ArrayList<>()).add(e);
        }
        String modelKey = modelKey(info);
        float[][] rows = speech.rows();
        List<VoiceNormalisation.SpeakerChoice> choices = new ArrayList<>();
        List<int[]> groups = new ArrayList<>(); // each speaker's rows in the space
        int k = 0;
        for (Map.Entry<String, List<Dataset.Entry>> g : bySpeaker.entrySet()) {
            k++;
            String stage = VoiceNormalisation.stage(g.getKey()) + " (" + k + " of " + bySpeaker.size() + ")";
            List<Dataset.Entry> rec = g.getValue();
            int[] at = rec.stream().mapToInt(e -> row.get(SPEECH_ID + e.relative())).toArray();
            groups.add(at);
            float[][] waves = new float[rec.size()][]; // the sampled recordings, decoded once when first needed
            VoiceNormalisation.SpeakerChoice c = VoiceNormalisation.chooseFor(g.getKey(), rec.size(), (a, which) -> {
                if (a != 1.0) return encodeWarped(enc, modelKey, rec, which, waves, true, a, o, counts, stage, progress, cancel);
                float[][] v = new float[which.length][];
                for (int j = 0; j < which.length; j++) v[j] = rows[at[which[j]]];
                return v;
            }, gallery, vo);
            if (c.factor() != 1.0) {
                int[] all = java.util.stream.IntStream.range(0, rec.size()).toArray();
                float[][] v = encodeWarped(enc, modelKey, rec, all, waves, false, c.factor(), o, counts, stage, progress, cancel);
                for (int i = 0; i < rec.size(); i++) rows[at[i]] = v[i];
            }
            choices.add(c);
        }
        boolean[] centred = VoiceNormalisation.centre(groups, rows, vo.centreMin());
        for (int i = 0; i < choices.size(); i++) choices.set(i, choices.get(i).withCentred(centred[i]));
        Provenance p = VoiceNormalisation.record(speech.provenance().with("voiceNormalisation", vo.toString()), choices);
        session.putSpace(EmbeddingSet.ofRows(speech.space(), Modality.SPEECH, speech.itemIds(), rows, speech.sharedSpace(), p));
        return new VoiceNormalisation.Report(choices, vo);
    }

    /**
     * The vectors of a speaker's recordings {@code which} (indices into {@code rec}) resampled by the factor a, from
     * the cache where it has them. {@code waves[i]} is recording i decoded, or null to decode it here; with
     * {@code keep} a recording decoded here is kept in {@code waves} for the next factor.
     */
    private float[][] encodeWarped(SpeechEncoder enc, String modelKey, List<Dataset.Entry> rec, int[] which, float[][] waves,
                                   boolean keep, double a, Options o, long[] counts, String stage, ProgressListener progress,
                                   Cancellation cancel) {
        int dim = enc.info().dimension();
        float[][] out = new float[which.length][];
        List<Integer> todo = new ArrayList<>();
        String[] keys = new String[which.length];
        for (int j = 0; j < which.length; j++) {
            cancel.check();
            keys[j] = EmbeddingCache.digest(EmbeddingCache.digestFile(rec.get(which[j]).file()), "rate=" + enc.sampleRate(),
                    "trim=" + o.trimSilence(), audioInput.settings(), "voiceFactor=" + VoiceNormalisation.round(a));
            out[j] = cache.get(modelKey, keys[j], dim);
            if (out[j] == null) todo.add(j);
        }
        counts[1] += which.length - todo.size();
        String at = stage + String.format(Locale.ROOT, ", x%.2f", a);
        for (int start = 0; start < todo.size(); start += o.batchSize()) {
            List<Integer> chunk = todo.subList(start, Math.min(todo.size(), start + o.batchSize()));
            progress.update(at, start, todo.size());
            List<float[]> in = new ArrayList<>();
            for (int j : chunk) {
                cancel.check();
                int i = which[j];
                float[] w = waves[i] != null ? waves[i] : audioInput.load(rec.get(i).file(), enc.sampleRate(), o.trimSilence());
                if (keep) waves[i] = w;
                in.add(VoiceShift.resample(w, a));
            }
            float[][] v = enc.encode(in, ProgressListener.NONE, cancel);
            for (int j = 0; j < chunk.size(); j++) {
                out[chunk.get(j)] = v[j];
                cache.put(modelKey, keys[chunk.get(j)], v[j]);
            }
            counts[0] += chunk.size();
            progress.update(at, start + chunk.size(), todo.size());
        }
        return out;
    }

    private float[][] decode(Dataset d, List<Integer> chunk, int rate, Options o, Map<Integer, String> failures,
                             ExecutorService pool, Cancellation cancel) {
        float[][] out = new float[chunk.size()][];
        if (pool == null) {
            for (int k = 0; k < chunk.size(); k++) {
                cancel.check();
                out[k] = decodeOne(d, chunk.get(k), rate, o, failures);
            }
            return out;
        }
        List<Future<float[]>> fs = new ArrayList<>();
        for (int i : chunk) fs.add(pool.submit(() -> cancel.isCancelled() ? null : decodeOne(d, i, rate, o, failures)));
        for (int k = 0; k < fs.size(); k++) {
            try {
                out[k] = fs.get(k).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new WorkbenchException("Decoding failed: " + e.getCause(), e.getCause());
            }
        }
        cancel.check();
        return out;
    }

    private float[] decodeOne(Dataset d, int i, int rate, Options o, Map<Integer, String> failures) {
        Dataset.Entry e = d.entries().get(i);
        try {
            float[] w = audioInput.load(e.file(), rate, o.trimSilence());
            if (w.length == 0) throw new WorkbenchException("Audio file " + e.file() + " has no samples" + (o.trimSilence() ? " after trimming silence" : "") + ".");
            return w;
        } catch (WorkbenchException ex) {
            String where = e.line() > 0 ? d.source() + " line " + e.line() + ": " : "";
            if (!o.skipBad()) {
                throw new WorkbenchException(where + ex.getMessage() + " Pass --skip-bad to go on without it.", ex);
            }
            failures.put(i, where + ex.getMessage());
            return null;
        }
    }

    private void embedText(Session session, List<String> words, TextEncoder enc, Options o, long[] counts,
                           ProgressListener progress, Cancellation cancel) {
        EncoderInfo info = enc.info();
        checkModality(info, Modality.TEXT);
        String modelKey = modelKey(info);
        int n = words.size();
        String stage = "encoding text (" + info.name() + ")";
        String[] keys = new String[n];
        float[][] vectors = new float[n][];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys[i] = EmbeddingCache.digest(words.get(i));
            vectors[i] = cache.get(modelKey, keys[i], info.dimension());
            if (vectors[i] == null) todo.add(i);
        }
        long hits = n - todo.size();
        progress.update(stage, hits, n);
        for (int start = 0; start < todo.size(); start += o.batchSize()) {
            cancel.check();
            List<Integer> chunk = todo.subList(start, Math.min(todo.size(), start + o.batchSize()));
            List<String> in = chunk.stream().map(words::get).toList();
            long base = hits + start;
            float[][] out = enc.encode(in, (s, dn, tot) -> progress.update(stage, base + dn, n), cancel);
            for (int k = 0; k < chunk.size(); k++) {
                vectors[chunk.get(k)] = out[k];
                cache.put(modelKey, keys[chunk.get(k)], out[k]);
            }
            counts[0] += chunk.size();
            progress.update(stage, base + chunk.size(), n);
        }
        counts[1] += hits;
        List<String> ids = new ArrayList<>(n);
        for (String w : words) {
            String id = TEXT_ID + w;
            session.addItem(new Item(id, Modality.TEXT, w, null, null));
            ids.add(id);
        }
        Provenance p = encoderProvenance(info, o, hits, n)
                .with("input", o.text().toAbsolutePath())
                .with("input.sha256", EmbeddingCache.digest(String.join("\n", words)));
        session.putSpace(EmbeddingSet.ofRows("text:" + info.name(), Modality.TEXT, ids, vectors, info.sharedSpace(), p));
    }

    private static void checkModality(EncoderInfo info, Modality want) {
        if (info.modality() != want) {
            throw new WorkbenchException("Model '" + info.name() + "' is a " + info.modality().key() + " encoder, but a "
                    + want.key() + " encoder is needed here. Pick one from 'workbench models'.");
        }
    }

    /**
     * The cache key of a model: {@link EncoderInfo#cacheKey()}, a digest over every model file (ONNX, tokenizer)
     * and the manifest settings that decide the output, so a changed tokenizer, pooling or maximum length with the
     * same ONNX file is computed again; a digest of the name when the model has no such key.
     */
    static String modelKey(EncoderInfo info) {
        String key = info.cacheKey() == null ? "" : info.cacheKey().toLowerCase(Locale.ROOT);
        return key.matches("[0-9a-f]{64}") ? key : EmbeddingCache.digest("unhashed-model", info.name(), key);
    }

    private static Provenance encoderProvenance(EncoderInfo info, Options o, long hits, int rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model.name", info.name());
        m.put("model.sha256", info.sha256());
        m.put("model.builtIn", info.builtIn());
        if (info.folder() != null) m.put("model.folder", info.folder().toAbsolutePath());
        if (info.sharedSpace() != null) m.put("model.sharedSpace", info.sharedSpace());
        if (info.provenance() != null) info.provenance().forEach((k, v) -> m.put("model." + k, v));
        m.put("threads", o.threads());
        m.put("batchSize", o.batchSize());
        m.put("rows", rows);
        m.put("cache.hits", hits);
        return Provenance.of("encoder:" + info.name()).withAll(m);
    }
}
