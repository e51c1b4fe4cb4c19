package org.crossmodal.workbench.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.gui.map.ColorMode;
import org.crossmodal.workbench.gui.map.MapData;
import org.crossmodal.workbench.gui.task.TaskExecutor;

/**
 * The state of the window and its actions, free of views: it asks the {@link WorkbenchBackend}
 * through a {@link TaskExecutor}, so it is tested on the calling thread without the FX toolkit.
 */
public final class WorkbenchViewModel {
    private final WorkbenchBackend backend;
    private final TaskExecutor executor;
    private final AppFiles files;

    private final ObjectProperty<MapData> map = new SimpleObjectProperty<>(this, "map", MapData.empty());
    private final StringProperty emptyMessage = new SimpleStringProperty(this, "emptyMessage", "Loading…");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ObjectProperty<BitSet> areaSelection = new SimpleObjectProperty<>(this, "areaSelection", new BitSet());
    private final ObservableList<NeighbourRow> neighbours = FXCollections.observableArrayList();
    private final StringProperty neighbourSummary = new SimpleStringProperty(this, "neighbourSummary",
            "Click a point on the map to see its nearest neighbours.");
    private final BooleanProperty csls = new SimpleBooleanProperty(this, "csls", false);
    private final BooleanProperty includeOwn = new SimpleBooleanProperty(this, "includeOwn", false);
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", 10);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
    private final ObjectProperty<BitSet> matches = new SimpleObjectProperty<>(this, "matches", null);
    private final StringProperty searchInfo = new SimpleStringProperty(this, "searchInfo", "");
    private final ObjectProperty<ColorMode> colorMode = new SimpleObjectProperty<>(this, "colorMode", ColorMode.MODALITY);
    private final BooleanProperty showLines = new SimpleBooleanProperty(this, "showLines", true);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final ObjectProperty<MetricsReport> metrics = new SimpleObjectProperty<>(this, "metrics");
    private final BooleanProperty projecting = new SimpleBooleanProperty(this, "projecting", false);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final StringProperty lastError = new SimpleStringProperty(this, "lastError");
    private final ObjectProperty<Path> sessionFile = new SimpleObjectProperty<>(this, "sessionFile");
    private final BooleanProperty modified = new SimpleBooleanProperty(this, "modified", false);
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProjectionSettings> projectionSettings =
            new SimpleObjectProperty<>(this, "projectionSettings", ProjectionSettings.defaults());

    private final ObjectProperty<WorkbenchBackend.ModelsReport> models = new SimpleObjectProperty<>(this, "models");
    private final ObjectProperty<WorkbenchBackend.AlignmentReport> alignment = new SimpleObjectProperty<>(this, "alignment");
    private final PauseGate gate = new PauseGate();
    private volatile org.crossmodal.workbench.core.Cancellation projectionCancel;
    private IntConsumer onJump = i -> { };
    /** Only the answer to the latest neighbour question is shown. */
    private long neighbourTicket;

    public WorkbenchViewModel(WorkbenchBackend backend, TaskExecutor executor, AppFiles files) {
        this.backend = backend;
        this.executor = executor;
        this.files = files;
        recentFiles.setAll(files.recentFiles());
        search.addListener((o, a, b) -> updateSearch());
        regex.addListener((o, a, b) -> updateSearch());
        csls.addListener((o, a, b) -> refreshNeighbours());
        includeOwn.addListener((o, a, b) -> refreshNeighbours());
        k.addListener((o, a, b) -> refreshNeighbours());
        map.addListener((o, a, b) -> {
            if (a == null || a.size() != b.size()) updateSearch();
        });
    }

    // ---- properties ---------------------------------------------------------------------

