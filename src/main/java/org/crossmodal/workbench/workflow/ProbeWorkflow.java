package org.crossmodal.workbench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.crossmodal.workbench.audio.AudioLoader;
import org.crossmodal.workbench.audio.SilenceTrimmer;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.Encoder;
import org.crossmodal.workbench.encoder.EncoderOptions;
import org.crossmodal.workbench.encoder.ModelRegistry;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.probe.ConfusionOptions;
import org.crossmodal.workbench.probe.ConfusionProbe;
import org.crossmodal.workbench.probe.ConfusionResult;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.EspeakPhonemizer;
import org.crossmodal.workbench.probe.IntelligibilityOptions;
import org.crossmodal.workbench.probe.IntelligibilityProbe;
import org.crossmodal.workbench.probe.IntelligibilityResult;
import org.crossmodal.workbench.probe.NoiseOptions;
import org.crossmodal.workbench.probe.NoiseProbe;
import org.crossmodal.workbench.probe.TextPerturbationOptions;
import org.crossmodal.workbench.probe.TextPerturbationProbe;
import org.crossmodal.workbench.probe.TextTower;
import org.crossmodal.workbench.probe.Vocabulary;
import org.crossmodal.workbench.probe.VoiceShiftOptions;
import org.crossmodal.workbench.probe.VoiceShiftProbe;
import org.crossmodal.workbench.session.Session;

/**
 * The probes as a use case on a session: picks the speech and text spaces (and the alignment between them),
 * re-opens the encoders that made them (by the model folder, name and SHA-256 recorded in each space's
 * provenance), reads the recordings' audio where a probe needs it, and runs the probe.
 *
 * <p>Intelligibility and confusions need only the session's vectors (so they work on imported spaces too); the text
 * perturbation probe needs the text encoder, and the noise and voice-shift probes the speech encoder and the audio files.
 */
public final class ProbeWorkflow {
    /** The shipped phoneme tower: reads IPA into the built-in speech tower's space (docs/models.md). */
    public static final String BUILTIN_PHONEME_MODEL = "builtin-ipa";

