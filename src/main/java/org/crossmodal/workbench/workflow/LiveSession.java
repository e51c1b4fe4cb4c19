package org.crossmodal.workbench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.session.Session;

/**
 * One session being explored interactively (the window's use cases): open the demo or a file, make
 * the map with live snapshots, add recordings, files and typed words to the existing map without
 * recomputing it, save. Not thread-safe: the caller runs one operation at a time.
 */
public final class LiveSession {
    /** Receives the layout of a map being made: first its items, then snapshots of their positions. */
    public interface MapListener {
        MapListener NONE = new MapListener() {
            @Override public void begin(List<Item> items) { }
            @Override public void frame(float[] xy) { }
        };

        /** The items of the coming snapshots, in their order. */
        void begin(List<Item> items);

        /** x,y interleaved in the order given to {@link #begin}; called from the worker thread. */
        void frame(float[] xy);
    }

    /**
     * What the map shows: items in map order and their coordinates (empty when there is no map yet).
     *
     * @param items the items on the map
     * @param xy    x0,y0,x1,y1,...
     * @param map   the projection's name, or null
     */
    public record Layout(List<Item> items, float[] xy, String map) { }

    private final EncoderProvider encoders;
    private final AudioInput audioInput;
    private final Path cacheFolder;
    private Session session = new Session();
    private String map;
    private String description = "";
    private VoiceNormalisation.Report voiceReport;
    private RetrievalContext retrieval;
    private Map<String, Boolean> nnCache;

    public LiveSession(EncoderProvider encoders, AudioInput audioInput, Path cacheFolder) {
        this.encoders = encoders;
        this.audioInput = audioInput;
        this.cacheFolder = cacheFolder;
    }

    /** The standard models, decoders and embedding cache. */
    public static LiveSession standard() {
        return new LiveSession(RegistryEncoders.standard(), AudioFiles.standard(), EmbedWorkflow.defaultCacheFolder());
    }

    public Session session() { return session; }
    public String description() { return description; }

    /** The models that can be used, with their problems. */
    public List<ModelSummary> models() {
        return encoders.available();
    }

    /** Why the demo in {@code demoDir} cannot be opened (missing corpus or speech model), or null when it can. */
    public String demoProblem(Path demoDir) {
        Path manifest = demoDir.resolve("manifest.tsv");
        if (!Files.isRegularFile(manifest)) return "The demo corpus was not found (" + manifest + ").";
        if (!Files.isRegularFile(demoDir.resolve("words.txt"))) return "The demo word list was not found (" + demoDir.resolve("words.txt") + ").";
        try {
            for (ModelSummary m : encoders.available()) {
                if (m.modality() == Modality.SPEECH && m.isDefault() && m.usable()) return null;
            }
        } catch (RuntimeException e) {
            return "The models cannot be listed: " + e.getMessage();
        }
        return "No speech model is installed (the built-in one is looked for under models/; see 'workbench models').";
    }