    public WorkbenchBackend backend() { return backend; }
    public TaskExecutor executor() { return executor; }
    public AppFiles files() { return files; }
    public ObjectProperty<MapData> mapProperty() { return map; }
    public StringProperty emptyMessageProperty() { return emptyMessage; }
    public StringProperty descriptionProperty() { return description; }
    public IntegerProperty selectedProperty() { return selected; }
    public ObjectProperty<BitSet> areaSelectionProperty() { return areaSelection; }
    public ObservableList<NeighbourRow> neighbours() { return neighbours; }
    public StringProperty neighbourSummaryProperty() { return neighbourSummary; }
    public BooleanProperty cslsProperty() { return csls; }
    public BooleanProperty includeOwnProperty() { return includeOwn; }
    public IntegerProperty kProperty() { return k; }
    public StringProperty searchProperty() { return search; }
    public BooleanProperty regexProperty() { return regex; }
    /** Indices matching the search, or null when the search is empty. */
    public ObjectProperty<BitSet> matchesProperty() { return matches; }
    public StringProperty searchInfoProperty() { return searchInfo; }
    public ObjectProperty<ColorMode> colorModeProperty() { return colorMode; }
    public BooleanProperty showLinesProperty() { return showLines; }
    public BooleanProperty darkProperty() { return dark; }
    public ObjectProperty<MetricsReport> metricsProperty() { return metrics; }
    public BooleanProperty projectingProperty() { return projecting; }
    public BooleanProperty pausedProperty() { return paused; }
    public BooleanProperty busyProperty() { return busy; }
    /** The last error for the user (the view shows it); set anew for each error. */
    public StringProperty lastErrorProperty() { return lastError; }
    public ObjectProperty<Path> sessionFileProperty() { return sessionFile; }
    public BooleanProperty modifiedProperty() { return modified; }
    public ObservableList<Path> recentFiles() { return recentFiles; }
    public ObjectProperty<ProjectionSettings> projectionSettingsProperty() { return projectionSettings; }

    public ObjectProperty<WorkbenchBackend.ModelsReport> modelsProperty() { return models; }
    public ObjectProperty<WorkbenchBackend.AlignmentReport> alignmentProperty() { return alignment; }

    /** Called with a map index when the map should centre on it (double-click in the neighbour list). */
    public void setOnJump(IntConsumer c) { onJump = c; }

    // ---- start ---------------------------------------------------------------------------

    /** Opens a session file if given, else the built-in demo, else explains why there is nothing to show. */
    public void start(Path session) {
        if (session != null) {
            open(session);
            return;
        }
        emptyMessage.set("Loading the built-in demo…");
        LiveMap live = liveMap();
        record Demo(String unavailable, SessionSnapshot snapshot) { }
        // even the check lists the installed models (reads their folders), so it runs off the UI thread too
        run("Opening the demo", (p, c) -> {
            String why = backend.demoUnavailableReason();
            return why != null ? new Demo(why, null) : new Demo(null, backend.openDemo(p, c, live));
        }, demo -> {
            if (demo.unavailable() != null) {
                emptyMessage.set("The built-in demo is not available.\n" + demo.unavailable()
                        + "\nOpen a session (Ctrl+O) or audio files (Ctrl+Shift+O), or drop files here.");
                executor.monitor().say("The built-in demo is not available");
                return;
            }
            show(demo.snapshot());
            sessionFile.set(null);
            modified.set(false);
        });
    }

    /** Whether a previous run ended without closing and left an autosaved session to recover. */
    public Path recoverableSession() {
        return files.recoverable();
    }

    // ---- selection and neighbours ---------------------------------------------------------

    /** Selects a point (or clears the selection with -1) and lists its neighbours. */
    public void select(int index) {
        MapData d = map.get();
        if (index < 0 || index >= d.size()) {
            neighbourTicket++;
            selected.set(-1);
            neighbours.clear();
            neighbourSummary.set("Click a point on the map to see its nearest neighbours.");
            return;
        }
        selected.set(index);
        refreshNeighbours();
    }