    /** The probes. */
    public enum Kind {
        TEXT_PERTURBATION, NOISE, VOICE_SHIFT, INTELLIGIBILITY, CONFUSIONS;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.key().equalsIgnoreCase(s.trim())) return k;
            throw new IllegalArgumentException("Unknown probe '" + s + "': use text-perturbation, noise, voice-shift, intelligibility or confusions.");
        }
    }

    /**
     * Which spaces to probe; null fields are chosen automatically.
     *
     * @param speechSpace a speech space of the session
     * @param textSpace   a text space of the session
     * @param alignment   an alignment between them, when they do not share a space
     */
    public record Selection(String speechSpace, String textSpace, String alignment) {
        public static Selection auto() {
            return new Selection(null, null, null);
        }
    }

    /** Opens encoders by model folder or name. */
    public interface Models {
        SpeechEncoder openSpeech(String nameOrFolder);

        TextEncoder openText(String nameOrFolder);
    }

    /** Reads a recording as a mono waveform at a sample rate. */
    @FunctionalInterface
    public interface AudioReader {
        float[] read(Path file, int sampleRate, boolean trimSilence);
    }

    /**
     * The two spaces to compare and how: shared (no map), or an alignment applied to speech or to text vectors.
     *
     * @param speech    the speech space
     * @param text      the text space
     * @param map       the alignment, or null when the spaces are shared
     * @param mapSpeech whether the map takes speech vectors into the text space (else text into speech)
     * @param how       one line for provenance and display
     */
    public record Pair(EmbeddingSet speech, EmbeddingSet text, LinearMap map, boolean mapSpeech, String how) {
        public UnaryOperator<float[]> speechOp() {
            return map != null && mapSpeech ? map::apply : UnaryOperator.identity();
        }

        public UnaryOperator<float[]> textOp() {
            return map != null && !mapSpeech ? map::apply : UnaryOperator.identity();
        }
    }

    private final Models models;
    private final AudioReader audio;
    private final java.util.function.Function<List<String>, List<String>> ipa;

    /** Uses the standard model registry and audio loader; confused pairs are compared in IPA with espeak-ng. */
    public ProbeWorkflow() {
        this(registryModels(ModelRegistry.standard()), defaultAudio(), EspeakPhonemizer.standard());
    }

    /** Without IPA: confused pairs are compared by spelling. */
    public ProbeWorkflow(Models models, AudioReader audio) {
        this(models, audio, null);
    }

    /**
     * @param ipa writes words in IPA, to compare confused pairs by sound (minimal pairs, homophones); null for none
     */
    public ProbeWorkflow(Models models, AudioReader audio, java.util.function.Function<List<String>, List<String>> ipa) {
        this.models = models;
        this.audio = audio;
        this.ipa = ipa;
    }

    public static Models registryModels(ModelRegistry registry) {
        return new Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                return registry.openSpeech(nameOrFolder, EncoderOptions.defaults());
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                return registry.openText(nameOrFolder, EncoderOptions.defaults());
            }
        };
    }

    public static AudioReader defaultAudio() {
        AudioLoader loader = new AudioLoader();
        return (file, rate, trim) -> loader.loadForModel(file, rate, trim ? new SilenceTrimmer() : null);
    }

    // ---- choosing the spaces ----

    /** Picks the speech and text spaces and the way to compare them. */
    public Pair resolve(Session s, Selection sel) {
        sel = sel == null ? Selection.auto() : sel;
        List<EmbeddingSet> speech = s.spaces(Modality.SPEECH), text = s.spaces(Modality.TEXT);
        if (speech.isEmpty()) {
            throw new WorkbenchException("The session has no speech space: embed recordings first (workbench embed --audio ...).");
        }
        EmbeddingSet sp = pick(s, sel.speechSpace(), speech, Modality.SPEECH, text);
        EmbeddingSet tx;
        if (sel.textSpace() != null) {
            tx = pick(s, sel.textSpace(), text, Modality.TEXT, List.of());
        } else if (text.isEmpty()) {
            throw new WorkbenchException("The session has no text space to match the recordings against: embed a word list "
                    + "(workbench embed --text WORDS_FILE) into it first.");
        } else {
            List<EmbeddingSet> shared = text.stream().filter(t -> sameSpace(sp, t)).toList();
            if (shared.size() == 1) tx = shared.get(0);
            else if (text.size() == 1) tx = text.get(0);
            else {
                throw new WorkbenchException("The session has " + text.size() + " text spaces (" + names(text)
                        + "): choose one with --text-space.");
            }
        }
        if (sel.alignment() != null) {
            LinearMap m = s.alignments().get(sel.alignment());
            if (m == null) {
                throw new WorkbenchException("The session has no alignment '" + sel.alignment() + "'; it has: "
                        + (s.alignments().isEmpty() ? "none" : String.join(", ", s.alignments().keySet())) + ".");
            }
            return withMap(sp, tx, m);
        }
        if (sameSpace(sp, tx)) {
            return new Pair(sp, tx, null, false, "shared space " + sp.sharedSpace());
        }
        for (LinearMap m : s.alignments().values()) {
            if (sp.space().equals(m.sourceSpace()) && tx.space().equals(m.targetSpace())) return withMap(sp, tx, m);
        }
        for (LinearMap m : s.alignments().values()) {
            if (tx.space().equals(m.sourceSpace()) && sp.space().equals(m.targetSpace())) return withMap(sp, tx, m);
        }
        throw new WorkbenchException("The spaces '" + sp.space() + "' and '" + tx.space() + "' are not one space (they come "
                + "from towers that were not trained together) and the session has no alignment between them: align them "
                + "first, or choose spaces that share one.");
    }

    private static Pair withMap(EmbeddingSet sp, EmbeddingSet tx, LinearMap m) {
        if (sp.space().equals(m.sourceSpace()) && tx.space().equals(m.targetSpace())) {
            check(m, sp.dim(), tx.dim());
            return new Pair(sp, tx, m, true, "alignment " + m.name() + " (speech to text)");
        }
        if (tx.space().equals(m.sourceSpace()) && sp.space().equals(m.targetSpace())) {
            check(m, tx.dim(), sp.dim());
            return new Pair(sp, tx, m, false, "alignment " + m.name() + " (text to speech)");
        }
        throw new WorkbenchException("The alignment '" + m.name() + "' maps " + m.sourceSpace() + " to " + m.targetSpace()
                + ", not between " + sp.space() + " and " + tx.space() + ".");
    }

    private static void check(LinearMap m, int in, int out) {
        if (m.cols() != in || m.rows() != out) {
            throw new WorkbenchException("The alignment '" + m.name() + "' is " + m.rows() + "x" + m.cols() + " but maps a "
                    + in + "-dimensional space onto a " + out + "-dimensional one.");
        }
    }

    private static boolean sameSpace(EmbeddingSet a, EmbeddingSet b) {
        return a.sharedSpace() != null && a.sharedSpace().equals(b.sharedSpace()) && a.dim() == b.dim();
    }

    private static EmbeddingSet pick(Session s, String name, List<EmbeddingSet> all, Modality m, List<EmbeddingSet> others) {
        if (name != null) {
            EmbeddingSet e = s.space(name);
            if (e == null || e.modality() != m) {
                throw new WorkbenchException("The session has no " + m.key() + " space '" + name + "'; it has: "
                        + (all.isEmpty() ? "none" : names(all)) + ".");
            }
            return e;
        }
        if (all.size() == 1) return all.get(0);
        List<EmbeddingSet> shared = all.stream().filter(a -> others.stream().anyMatch(o -> sameSpace(a, o))).toList();
        if (shared.size() == 1) return shared.get(0);
        throw new WorkbenchException("The session has " + all.size() + " " + m.key() + " spaces (" + names(all) + "): choose one with --"
                + m.key() + "-space.");
    }

    private static String names(List<EmbeddingSet> l) {
        return l.stream().map(EmbeddingSet::space).collect(Collectors.joining(", "));
    }

    // ---- the probes ----

    public CurveResult textPerturbation(Session s, Selection sel, TextPerturbationOptions o, ProgressListener progress,
                                        Cancellation cancel) {
        return textPerturbation(s, sel, o, null, null, progress, cancel);
    }

    /**
     * The text perturbation curve of the text space's model (characters) and, when {@code phonemeModel} is given, of
     * that phoneme tower too (IPA from {@code phonemizer}, phonemes replaced). The phoneme tower must share the speech
     * space's shared-space id.
     *
     * @param phonemeModel a text model that reads IPA, by name or folder, or null for characters only
     * @param phonemizer   texts to IPA; null uses espeak-ng (en-us)
     */
    public CurveResult textPerturbation(Session s, Selection sel, TextPerturbationOptions o, String phonemeModel,
                                        java.util.function.Function<List<String>, List<String>> phonemizer,
                                        ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        Pair p = resolve(s, sel);
        List<Item> recs = recordings(s, p.speech());
        float[][] speech = p.speech().rows();
        try (TextEncoder text = openText(p.text(), "text-perturbation");
             TextEncoder phon = phonemeModel == null ? null : models.openText(phonemeModel)) {
            TextEncoder t = p.map() != null && !p.mapSpeech() ? mapped(text, p.textOp()) : text;
            List<TextTower> towers = new ArrayList<>(List.of(TextTower.characters(t)));
            if (phon != null) {
                String want = p.speech().sharedSpace(), got = phon.info() == null ? null : phon.info().sharedSpace();
                if (want == null || !want.equals(got)) {
                    throw new WorkbenchException("The phoneme model '" + phonemeModel + "' is in shared space " + got
                            + " but the speech space '" + p.speech().space() + "' is in " + want + ": a phoneme tower must be "
                            + "trained together with the speech tower.");
                }
                towers.add(TextTower.phonemes(phon, phonemizer == null ? EspeakPhonemizer.standard() : phonemizer));
            }
            CurveResult r = TextPerturbationProbe.run(recs, speech, p.speechOp(), towers, o, progress, cancel);
            return withContext(r, p, List.of());
        }
    }

    /**
     * @param base folder that relative audio paths are resolved against (the session file's folder), or null
     */
    public CurveResult noise(Session s, Path base, Selection sel, NoiseOptions o, ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        Matching m = matching(s, sel, progress, cancel);
        EmbeddingSet speech = m.p().speech();
        boolean trim = Boolean.parseBoolean(speech.provenance() == null ? "false" : speech.provenance().get("trimSilence"));
        try (SpeechEncoder enc = openSpeech(speech, NoiseProbe.KIND)) {
            int rate = enc.sampleRate();
            List<float[]> waves = lazyAudio(m.recs(), base, rate, trim);
            CurveResult r = NoiseProbe.run(m.recs(), waves, enc, m.p().speechOp(), m.vocab(), o, progress, cancel);
            return withContext(r, m.p(), m.warnings());
        }
    }

    /**
     * The voice-shift curve: each sampled recording resampled by each factor and re-encoded by the speech model that made
     * the speech space.
     *
     * @param base folder that relative audio paths are resolved against (the session file's folder), or null
     */
    public CurveResult voiceShift(Session s, Path base, Selection sel, VoiceShiftOptions o, ProgressListener progress,
                                  Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        Matching m = matching(s, sel, progress, cancel);
        EmbeddingSet speech = m.p().speech();
        boolean trim = Boolean.parseBoolean(speech.provenance() == null ? "false" : speech.provenance().get("trimSilence"));
        try (SpeechEncoder enc = openSpeech(speech, VoiceShiftProbe.KIND)) {
            List<float[]> waves = lazyAudio(m.recs(), base, enc.sampleRate(), trim);
            CurveResult r = VoiceShiftProbe.run(m.recs(), waves, enc, m.p().speechOp(), m.vocab(), o, progress, cancel);
            return withContext(r, m.p(), m.warnings());
        }
    }

    public IntelligibilityResult intelligibility(Session s, Selection sel, IntelligibilityOptions o, ProgressListener progress,
                                                 Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        Matching m = matching(s, sel, progress, cancel);
        IntelligibilityResult r = IntelligibilityProbe.run(m.recs(), m.p().speech().rows(), m.p().speechOp(), m.vocab(), o,
                progress, cancel);
        return new IntelligibilityResult(r.rows(), r.temperature(), r.fitted(), r.vocabularySize(), r.skippedNoTranscript(),
                r.skippedNotInVocabulary(), r.partial(), joined(m.warnings(), r.warnings()), context(r.provenance(), m.p()));
    }

    public ConfusionResult confusions(Session s, Selection sel, ConfusionOptions o, ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        Matching m = matching(s, sel, progress, cancel);
        ConfusionResult r = ConfusionProbe.run(m.recs(), m.p().speech().rows(), m.p().speechOp(), m.vocab(), o, ipa, progress,
                cancel);
        return new ConfusionResult(r.confusions(), r.totalConfusions(), r.distinctPairs(), r.overall(), r.perSpeaker(),
                r.perWord(), r.skippedNoTranscript(), r.skippedNotInVocabulary(), r.partial(), joined(m.warnings(), r.warnings()),
                context(r.provenance(), m.p()));
    }

    // ---- helpers ----

    /**
     * What the noise, intelligibility and confusion probes start from: the pair of spaces, the speech space's items in
     * row order, and the vocabulary they compete for, with the warnings made while building it.
     */
    private record Matching(Pair p, List<Item> recs, Vocabulary vocab, List<String> warnings) { }

    private Matching matching(Session s, Selection sel, ProgressListener progress, Cancellation cancel) {
        Pair p = resolve(s, sel);
        List<Item> recs = recordings(s, p.speech());
        List<String> warnings = new ArrayList<>();
        Vocabulary vocab = vocabulary(s, p, recs, true, warnings, progress, cancel);
        return new Matching(p, recs, vocab, warnings);
    }

    /** The workflow's warnings, then the probe's. */
    private static List<String> joined(List<String> first, List<String> then) {
        List<String> w = new ArrayList<>(first);
        w.addAll(then);
        return w;
    }

    private static CurveResult withContext(CurveResult r, Pair p, List<String> extra) {
        return new CurveResult(r.kind(), r.curves(), r.itemsUsed(), r.skippedNoTranscript(), r.skippedLowScore(), r.partial(),
                joined(extra, r.warnings()), context(r.provenance(), p));
    }

    private static Provenance context(Provenance prov, Pair p) {
        Provenance out = prov.with("speechSpace", p.speech().space()).with("textSpace", p.text().space()).with("comparison", p.how());
        Provenance sp = p.speech().provenance(), tp = p.text().provenance();
        if (sp != null && sp.get("model.sha256") != null) out = out.with("speechSpace.model.sha256", sp.get("model.sha256"));
        if (tp != null && tp.get("model.sha256") != null) out = out.with("textSpace.model.sha256", tp.get("model.sha256"));
        return out;
    }

    /** The session's items of a space, in row order. */
    static List<Item> recordings(Session s, EmbeddingSet space) {
        List<Item> out = new ArrayList<>(space.size());
        for (String id : space.itemIds()) {
            Item it = s.item(id);
            if (it == null) throw new WorkbenchException("Space '" + space.space() + "' names item '" + id + "', which the session lacks.");
            out.add(it);
        }
        return out;
    }

    /**
     * The texts the recordings compete for: the text space's items, plus every transcript that is not among them,
     * encoded with the text space's model when it can be opened (else those recordings are skipped, with a warning).
     */
    Vocabulary vocabulary(Session s, Pair p, List<Item> recs, boolean encodeMissing, List<String> warnings,
                          ProgressListener progress, Cancellation cancel) {
        List<String> words = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        UnaryOperator<float[]> op = p.textOp();
        for (int i = 0; i < p.text().size(); i++) {
            Item it = s.item(p.text().itemIds().get(i));
            String label = it == null ? "" : it.label();
            if (Labels.matchKey(label).isEmpty() || !keys.add(Labels.matchKey(label))) continue;
            words.add(label);
            vecs.add(op.apply(p.text().row(i)));
        }
        Map<String, String> missing = new HashMap<>();
        for (Item r : recs) {
            String k = Labels.matchKey(r.label());
            if (!k.isEmpty() && !keys.contains(k)) missing.putIfAbsent(k, r.label());
        }
        if (!missing.isEmpty() && encodeMissing) {
            List<String> todo = new ArrayList<>(missing.values());
            try (TextEncoder t = openText(p.text(), "missing-transcript")) {
                float[][] v = t.encode(todo, (st, d, tot) -> progress.update("encoding transcripts missing from the text space", d, tot),
                        cancel);
                for (int i = 0; i < todo.size(); i++) {
                    words.add(todo.get(i));
                    vecs.add(op.apply(v[i]));
                }
                warnings.add(todo.size() + " transcript(s) missing from the text space '" + p.text().space()
                        + "' were encoded with its model and added to the vocabulary.");
            } catch (WorkbenchException e) {
                warnings.add(todo.size() + " transcript(s) are not in the text space '" + p.text().space()
                        + "' and could not be encoded (" + e.getMessage() + "); their recordings are skipped.");
            }
        }
        return new Vocabulary(words, vecs.toArray(new float[0][]));
    }

    private SpeechEncoder openSpeech(EmbeddingSet space, String probe) {
        return (SpeechEncoder) reopen(space, Modality.SPEECH, probe);
    }

    private TextEncoder openText(EmbeddingSet space, String probe) {
        return (TextEncoder) reopen(space, Modality.TEXT, probe);
    }

    /** Re-opens the model that made a space, checking that it is the same model (SHA-256). */
    private Encoder<?> reopen(EmbeddingSet space, Modality m, String probe) {
        Provenance prov = space.provenance();
        String name = prov == null ? null : prov.get("model.name");
        String folder = prov == null ? null : prov.get("model.folder");
        String sha = prov == null ? null : prov.get("model.sha256");
        if (name == null && folder == null) {
            throw new WorkbenchException("The space '" + space.space() + "' records no model (it was imported), so the "
                    + probe + " probe cannot re-encode with it. The intelligibility and confusion probes work on imported "
                    + "spaces; for this one, embed with a model the workbench can open.");
        }
        String key = folder != null && Files.isDirectory(Path.of(folder)) ? folder : name;
        if (key == null) {
            throw new WorkbenchException("The model folder " + folder + " of space '" + space.space() + "' no longer exists; "
                    + "restore it or re-embed the session.");
        }
        Encoder<?> e = m == Modality.SPEECH ? models.openSpeech(key) : models.openText(key);
        String now = e.info() == null ? null : e.info().sha256();
        if (sha != null && !"null".equals(sha) && now != null && !sha.equalsIgnoreCase(now)) {
            e.close();
            throw new WorkbenchException("The space '" + space.space() + "' was made by model '" + name + "' with SHA-256 " + sha
                    + ", but the model found now (" + key + ") has SHA-256 " + now + ": its vectors would not match the "
                    + "session's. Restore that model or re-embed the session.");
        }
        return e;
    }

    /** Reads a recording's audio only when asked, and keeps it. */
    List<float[]> lazyAudio(List<Item> recs, Path base, int rate, boolean trim) {
        float[][] cache = new float[recs.size()][];
        return new AbstractList<>() {
            @Override
            public float[] get(int i) {
                if (cache[i] == null) cache[i] = audio.read(audioPath(recs.get(i), base), rate, trim);
                return cache[i];
            }

            @Override
            public int size() {
                return recs.size();
            }
        };
    }

    static Path audioPath(Item it, Path base) {
        if (it.source() == null || it.source().isBlank()) {
            throw new WorkbenchException("Recording '" + it.id() + "' has no audio file in the session, so the noise and "
                    + "voice-shift probes cannot re-encode it. Re-embed it from its audio file.");
        }
        Path p = Path.of(it.source());
        if (p.isAbsolute() || Files.exists(p) || base == null) {
            if (!Files.exists(p)) {
                throw new WorkbenchException("The audio file " + p.toAbsolutePath() + " of recording '" + it.id()
                        + "' does not exist: restore it, or run the probe from the folder the session was made in.");
            }
            return p;
        }
        Path q = base.resolve(p);
        if (!Files.exists(q)) {
            throw new WorkbenchException("The audio file " + it.source() + " of recording '" + it.id() + "' was found neither at "
                    + p.toAbsolutePath() + " nor at " + q.toAbsolutePath() + ": restore it or run the probe from the folder "
                    + "the session was made in.");
        }
        return q;
    }

    /** A text encoder whose outputs go through a map (text vectors into the speech space). */
    static TextEncoder mapped(TextEncoder inner, UnaryOperator<float[]> op) {
        return new TextEncoder() {
            @Override
            public org.crossmodal.workbench.encoder.EncoderInfo info() {
                return inner.info();
            }

            @Override
            public float[][] encode(List<String> inputs, ProgressListener progress, Cancellation cancel) {
                float[][] v = inner.encode(inputs, progress, cancel);
                for (int i = 0; i < v.length; i++) v[i] = op.apply(v[i]);
                return v;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