    /**
     * Embeds the demo (cached) and makes its map. The finished session is kept in the cache folder under a
     * key over the corpus, the models and the settings, so the next start opens it without recomputing.
     */
    public void openDemo(Path demoDir, ProjectSettings settings, ProgressListener progress, Cancellation cancel,
                         MapListener live) {
        String key = cacheFolder == null ? null : demoKey(demoDir, settings);
        Path cached = key == null ? null : cacheFolder.resolve("maps").resolve("demo-" + key + ".cmw");
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                progress.update("opening the cached demo map", 0, -1);
                open(cached);
                if (map != null) {
                    description = "demo: " + session.items().size() + " items";
                    return;
                }
            } catch (WorkbenchException e) {
                // an unreadable cache entry is recomputed below and overwritten
            }
        }
        computeDemo(demoDir, settings, progress, cancel, live);
        if (cached != null) {
            try {
                Files.createDirectories(cached.getParent());
                SessionWorkflow.save(session, cached, cancel);
            } catch (java.io.IOException | WorkbenchException e) {
                // the cache is an optimisation: the demo is open, only the next start is slower
            }
        }
    }

    /**
     * Embeds the session's recordings and words again with other models (names or model folders; null for
     * the default) and makes a new map. Only sessions made from a dataset can be re-embedded (their
     * provenance names the recordings and the words). Items added by hand since (typed words, added audio
     * files, recordings made in the window, whose audio the session keeps) are encoded with the new models too
     * and kept; one whose input is no longer available (an audio file that was moved, a recording in a session
     * saved by an older workbench, which did not keep its audio) is left out and named in {@link #description()}. On failure the session stays as it was.
     */
    public void reembed(String speechModel, String textModel, ProjectSettings settings, ProgressListener progress,
                        Cancellation cancel, MapListener live) {
        reembed(speechModel, textModel, false, settings, progress, cancel, live);
    }

    /**
     * As {@link #reembed(String, String, ProjectSettings, ProgressListener, Cancellation, MapListener)}, with voice
     * normalisation per speaker ({@link VoiceNormalisation}) when {@code normaliseVoices} is set; what it chose for each
     * speaker is in {@link #voiceReport()} and, in short, in {@link #description()}.
     */
    public void reembed(String speechModel, String textModel, boolean normaliseVoices, ProjectSettings settings,
                        ProgressListener progress, Cancellation cancel, MapListener live) {
        String audio = session.provenance().get("audio"), text = session.provenance().get("text");
        if (audio == null && text == null) {
            throw new WorkbenchException("This session does not name the recordings and words it was made from, so it "
                    + "cannot be embedded again. Use 'workbench embed' with the models you want.");
        }
        if (normaliseVoices && (audio == null || text == null)) {
            throw new WorkbenchException("Voice normalisation compares each speaker's recordings with the words, and this session was made "
                    + (audio == null ? "without recordings" : "without a words file") + ". Re-embed without it.");
        }
        EmbedWorkflow.Options o = new EmbedWorkflow.Options(audio == null ? null : Path.of(audio), text == null ? null : Path.of(text),
                speechModel, textModel, 0, Boolean.parseBoolean(session.provenance().get("trimSilence")), false, 32, normaliseVoices);
        EmbedWorkflow.Result result = new EmbedWorkflow(encoders, audioInput, cacheFolder).run(o, progress, cancel);
        Session fresh = result.session();
        Session old = session;
        String oldMap = map;
        session = fresh;
        map = null;
        retrieval = null;
        nnCache = null;
        List<String> left;
        int kept;
        List<VoiceNormalisation.SpeakerChoice> handChoices = new ArrayList<>();
        try {
            List<Item> byHand = new ArrayList<>();
            for (Item it : old.items()) if (!fresh.hasItem(it.id())) byHand.add(it);
            left = new ArrayList<>();
            kept = reencode(byHand, old, left, normaliseVoices, handChoices, progress, cancel);
            project(settings, progress, cancel, live);
        } catch (RuntimeException e) {
            session = old;
            map = oldMap;
            retrieval = null;
            nnCache = null;
            throw e;
        }
        voiceReport = result.voices();
        if (voiceReport != null && !handChoices.isEmpty()) {
            List<VoiceNormalisation.SpeakerChoice> all = new ArrayList<>(voiceReport.speakers());
            all.addAll(handChoices);
            voiceReport = new VoiceNormalisation.Report(all, voiceReport.options());
        }
        description = "re-embedded: " + session.items().size() + " items"
                + (voiceReport == null ? "" : "; " + voiceReport.summary())
                + (kept > 0 ? " (" + kept + " added by hand kept)" : "")
                + (left.isEmpty() ? "" : "; left out: " + String.join("; ", left));
    }

    /**
     * Encodes items added by hand into the current session's spaces with its models; returns how many were
     * added, and names in {@code left} those that could not be (no input, no space of their modality).
     */
    private int reencode(List<Item> byHand, Session old, List<String> left, boolean normaliseVoices,
                         List<VoiceNormalisation.SpeakerChoice> choices, ProgressListener progress, Cancellation cancel) {
        List<String> words = new ArrayList<>();
        List<Item> speech = new ArrayList<>();
        for (Item it : byHand) {
            if (it.modality() == Modality.TEXT) {
                words.add(it.label());
            } else if (old.audio(it.id()) != null
                    || (it.source() != null && !it.source().equals("microphone") && Files.isRegularFile(Path.of(it.source())))) {
                speech.add(it);
            } else {
                left.add("\u201c" + it.label() + "\u201d (" + (it.source() == null || it.source().equals("microphone")
                        ? "a recording whose audio was not kept" : it.source() + " not found") + ")");
            }
        }
        int added = 0;
        if (!words.isEmpty()) {
            if (session.spaces(Modality.TEXT).isEmpty()) {
                left.add(words.size() + " typed text(s) (the dataset has no words, so there is no text space)");
            } else {
                // typed words keep their ids (text/ + the word), so addTexts makes the same items again
                added += addTexts(words, progress, cancel).size();
            }
        }
        if (!speech.isEmpty()) {
            if (session.spaces(Modality.SPEECH).isEmpty()) {
                left.add(speech.size() + " recording(s) (the dataset has no recordings, so there is no speech space)");
                return added;
            }
            EmbeddingSet space = space(Modality.SPEECH);
            float[][] rows;
            try (SpeechEncoder enc = encoders.openSpeech(modelOf(space), 0)) {
                List<float[]> waves = new ArrayList<>();
                for (int i = 0; i < speech.size(); i++) {
                    cancel.check();
                    progress.update("decoding audio added by hand", i, speech.size());
                    Item it = speech.get(i);
                    Audio kept = old.audio(it.id());
                    waves.add(kept != null ? kept.toMono(enc.sampleRate()).samples()
                            : audioInput.load(Path.of(it.source()), enc.sampleRate(), false));
                }
                if (normaliseVoices && !session.spaces(Modality.TEXT).isEmpty()) {
                    rows = normaliseByHand(speech, waves, enc, choices, progress, cancel);
                } else {
                    rows = enc.encode(waves, progress, cancel);
                }
            }
            addPlaced(space, speech, rows, progress, cancel);
            if (!choices.isEmpty()) {
                EmbeddingSet now = space(Modality.SPEECH);
                org.crossmodal.workbench.core.Provenance p = VoiceNormalisation.record(now.provenance(), choices);
                session.putSpace(new EmbeddingSet(now.space(), now.modality(), now.itemIds(), now.dim(), now.data(), now.sharedSpace(), p));
            }
            for (Item it : speech) {
                Audio kept = old.audio(it.id());
                if (kept != null) session.putAudio(it.id(), kept);
            }
            added += speech.size();
        }
        return added;
    }

    /**
     * Recordings added by hand, normalised per speaker against the session's words (a recording made in the window
     * has the speaker "microphone"); their speakers' choices are added to {@code choices}.
     */
    private float[][] normaliseByHand(List<Item> speech, List<float[]> waves, SpeechEncoder enc,
                                      List<VoiceNormalisation.SpeakerChoice> choices, ProgressListener progress, Cancellation cancel) {
        float[][] gallery = session.spaces(Modality.TEXT).getFirst().rows();
        Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
        for (int i = 0; i < speech.size(); i++) {
            String who = speech.get(i).speaker() == null ? "" : speech.get(i).speaker();
            bySpeaker.computeIfAbsent(who, k -> new ArrayList<>()).add(i);
        }
        float[][] rows = new float[speech.size()][];
        for (Map.Entry<String, List<Integer>> g : bySpeaker.entrySet()) {
            List<float[]> w = new ArrayList<>();
            for (int i : g.getValue()) w.add(waves.get(i));
            VoiceNormalisation.Normalised n = VoiceNormalisation.speaker(g.getKey(), w, enc, gallery,
                    VoiceNormalisation.Options.defaults(), progress, cancel);
            for (int k = 0; k < g.getValue().size(); k++) rows[g.getValue().get(k)] = n.rows()[k];
            choices.add(n.choice());
        }
        return rows;
    }

    /** SHA-256 (or null when a file cannot be read) over the demo's manifest and words, the default models' files (size, time) and the map settings. */
    private String demoKey(Path demoDir, ProjectSettings settings) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(demoDir.resolve("manifest.tsv")));
            md.update(Files.readAllBytes(demoDir.resolve("words.txt")));
            for (ModelSummary m : encoders.available()) {
                if (!m.isDefault()) continue;
                md.update((m.name() + "|" + m.dimension() + "|" + m.provenance()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (m.folder() != null && Files.isDirectory(m.folder())) {
                    try (var files = Files.list(m.folder())) {
                        for (Path f : files.sorted().toList()) {
                            md.update((f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis())
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            md.update(settings.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(ProjectionWorkflow.INPUT_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    private void computeDemo(Path demoDir, ProjectSettings settings, ProgressListener progress, Cancellation cancel,
                             MapListener live) {
        EmbedWorkflow.Result r = new EmbedWorkflow(encoders, audioInput, cacheFolder)
                .run(EmbedWorkflow.Options.of(demoDir.resolve("manifest.tsv"), demoDir.resolve("words.txt")), progress, cancel);
        Session s = r.session();
        Session old = session;
        session = s;
        map = null;
        retrieval = null;
        nnCache = null;
        try {
            project(settings, progress, cancel, live);
        } catch (RuntimeException e) {
            session = old;
            throw e;
        }
        voiceReport = null;
        description = "demo: " + s.items().size() + " items";
    }

    /** What voice normalisation chose per speaker in the last re-embedding, or null when it was not asked for. */
    public VoiceNormalisation.Report voiceReport() {
        return voiceReport;
    }

    /** Opens a session file; its latest map is shown (none when it has no map). */
    public void open(Path file) {
        Session s = SessionWorkflow.open(file);
        session = s;
        voiceReport = null;
        map = null;
        retrieval = null;
        nnCache = null;
        for (String name : s.projections().keySet()) map = name;
        description = file.getFileName() + ": " + s.items().size() + " items";
    }

    public void save(Path file, Cancellation cancel) {
        SessionWorkflow.save(session, file, cancel);
    }

    /** The current map. */
    public Layout layout() {
        Projection p = map == null ? null : session.projections().get(map);
        if (p == null) return new Layout(List.of(), new float[0], null);
        List<Item> items = new ArrayList<>(p.size());
        for (String id : p.itemIds()) {
            Item it = session.item(id);
            items.add(it != null ? it : new Item(id, Modality.TEXT, id, null, null));
        }
        return new Layout(items, p.xy().clone(), p.name());
    }

    /** Makes a new map of both spaces, handing snapshots to {@code live}. */
    public void project(ProjectSettings settings, ProgressListener progress, Cancellation cancel, MapListener live) {
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(session, null);
        List<Item> items = new ArrayList<>(in.size());
        for (String id : in.itemIds()) items.add(session.item(id));
        live.begin(items);
        Projection p = ProjectionWorkflow.project(session, settings, null, progress, cancel,
                (iteration, total, xy) -> live.frame(xy));
        map = p.name();
    }

    // ---- adding to the session -----------------------------------------------------------------

    /** Adds typed words or phrases; returns the ids of the items (existing ones for words already present). */
    public List<String> addTexts(List<String> texts, ProgressListener progress, Cancellation cancel) {
        EmbeddingSet space = space(Modality.TEXT);
        List<String> ids = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (String t : texts) {
            String w = t.strip();
            if (w.isEmpty()) continue;
            String id = EmbedWorkflow.TEXT_ID + w;
            ids.add(id);
            if (!session.hasItem(id) && !fresh.contains(w)) fresh.add(w);
        }
        if (fresh.isEmpty()) return ids;
        float[][] rows;
        try (TextEncoder enc = encoders.openText(modelOf(space), speechModelName(), 0)) {
            rows = enc.encode(fresh, progress, cancel);
        }
        List<Item> items = new ArrayList<>();
        for (String w : fresh) items.add(new Item(EmbedWorkflow.TEXT_ID + w, Modality.TEXT, w, null, null));
        addPlaced(space, items, rows, progress, cancel);
        return ids;
    }

    /** Adds a recording (mono samples at {@code sampleRate}); returns its item id. */
    public String addRecording(float[] samples, int sampleRate, String label, ProgressListener progress, Cancellation cancel) {
        if (samples.length == 0) throw new WorkbenchException("The recording is empty; record again.");
        EmbeddingSet space = space(Modality.SPEECH);
        float[] row;
        try (SpeechEncoder enc = encoders.openSpeech(modelOf(space), 0)) {
            float[] wave = sampleRate == enc.sampleRate() ? samples
                    : org.crossmodal.workbench.audio.Resampler.DEFAULT.resample(samples, sampleRate, enc.sampleRate());
            // the microphone's voice was normalised when the session was last embedded: new recordings get its factor
            String f = space.provenance().get("voiceFactor.microphone");
            double factor = f == null ? 1.0 : Double.parseDouble(f);
            if (factor != 1.0) wave = org.crossmodal.workbench.probe.VoiceShift.resample(wave, factor);
            row = enc.encode(List.of(wave), progress, cancel)[0];
        }
        String stamp = Instant.now().toString().replace(':', '-');
        String id = EmbedWorkflow.SPEECH_ID + "recording-" + stamp;
        for (int k = 2; session.hasItem(id); k++) id = EmbedWorkflow.SPEECH_ID + "recording-" + stamp + "-" + k;
        String text = label == null ? "" : label.strip();
        addPlaced(space, List.of(new Item(id, Modality.SPEECH, text, "microphone", "microphone")), new float[][] {row},
                progress, cancel);
        // the samples exist nowhere else: the session keeps them, so they are saved with it
        session.putAudio(id, new Audio(samples.clone(), sampleRate, 1, "microphone"));
        return id;
    }

    /**
     * The audio of a spoken item, for playback: the samples the session keeps (a recording made in the window,
     * at its own rate), else its file decoded at 16 kHz.
     *
     * @throws WorkbenchException saying why there is none (unknown item, no file, file not found, audio not kept)
     */
    public Audio audio(String itemId) {
        Item it = session.item(itemId);
        if (it == null) throw new WorkbenchException("The audio of item '" + itemId + "' is not available: the session has no such item.");
        Audio kept = session.audio(itemId);
        if (kept != null) return kept;
        String src = it.source();
        if (src == null || src.equals("microphone") || !Files.isRegularFile(Path.of(src))) {
            throw new WorkbenchException("The audio of \u201c" + it.label() + "\u201d is not available ("
                    + (src == null ? "no file" : src.equals("microphone")
                    ? "a recording in a session saved by an older workbench, which did not keep its audio"
                    : src + " not found") + ").");
        }
        return new Audio(audioInput.load(Path.of(src), 16_000, false), 16_000, 1, src);
    }

    /** Adds audio files, folders of audio files and manifests; returns the new item ids. */
    public List<String> addAudio(List<Path> paths, ProgressListener progress, Cancellation cancel) {
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        for (Path p : paths) {
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(p) || name.endsWith(".tsv") || name.endsWith(".csv")) {
                Dataset d = Dataset.read(p);
                if (!d.problems().isEmpty()) throw EmbedWorkflow.badRows(d);
                for (Dataset.Entry e : d.entries()) {
                    files.add(e.file());
                    labels.add(e.transcript());
                    speakers.add(e.speaker());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
                labels.add(Dataset.labelFromFileName(p.getFileName().toString()));
                speakers.add(null);
            } else {
                throw new WorkbenchException("Cannot add " + p + ": no such file or folder.");
            }
        }
        if (files.isEmpty()) {
            throw new WorkbenchException("No audio files found in " + paths + ": use WAV, AIFF, FLAC, MP3 or OGG files, "
                    + "a folder of them, or a TSV/CSV manifest.");
        }
        EmbeddingSet space = space(Modality.SPEECH);
        List<Item> items = new ArrayList<>();
        float[][] rows;
        try (SpeechEncoder enc = encoders.openSpeech(modelOf(space), 0)) {
            List<float[]> waves = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                cancel.check();
                progress.update("decoding audio", i, files.size());
                float[] w = audioInput.load(files.get(i), enc.sampleRate(), false);
                if (w.length == 0) throw new WorkbenchException("Audio file " + files.get(i) + " has no samples.");
                waves.add(w);
                String id = EmbedWorkflow.SPEECH_ID + files.get(i).toAbsolutePath().normalize();
                for (int k = 2; session.hasItem(id) || containsId(items, id); k++) {
                    id = EmbedWorkflow.SPEECH_ID + files.get(i).toAbsolutePath().normalize() + "#" + k;
                }
                items.add(new Item(id, Modality.SPEECH, labels.get(i), files.get(i).toString(), speakers.get(i)));
            }
            rows = enc.encode(waves, progress, cancel);
        }
        addPlaced(space, items, rows, progress, cancel);
        return items.stream().map(Item::id).toList();
    }

    private static boolean containsId(List<Item> items, String id) {
        for (Item it : items) if (it.id().equals(id)) return true;
        return false;
    }

    /**
     * Places new rows on the current map (the map itself does not move), then adds the items to the
     * session, their rows to {@code space} and their positions to the map.
     */
    private void addPlaced(EmbeddingSet space, List<Item> items, float[][] rows, ProgressListener progress,
                           Cancellation cancel) {
        for (float[] r : rows) {
            if (r.length != space.dim()) {
                throw new WorkbenchException("The encoder returned " + r.length + " values, but space '" + space.space()
                        + "' has " + space.dim() + ". Open the session with the model that made it.");
            }
        }
        // the same rows in every aligned space made from this one, with the stored preprocessing and map
        Map<String, float[][]> aligned = AlignmentWorkflow.alignedRows(session, space, rows, space.space() + " (new items)");
        Projection p = map == null ? null : session.projections().get(map);
        float[] placed = null;
        if (p != null) {
            MapRows mapped = toMapSpace(p, space, rows, aligned);
            placed = ProjectionWorkflow.place(session, map, mapped.rows(), mapped.space(), rows.length, progress, cancel);
        }
        cancel.check();
        retrieval = null;
        nnCache = null;
        for (Item it : items) session.addItem(it);
        session.putSpace(appended(space, items, rows));
        for (Map.Entry<String, float[][]> e : aligned.entrySet()) {
            session.putSpace(appended(session.space(e.getKey()), items, e.getValue()));
        }
        if (p != null) {
            Map<String, float[]> pos = new HashMap<>();
            for (int i = 0; i < p.size(); i++) pos.put(p.itemIds().get(i), new float[] {p.xy()[2 * i], p.xy()[2 * i + 1]});
            for (int i = 0; i < items.size(); i++) pos.put(items.get(i).id(), new float[] {placed[2 * i], placed[2 * i + 1]});
            List<String> order = ProjectionWorkflow.input(session, spacesOf(p)).itemIds();
            float[] xy = new float[order.size() * 2];
            for (int i = 0; i < order.size(); i++) {
                float[] q = pos.get(order.get(i));
                if (q == null) throw new WorkbenchException("Item '" + order.get(i) + "' has no place on map '" + map + "'. Project again.");
                xy[2 * i] = q[0];
                xy[2 * i + 1] = q[1];
            }
            session.putProjection(new Projection(p.name(), order, xy, p.provenance().with("placed.points",
                    items.size() + (p.provenance().get("placed.points") == null ? 0 : Integer.parseInt(p.provenance().get("placed.points"))))));
        }
    }

    /** The space with the rows of {@code items} appended, counted in its provenance. */
    private static EmbeddingSet appended(EmbeddingSet space, List<Item> items, float[][] rows) {
        List<String> ids = new ArrayList<>(space.itemIds());
        float[] data = new float[(space.size() + rows.length) * space.dim()];
        System.arraycopy(space.data(), 0, data, 0, space.data().length);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, (space.size() + i) * space.dim(), space.dim());
            ids.add(items.get(i).id());
        }
        String before = space.provenance().get("added.interactively");
        return new EmbeddingSet(space.space(), space.modality(), ids, space.dim(), data, space.sharedSpace(),
                space.provenance().with("added.interactively", rows.length + (before == null ? 0 : Integer.parseInt(before))));
    }

    private static List<String> spacesOf(Projection p) {
        String s = p.provenance().get("input.spaces");
        return s == null ? null : List.of(s.split(","));
    }

    /** New rows in a map's input space, and the space they belong to there. */
    private record MapRows(float[] rows, String space) { }

    /**
     * New rows in the map's input space: their aligned rows when the map shows an aligned space made from
     * their space, mapped by the map's alignment when their space is its source, else the rows themselves.
     */
    private MapRows toMapSpace(Projection p, EmbeddingSet space, float[][] rows, Map<String, float[][]> aligned) {
        List<String> shown = spacesOf(p);
        if (shown == null) shown = ProjectionWorkflow.input(session, null).spaces();
        for (String name : shown) {
            float[][] a = aligned.get(name);
            if (a == null) continue;
            int dim = a[0].length;
            float[] out = new float[a.length * dim];
            for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * dim, dim);
            return new MapRows(out, name);
        }
        String alignment = p.provenance().get("input.alignment");
        LinearMap lm = alignment == null ? null : session.alignments().get(alignment);
        boolean mapIt = lm != null && lm.sourceSpace().equals(space.space());
        // prepared as the map's input was (ProjectionWorkflow.apply)
        float[][] mapped = mapIt ? AlignmentWorkflow.mapSource(lm, rows, "new items of " + space.space()) : rows;
        int dim = mapIt ? lm.rows() : space.dim();
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) System.arraycopy(mapped[i], 0, out, i * dim, dim);
        return new MapRows(out, space.space());
    }

    private EmbeddingSet space(Modality m) {
        List<EmbeddingSet> spaces = session.spaces(m).stream().filter(e -> !e.space().contains("@")).toList();
        if (spaces.isEmpty()) {
            throw new WorkbenchException("The session has no " + m.key() + " space to add to. Open the demo or a session "
                    + "with both speech and text first.");
        }
        return spaces.get(0);
    }

    /** The model name of a space made by the embed workflow ("speech:NAME"), or null for the default. */
    private static String modelOf(EmbeddingSet space) {
        int colon = space.space().indexOf(':');
        return colon > 0 ? space.space().substring(colon + 1) : null;
    }

    private String speechModelName() {
        List<EmbeddingSet> sp = session.spaces(Modality.SPEECH).stream().filter(e -> !e.space().contains("@")).toList();
        return sp.isEmpty() ? null : modelOf(sp.get(0));
    }

    // ---- neighbours, metrics, alignment ----------------------------------------------------------

    private RetrievalContext retrieval() {
        if (retrieval == null) retrieval = RetrievalContext.of(session, null);
        return retrieval;
    }

    private RetrievalContext.NeighbourList otherModality(RetrievalContext ctx, String itemId, boolean csls, int k,
                                                         Cancellation cancel) {
        try {
            return ctx.neighbours(itemId, options(csls, k), cancel);
        } catch (WorkbenchException e) {
            if (session.hasItem(itemId) && ctx.alignment() != null) {
                throw new WorkbenchException("\u201c" + session.item(itemId).label() + "\u201d was added after alignment '"
                        + ctx.alignment() + "'; run the alignment again to include it.", e);
            }
            throw e;
        }
    }

    private static org.crossmodal.workbench.retrieval.RetrievalOptions options(boolean csls, int k) {
        var m = csls ? org.crossmodal.workbench.retrieval.RetrievalMethod.CSLS : org.crossmodal.workbench.retrieval.RetrievalMethod.NN;
        return org.crossmodal.workbench.retrieval.RetrievalOptions.defaults(m).withK(k);
    }

    /**
     * The neighbours of an item in the other modality (and, with {@code includeOwn}, its own modality
     * by cosine, merged by score).
     */
    public RetrievalContext.NeighbourList neighbours(String itemId, int k, boolean csls, boolean includeOwn,
                                                     Cancellation cancel) {
        RetrievalContext ctx = retrieval();
        RetrievalContext.NeighbourList other = otherModality(ctx, itemId, csls, k, cancel);
        if (!includeOwn) return other;
        List<RetrievalContext.Neighbour> all = new ArrayList<>(other.neighbours());
        all.addAll(ownNeighbours(ctx.pair(), itemId, k));
        all.sort((a, b) -> Double.compare(b.score(), a.score()));
        return new RetrievalContext.NeighbourList(other.queryId(), other.queryLabel(), other.queryModality(),
                List.copyOf(all.subList(0, Math.min(k, all.size()))), other.trueMatchRank(), other.measure() + " (own modality: cosine)",
                other.candidates());
    }

    /**
     * The recordings nearest to a pronunciation in IPA as typed (see {@link TextQuery#typedIpa}), read by the built-in
     * phoneme tower (see {@link TextQuery}); the IPA is also the label, so no recording is marked as its true match.
     */
    public RetrievalContext.NeighbourList neighboursOfIpa(String ipa, int k, boolean csls, Cancellation cancel) {
        return TextQuery.neighbours(retrieval(), ipa, ProbeWorkflow.BUILTIN_PHONEME_MODEL, null, encoders, options(csls, k), cancel);
    }

    /** Cosine neighbours of an item among the other items of its own modality. */
    private static List<RetrievalContext.Neighbour> ownNeighbours(SpacePair pair, String itemId, int k) {
        boolean speech = pair.speech().itemIds().contains(itemId);
        EmbeddingSet side = speech ? pair.speech() : pair.text();
        List<Item> items = speech ? pair.speechItems() : pair.textItems();
        float[] data = speech ? pair.x() : pair.y();
        int d = pair.d();
        int q = side.itemIds().indexOf(itemId);
        int n = items.size();
        double[] score = new double[n];
        Integer[] idx = new Integer[n];
        double qn = 0;
        for (int c = 0; c < d; c++) qn += (double) data[q * d + c] * data[q * d + c];
        for (int i = 0; i < n; i++) {
            double s = 0, in = 0;
            for (int c = 0; c < d; c++) {
                s += (double) data[q * d + c] * data[i * d + c];
                in += (double) data[i * d + c] * data[i * d + c];
            }
            score[i] = s / Math.sqrt(Math.max(1e-30, qn * in));
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        List<RetrievalContext.Neighbour> out = new ArrayList<>();
        for (int r = 0; r < n && out.size() < k; r++) {
            int i = idx[r];
            if (i == q) continue;
            Item it = items.get(i);
            out.add(new RetrievalContext.Neighbour(it.id(), it.label(), it.modality(), score[i], false));
        }
        return out;
    }

    /** P@k, MRR, hubness and the worst items in both directions. */
    public RetrievalContext.Evaluation evaluate(boolean csls, ProgressListener progress, Cancellation cancel) {
        return retrieval().evaluate(options(csls, 10), progress, cancel);
    }

    /**
     * For each item with a true match: whether its nearest neighbour (cosine) in the other modality is
     * one. Empty when the spaces cannot be compared (no alignment yet). Kept until the session changes.
     */
    public Map<String, Boolean> nearestIsTrueMatch(ProgressListener progress, Cancellation cancel) {
        if (nnCache != null) return nnCache;
        Map<String, Boolean> out = new HashMap<>();
        RetrievalContext ctx;
        try {
            ctx = retrieval();
        } catch (WorkbenchException e) {
            return out;
        }
        RetrievalContext.Evaluation ev = ctx.evaluate(options(false, 10), progress, cancel);
        mark(out, ctx.pair().speechItems(), ev.speechToText().trueRanks());
        mark(out, ctx.pair().textItems(), ev.textToSpeech().trueRanks());
        nnCache = out;
        return out;
    }

    private static void mark(Map<String, Boolean> out, List<Item> items, int[] ranks) {
        for (int i = 0; i < items.size() && i < ranks.length; i++) {
            if (ranks[i] > 0) out.put(items.get(i).id(), ranks[i] == 1);
        }
    }

    /** Aligns the speech space onto the text space; the figures before and after come from {@link #evaluate}. */
    public AlignmentWorkflow.Outcome align(String method, Path dictionary, ProgressListener progress, Cancellation cancel) {
        AlignmentWorkflow.Request base = AlignmentWorkflow.Request.of(method);
        AlignmentWorkflow.Request r = new AlignmentWorkflow.Request(base.method(), dictionary, base.seed(), base.refinement(),
                base.pool(), null, null);
        AlignmentWorkflow.Outcome o = AlignmentWorkflow.align(session, r, progress, cancel);
        retrieval = null;
        nnCache = null;
        return o;
    }

    /** Provenance lines of a modality's space, for the models panel. */
    public String spaceSummary(Modality m) {
        List<EmbeddingSet> spaces = session.spaces(m);
        if (spaces.isEmpty()) return "none";
        EmbeddingSet e = spaces.get(0);
        Map<String, String> shown = new LinkedHashMap<>();
        for (String k : List.of("model", "model.name", "model.sha256", "sha256", "source", "license", "sharedSpace")) {
            String v = e.provenance().get(k);
            if (v != null) shown.put(k, v);
        }
        StringBuilder b = new StringBuilder(e.space()).append(" (").append(e.size()).append(" items, ").append(e.dim())
                .append(" dimensions").append(e.sharedSpace() != null ? ", shared space " + e.sharedSpace() : "").append(')');
        if (e.provenance().get("voiceNormalisation") != null) {
            List<String> moved = new ArrayList<>(), kept = new ArrayList<>();
            long centred = e.provenance().entries().keySet().stream().filter(k -> k.startsWith("voiceCentred.")).count();
            e.provenance().entries().forEach((k, v) -> {
                if (!k.startsWith("voiceFactor.")) return;
                String who = k.substring("voiceFactor.".length());
                if (Double.parseDouble(v) == 1.0) kept.add(who); else moved.add(who + " x" + v);
            });
            b.append("\n  voices normalised: ").append(moved.isEmpty() ? "none moved" : String.join(", ", moved))
                    .append(kept.isEmpty() ? "" : "; factor 1: " + String.join(", ", kept))
                    .append(centred == 0 ? "" : "; " + centred + " of " + (moved.size() + kept.size()) + " speakers centred");
        }
        shown.forEach((k, v) -> b.append("\n  ").append(k).append(": ").append(v));
        return b.toString();
    }

    /** The current map's provenance for display. */
    public Provenance mapProvenance() {
        Projection p = map == null ? null : session.projections().get(map);
        return p == null ? null : p.provenance();
    }
}