    /** Selects the points inside a box or lasso. */
    public void selectArea(BitSet points) {
        areaSelection.set(points == null ? new BitSet() : (BitSet) points.clone());
        int n = areaSelection.get().cardinality();
        // a plain click clears the area (n = 0) and selects one point, whose neighbours the side panel shows
        if (n > 0) executor.monitor().say(n + " point" + (n == 1 ? "" : "s") + " selected");
    }

    /** Selects an item by id and asks the map to centre on it. */
    public void jumpTo(String itemId) {
        int i = map.get().indexOf(itemId);
        if (i < 0) return;
        select(i);
        onJump.accept(i);
    }

    public Item selectedItem() {
        int i = selected.get();
        return i < 0 || i >= map.get().size() ? null : map.get().item(i);
    }

    private void refreshNeighbours() {
        Item it = selectedItem();
        if (it == null) return;
        NeighbourQuery q = new NeighbourQuery(k.get(), csls.get(), includeOwn.get());
        long ticket = ++neighbourTicket;
        neighbourSummary.set(it.label() + ": finding neighbours…");
        executor.submitQuiet((p, c) -> backend.neighbours(it.id(), q), r -> {
            if (ticket == neighbourTicket) showNeighbours(it, r, false);
        }, t -> {
            if (ticket != neighbourTicket) return;
            neighbours.clear();
            neighbourSummary.set(it.label() + ": no neighbours (" + message(t) + ")");
        });
    }

    /**
     * Lists the recordings nearest to a pronunciation in IPA (the built-in phoneme tower); the map selection is
     * cleared, since the query is not one of its points.
     */
    public void lookUpIpa(String ipa) {
        if (ipa == null || ipa.isBlank()) {
            neighbourSummary.set("Type a pronunciation in IPA first, for example h\u02c8\u00e6p\u0259nd.");
            return;
        }
        String text = ipa.strip();
        String shown = org.crossmodal.workbench.workflow.TextQuery.typedIpa(text);
        NeighbourQuery q = new NeighbourQuery(k.get(), csls.get(), false);
        long ticket = ++neighbourTicket;
        selected.set(-1);
        neighbourSummary.set("/" + shown + "/: finding recordings…");
        executor.submitQuiet((p, c) -> backend.neighboursOfIpa(text, q), r -> {
            if (ticket == neighbourTicket) showNeighbours(r.query(), r, true);
        }, t -> {
            if (ticket != neighbourTicket) return;
            neighbours.clear();
            neighbourSummary.set("/" + shown + "/: no neighbours (" + message(t) + ")");
        });
    }

    /** Fills the list; pronunciation: the query is a pronunciation looked up by the phoneme tower, not an item. */
    private void showNeighbours(Item it, NeighbourResult r, boolean pronunciation) {
        List<NeighbourRow> rows = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (NeighbourResult.Neighbour n : r.neighbours()) {
            lo = Math.min(lo, n.score());
            hi = Math.max(hi, n.score());
        }
        double floor = Math.min(0, lo);
        int rank = 1;
        for (NeighbourResult.Neighbour n : r.neighbours()) {
            double bar = hi > floor ? (n.score() - floor) / (hi - floor) : 1;
            rows.add(new NeighbourRow(rank++, n.item(), n.score(), Math.max(0, Math.min(1, bar)), n.trueMatch()));
        }
        neighbours.setAll(rows);
        String who = pronunciation ? "pronunciation /" + it.label() + "/ (builtin-ipa)"
                : it.modality() == Modality.SPEECH ? "spoken \u201c" + it.label() + "\u201d" : "text \u201c" + it.label() + "\u201d";
        String rankText = pronunciation ? "nearest recordings" : r.trueMatchRank() > 0 ? "true match ranked " + r.trueMatchRank()
                : "no true match in the other modality";
        neighbourSummary.set(who + (it.speaker() != null ? " (" + it.speaker() + ")" : "") + ": " + rankText + " · "
                + r.measure());
    }

    /** Plays a spoken item, or says why it cannot. */
    public void play(Item item) {
        if (item == null || item.modality() != Modality.SPEECH) return;
        String why = backend.audio().playbackUnavailableReason();
        if (why != null) {
            error("Cannot play \u201c" + item.label() + "\u201d: " + why);
            return;
        }
        try {
            backend.playItem(item.id());
            executor.monitor().say("Playing \u201c" + item.label() + "\u201d");
        } catch (RuntimeException e) {
            error("Cannot play \u201c" + item.label() + "\u201d: " + message(e));
        }
    }

    // ---- search ----------------------------------------------------------------------------

    private void updateSearch() {
        String q = search.get() == null ? "" : search.get().strip();
        MapData d = map.get();
        if (q.isEmpty()) {
            matches.set(null);
            searchInfo.set("");
            return;
        }
        Pattern p;
        try {
            p = regex.get() ? Pattern.compile(q, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    : Pattern.compile(Pattern.quote(q), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            matches.set(new BitSet());
            searchInfo.set("Not a valid regular expression: " + e.getDescription());
            return;
        }
        BitSet m = new BitSet();
        for (int i = 0; i < d.size(); i++) {
            Item it = d.item(i);
            if (p.matcher(it.label()).find() || (it.speaker() != null && p.matcher(it.speaker()).find())) m.set(i);
        }
        matches.set(m);
        int c = m.cardinality();
        searchInfo.set(c == 0 ? "No matches" : c + " match" + (c == 1 ? "" : "es"));
    }

    /** Selects the first search match (Enter in the search box) and centres the map on it. */
    public void selectFirstMatch() {
        BitSet m = matches.get();
        if (m == null || m.isEmpty()) return;
        int i = m.nextSetBit(0);
        select(i);
        onJump.accept(i);
    }

    // ---- projection ----------------------------------------------------------------------

    /** Recomputes the map with the given settings; snapshots animate the map as they arrive. */
    public void runProjection(ProjectionSettings s) {
        if (projecting.get()) {
            if (paused.get()) togglePause();
            return;
        }
        projectionSettings.set(s);
        projecting.set(true);
        paused.set(false);
        gate.resume();
        LiveMap live = liveMap();
        executor.submit("Projecting (" + s.method() + ")", (progress, cancel) -> {
            projectionCancel = cancel;
            return backend.project(s, new LiveMap() {
                @Override
                public void begin(List<Item> items) {
                    live.begin(items);
                }

                @Override
                public void frame(float[] xy) {
                    gate.await(cancel);
                    live.frame(xy);
                }
            }, (stage, done, total) -> {
                gate.await(cancel);
                progress.update(stage, done, total);
            }, cancel);
        },
                snap -> {
                    projecting.set(false);
                    paused.set(false);
                    show(snap);
                    modified.set(true);
                },
                t -> {
                    projecting.set(false);
                    paused.set(false);
                    if (!(t instanceof CancelledException)) error("Projection failed: " + message(t));
                });
    }

    /**
     * A live map that shows frames as they come: at most one pending frame is handed to the UI thread
     * at a time (later frames replace it), so a fast projection cannot flood the UI.
     */
    private LiveMap liveMap() {
        AtomicReference<float[]> pending = new AtomicReference<>();
        AtomicReference<List<Item>> items = new AtomicReference<>();
        return new LiveMap() {
            @Override
            public void begin(List<Item> list) {
                items.set(List.copyOf(list));
            }

            @Override
            public void frame(float[] xy) {
                if (pending.getAndSet(xy) != null) return;
                executor.runOnUi(() -> {
                    float[] p = pending.getAndSet(null);
                    List<Item> its = items.get();
                    if (p == null || its == null || p.length != 2 * its.size()) return;
                    MapData d = map.get();
                    if (sameItems(d, its)) {
                        map.set(d.withXY(p));
                    } else {
                        map.set(MapData.of(its, p, null));
                        select(-1);
                    }
                });
            }
        };
    }

    private static boolean sameItems(MapData d, List<Item> items) {
        if (d.size() != items.size()) return false;
        for (int i = 0; i < items.size(); i++) if (!d.item(i).id().equals(items.get(i).id())) return false;
        return true;
    }

    /** Pauses or resumes a running projection. */
    public void togglePause() {
        if (!projecting.get()) return;
        if (gate.isPaused()) {
            gate.resume();
            paused.set(false);
        } else {
            gate.pause();
            paused.set(true);
        }
    }

    /** Cancels the running projection (the map keeps its last snapshot). */
    public void cancelProjection() {
        org.crossmodal.workbench.core.Cancellation c = projectionCancel;
        if (c != null) c.cancel();
        gate.resume();
    }

    // ---- adding things ---------------------------------------------------------------------

    /** Adds typed words or phrases (one per line or separated by commas). */
    public void addTexts(String typed) {
        List<String> words = new ArrayList<>();
        for (String s : typed.split("[\\n,;]")) {
            if (!s.isBlank()) words.add(s.strip());
        }
        if (words.isEmpty()) {
            error("Type a word or phrase first (several may be separated by commas).");
            return;
        }
        run("Adding " + words.size() + " text" + (words.size() == 1 ? "" : "s"),
                (p, c) -> backend.addTexts(words, p, c), snap -> {
                    show(snap);
                    modified.set(true);
                    select(map.get().size() - 1);
                });
    }

    /** Adds audio files, folders or manifests. */
    public void addFiles(List<Path> paths) {
        if (paths.isEmpty()) return;
        for (Path p : paths) {
            if (!Files.exists(p)) {
                error("Cannot add " + p + ": no such file or folder.");
                return;
            }
        }
        run("Adding " + describe(paths), (p, c) -> backend.addFiles(paths, p, c), snap -> {
            show(snap);
            modified.set(true);
        });
    }

    /** Adds a recording; on success the new item is selected and its neighbours listed. */
    public void addRecording(float[] samples, int rate, String label, Runnable done) {
        run("Adding the recording", (p, c) -> backend.addRecording(samples, rate, label, p, c), snap -> {
            show(snap);
            modified.set(true);
            select(map.get().size() - 1);
            onJump.accept(map.get().size() - 1);
            if (done != null) done.run();
        });
    }

    // ---- files -----------------------------------------------------------------------------

    public void open(Path file) {
        if (!Files.isRegularFile(file)) {
            error("Cannot open " + file + ": no such file. Choose a session file (.cmw) saved by the workbench.");
            return;
        }
        run("Opening " + file.getFileName(), (p, c) -> backend.openSession(file, p, c), snap -> {
            show(snap);
            sessionFile.set(file);
            modified.set(false);
            remember(file);
            if (snap.items().isEmpty()) runProjection(projectionSettings.get());
        });
    }

    /**
     * Opens the autosave of a run that crashed. The session is marked unsaved and has no file, so Save asks
     * where to put it (the autosave file itself is removed when the window closes normally).
     */
    public void recover(Path autosave) {
        run("Recovering the autosaved session", (p, c) -> backend.openSession(autosave, p, c), snap -> {
            show(snap);
            sessionFile.set(null);
            modified.set(true);
            if (snap.items().isEmpty()) runProjection(projectionSettings.get());
        });
    }

    public void save(Path file, Runnable after) {
        run("Saving " + file.getFileName(), (p, c) -> {
            backend.saveSession(file, p, c);
            return file;
        }, f -> {
            sessionFile.set(f);
            modified.set(false);
            remember(f);
            if (after != null) after.run();
        });
    }

    /** Saves to the autosave file if the session changed (called on a timer by the window). */
    public void autosave() {
        if (!modified.get() || busy.get()) return;
        Path target = files.autosaveFile();
        executor.submit("Autosaving", (p, c) -> {
            backend.saveSession(target, p, c);
            return target;
        }, f -> executor.monitor().say("Autosaved"), t -> error("Autosave to " + target + " failed: " + message(t)));
    }

    public void exportData(Path target, String format) {
        run("Exporting " + format, (p, c) -> {
            backend.exportData(target, format, p, c);
            return target;
        }, f -> executor.monitor().say("Exported " + format + " to " + f));
    }

    public void computeMetrics() {
        if (map.get().isEmpty()) return;
        boolean useCsls = csls.get();
        run("Computing metrics", (p, c) -> backend.metrics(useCsls, p, c), metrics::set);
    }

    /**
     * Embeds the session again with the chosen models (names or folders; null for the default) and maps it; with
     * {@code normaliseVoices} each speaker's recordings are first resampled by the factor that brings them nearest
     * the words (the status line names the speakers that moved).
     */
    public void reembed(String speechModel, String textModel, boolean normaliseVoices) {
        LiveMap live = liveMap();
        run("Embedding with " + (speechModel == null ? "the default speech model" : speechModel) + " and "
                + (textModel == null ? "the default text model" : textModel) + (normaliseVoices ? ", normalising voices" : ""),
                (p, c) -> backend.reembed(speechModel, textModel, normaliseVoices, p, c, live),
                snap -> {
                    show(snap);
                    modified.set(true);
                    metrics.set(null);
                    executor.monitor().say(snap.description()); // names added items that could not be kept
                });
    }

    /** Runs an alignment method (with a dictionary file for supervised methods, or null). */
    public void align(String method, Path dictionary) {
        if (map.get().isEmpty()) {
            error("There is nothing to align: open a session or the demo first.");
            return;
        }
        record Aligned(WorkbenchBackend.AlignmentReport report, SessionSnapshot snapshot) { }
        run("Aligning (" + method + ")", (p, c) -> {
            WorkbenchBackend.AlignmentReport r = backend.align(method, dictionary, p, c);
            return new Aligned(r, backend.snapshot());
        }, a -> {
            alignment.set(a.report());
            metrics.set(a.report().after());
            show(a.snapshot());
            modified.set(true);
        });
    }

    private void remember(Path file) {
        files.addRecent(file);
        recentFiles.setAll(files.recentFiles());
    }

    // ---- plumbing --------------------------------------------------------------------------

    /** Shows a snapshot on the map, keeping the selection when the items are unchanged. */
    public void show(SessionSnapshot snap) {
        MapData old = map.get();
        Item keep = selectedItem();
        MapData d = MapData.of(snap.items(), snap.xy(), snap.nnIsTrueMatch());
        map.set(d);
        description.set(snap.description());
        try {
            models.set(backend.models());
        } catch (RuntimeException e) {
            models.set(null);
        }
        if (d.isEmpty()) emptyMessage.set("This session has no items yet.\nAdd audio files, record, or type words.");
        updateSearch();
        if (keep != null && d.indexOf(keep.id()) >= 0) {
            selected.set(d.indexOf(keep.id()));
            refreshNeighbours();
        } else if (old.size() != d.size()) {
            select(-1);
        }
    }

    private <T> void run(String title, org.crossmodal.workbench.gui.task.Job<T> job, java.util.function.Consumer<T> ok) {
        busy.set(true);
        executor.submit(title, job, r -> {
            busy.set(false);
            ok.accept(r);
        }, t -> {
            busy.set(false);
            if (!(t instanceof CancelledException)) error(title + " failed: " + message(t));
        });
    }

    void error(String text) {
        lastError.set(null);
        lastError.set(text);
        executor.monitor().say(text);
    }

    static String message(Throwable t) {
        if (t instanceof WorkbenchException || t instanceof IllegalArgumentException) return t.getMessage();
        if (t instanceof IOException) return "input/output error: " + t.getMessage();
        if (t instanceof OutOfMemoryError) return "not enough memory; start the workbench with a larger -Xmx";
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String describe(List<Path> paths) {
        return paths.size() == 1 ? paths.get(0).getFileName().toString()
                : String.format(Locale.ROOT, "%d files and folders", paths.size());
    }
}
