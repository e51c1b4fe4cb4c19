package org.crossmodal.workbench.gui;

import java.io.File;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.gui.map.ColorMode;
import org.crossmodal.workbench.gui.map.MapView;
import org.crossmodal.workbench.gui.task.TaskMonitor;

/**
 * The window's content: menu bar, the map in the centre with its tool bar, the side panels and the
 * status bar. Binds to {@link WorkbenchViewModel}; computes nothing itself.
 */
public final class WorkbenchWindow {
    private static final String LIGHT = "/org/crossmodal/workbench/gui/light.css";
    private static final String DARK = "/org/crossmodal/workbench/gui/dark.css";

    private final WorkbenchViewModel vm;
    private final RecorderViewModel recorder;
    private final BorderPane root = new BorderPane();
    private final MapView map = new MapView();
    private final TabPane tabs = new TabPane();
    private final TextField search = new TextField();
    private Stage stage;
    private boolean showDialogs = true;

    public WorkbenchWindow(WorkbenchViewModel vm) {
        this.vm = vm;
        this.recorder = new RecorderViewModel(vm);
        root.setId("workbench-root");
        root.setTop(menuBar());
        root.setCenter(centre());
        root.setBottom(statusBar(vm.executor().monitor()));

        Tab record = new Tab("Record", scroll(new RecorderPanel(vm, recorder)));
        Tab projection = new Tab("Map", scroll(new ProjectionPanel(vm)));
        Tab models = new Tab("Models", scroll(new ModelsPanel(vm)));
        Tab metrics = new Tab("Metrics", scroll(new MetricsPanel(vm)));
        metrics.setId("metrics-tab");
        Tab probes = ProbesView.tab(vm);
        tabs.getTabs().addAll(record, projection, models, metrics, probes);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefWidth(310);
        tabs.setMinWidth(260);
        NeighbourPanel neighbours = new NeighbourPanel(vm);
        neighbours.setPrefWidth(320);
        neighbours.setMinWidth(260);
        SplitPane split = new SplitPane(tabs, root.getCenter(), neighbours);
        split.setDividerPositions(0.22, 0.77);
        SplitPane.setResizableWithParent(tabs, false);
        SplitPane.setResizableWithParent(neighbours, false);
        root.setCenter(split);

        map.dataProperty().bind(vm.mapProperty());
        map.colorModeProperty().bind(vm.colorModeProperty());
        map.showLinesProperty().bind(vm.showLinesProperty());
        map.darkProperty().bind(vm.darkProperty());
        map.emptyMessageProperty().bind(vm.emptyMessageProperty());
        map.setOnPointClicked(i -> {
            vm.selectArea(new BitSet());
            vm.select(i);
        });
        map.setOnAreaSelected(vm::selectArea);
        map.setTooltipText(this::tooltip);
        vm.setOnJump(map::centreOn);
        vm.selectedProperty().addListener((o, a, b) -> map.setSelection(b.intValue(), vm.areaSelectionProperty().get()));
        vm.areaSelectionProperty().addListener((o, a, b) -> map.setSelection(vm.selectedProperty().get(), b));
        // no match: nothing to highlight, so nothing is faded either
        vm.matchesProperty().addListener((o, a, b) -> map.setHighlight(b == null || b.isEmpty() ? null : b));
        vm.lastErrorProperty().addListener((o, a, b) -> {
            if (b != null && showDialogs) showError(b);
        });
        vm.darkProperty().addListener((o, a, b) -> applyTheme());
        vm.projectingProperty().addListener((o, a, b) -> {
            if (b) map.setAutoFit(true);
        });

        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            Dragboard db = e.getDragboard();
            boolean ok = db.hasFiles();
            if (ok) dropped(db.getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    public BorderPane root() { return root; }
    public MapView map() { return map; }
    public WorkbenchViewModel viewModel() { return vm; }
    public RecorderViewModel recorder() { return recorder; }
    public TabPane tabs() { return tabs; }

    /** Turns the error dialogs off (errors still reach the status bar); for headless tests. */
    public void setShowDialogs(boolean show) { showDialogs = show; }

    /** Builds the scene on a stage. */
    public Scene attach(Stage s) {
        this.stage = s;
        Scene scene = new Scene(root, 1400, 900);
        s.setScene(scene);
        applyTheme();
        s.titleProperty().bind(Bindings.createStringBinding(() -> {
            Path f = vm.sessionFileProperty().get();
            String name = f != null ? f.getFileName().toString()
                    : vm.descriptionProperty().get().isBlank() ? "" : vm.descriptionProperty().get();
            return (vm.modifiedProperty().get() ? "*" : "") + (name.isBlank() ? "" : name + " — ") + "Crossmodal Workbench";
        }, vm.sessionFileProperty(), vm.descriptionProperty(), vm.modifiedProperty()));
        return scene;
    }

    private void applyTheme() {
        if (root.getScene() == null) return;
        var sheets = root.getScene().getStylesheets();
        sheets.setAll(getClass().getResource(LIGHT).toExternalForm());
        if (vm.darkProperty().get()) sheets.add(getClass().getResource(DARK).toExternalForm());
    }

    private static javafx.scene.control.ScrollPane scroll(Region r) {
        javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(r);
        sp.setFitToWidth(true);
        return sp;
    }

    // ---- centre ------------------------------------------------------------------------------

    private BorderPane centre() {
        search.setId("search-field");
        search.setPromptText("Search labels (Ctrl+F)");
        search.setPrefColumnCount(9);
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> vm.selectFirstMatch());
        search.setTooltip(new Tooltip("Text or (with regex) a regular expression; Enter selects the first match"));
        CheckBox regex = new CheckBox("regex");
        regex.selectedProperty().bindBidirectional(vm.regexProperty());
        Label info = new Label();
        info.setId("search-info");
        info.textProperty().bind(vm.searchInfoProperty());
        info.setMinWidth(Region.USE_PREF_SIZE);

        ToggleGroup tools = new ToggleGroup();
        ToggleButton pan = tool("Pan", MapView.Tool.PAN, tools, "Drag to move the map (wheel zooms)");
        ToggleButton box = tool("Box", MapView.Tool.BOX, tools, "Drag a box to select (or Shift-drag)");
        ToggleButton lasso = tool("Lasso", MapView.Tool.LASSO, tools, "Draw around points to select (or Alt-drag)");
        pan.setSelected(true);
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true);
            else map.toolProperty().set((MapView.Tool) b.getUserData());
        });

        ChoiceBox<ColorMode> colour = new ChoiceBox<>();
        colour.setId("colour-mode");
        colour.setPrefWidth(150);
        colour.getItems().setAll(ColorMode.values());
        colour.valueProperty().bindBidirectional(vm.colorModeProperty());
        colour.setTooltip(new Tooltip("Colour points by"));
        CheckBox lines = new CheckBox("lines");
        lines.setTooltip(new Tooltip("Join each spoken item to its text (L)"));
        lines.selectedProperty().bindBidirectional(vm.showLinesProperty());
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show all points (Ctrl+0)"));
        fit.setOnAction(e -> map.fit());
        Pane grow = new Pane();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar bar = new ToolBar(search, regex, info, grow, pan, box, lasso, new Separator(Orientation.VERTICAL), colour,
                lines, fit);
        bar.getStyleClass().add("map-toolbar");
        BorderPane c = new BorderPane(map);
        c.setTop(bar);
        return c;
    }

    private ToggleButton tool(String text, MapView.Tool t, ToggleGroup g, String tip) {
        ToggleButton b = new ToggleButton(text);
        b.setUserData(t);
        b.setToggleGroup(g);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private String tooltip(int i) {
        Item it = vm.mapProperty().get().item(i);
        StringBuilder b = new StringBuilder(it.label().isBlank() ? "(no label)" : it.label());
        b.append("\n").append(it.modality().key());
        if (it.speaker() != null && !it.speaker().isBlank()) b.append(" · speaker ").append(it.speaker());
        byte nn = vm.mapProperty().get().nnIsTrueMatch(i);
        if (nn >= 0) b.append("\nnearest neighbour ").append(nn == 1 ? "is" : "is not").append(" its true match");
        for (NeighbourRow r : vm.neighbours()) {
            if (r.item().id().equals(it.id())) {
                b.append(String.format(Locale.ROOT, "\nscore to the selection: %.3f", r.score()));
                break;
            }
        }
        return b.toString();
    }

    // ---- status bar ----------------------------------------------------------------------------

    /**
     * ControlsFX's status bar: the current job's message on the left; its ETA, a progress bar (determinate or
     * not) and Cancel on the right, shown while a job runs.
     */
    private StatusBar statusBar(TaskMonitor m) {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(m.messageProperty());
        bar.setProgress(0); // the bar's own progress shows only positive values; ours below also shows "unknown"
        Label eta = new Label();
        eta.setId("status-eta");
        eta.textProperty().bind(m.etaProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(m.progressProperty());
        progress.visibleProperty().bind(m.runningProperty());
        progress.managedProperty().bind(m.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("status-cancel");
        cancel.visibleProperty().bind(m.runningProperty());
        cancel.managedProperty().bind(m.runningProperty());
        cancel.setOnAction(e -> {
            m.cancelCurrent();
            vm.cancelProjection();
        });
        HBox right = new HBox(10, eta, progress, cancel);
        right.setAlignment(Pos.CENTER_RIGHT);
        bar.getRightItems().add(right);
        return bar;
    }

    // ---- menus ---------------------------------------------------------------------------------

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem open = item("_Open session…", "Shortcut+O", this::openSession);
        Menu recent = new Menu("Open _recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recentFiles()) {
                MenuItem mi = new MenuItem(p.toString());
                mi.setMnemonicParsing(false);
                mi.setOnAction(e -> vm.open(p));
                recent.getItems().add(mi);
            }
            if (recent.getItems().isEmpty()) {
                MenuItem none = new MenuItem("(none)");
                none.setDisable(true);
                recent.getItems().add(none);
            }
        };
        fillRecent.run();
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent.run());
        MenuItem save = item("_Save session", "Shortcut+S", this::save);
        MenuItem saveAs = item("Save session _as…", "Shortcut+Shift+S", this::saveAs);
        MenuItem addFiles = item("Add audio _files…", "Shortcut+Shift+O", () -> recorderPanel().chooseFiles());
        MenuItem addFolder = item("Add audio f_older…", null, () -> recorderPanel().chooseFolder());
        MenuItem png = item("Export map as _PNG…", "Shortcut+E", () -> exportMap("png"));
        MenuItem svg = item("Export map as S_VG…", "Shortcut+Shift+E", () -> exportMap("svg"));
        Menu data = new Menu("Export _data");
        data.getItems().addAll(
                item("TensorBoard projector (tensors.tsv + metadata.tsv)…", null, () -> exportData("tensorboard")),
                item("NumPy (.npy)…", null, () -> exportData("npy")),
                item("CSV (embeddings and map)…", null, () -> exportData("csv")));
        MenuItem quit = item("_Quit", "Shortcut+Q", () -> {
            if (stage != null) stage.close();
        });
        file.getItems().addAll(open, recent, save, saveAs, new SeparatorMenuItem(), addFiles, addFolder,
                new SeparatorMenuItem(), png, svg, data, new SeparatorMenuItem(), quit);

        Menu view = new Menu("_View");
        MenuItem fit = item("_Fit map", "Shortcut+0", map::fit);
        MenuItem zoomIn = item("Zoom _in", "Shortcut+Equals", () -> map.zoom(1.25));
        MenuItem zoomOut = item("Zoom _out", "Shortcut+Minus", () -> map.zoom(0.8));
        MenuItem find = item("_Search…", "Shortcut+F", search::requestFocus);
        CheckMenuItem lines = new CheckMenuItem("Show _lines speech → text");
        lines.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        lines.selectedProperty().bindBidirectional(vm.showLinesProperty());
        Menu colour = new Menu("_Colour by");
        ToggleGroup cg = new ToggleGroup();
        for (ColorMode m : ColorMode.values()) {
            RadioMenuItem r = new RadioMenuItem(m.toString());
            r.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (m.ordinal() + 1)));
            r.setToggleGroup(cg);
            r.setSelected(vm.colorModeProperty().get() == m);
            r.setOnAction(e -> vm.colorModeProperty().set(m));
            vm.colorModeProperty().addListener((o, a, b) -> r.setSelected(b == m));
            colour.getItems().add(r);
        }
        Menu theme = new Menu("_Theme");
        ToggleGroup tg = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light");
        RadioMenuItem darkItem = new RadioMenuItem("Dark");
        light.setToggleGroup(tg);
        darkItem.setToggleGroup(tg);
        light.setSelected(!vm.darkProperty().get());
        darkItem.setSelected(vm.darkProperty().get());
        darkItem.selectedProperty().addListener((o, a, b) -> vm.darkProperty().set(b));
        vm.darkProperty().addListener((o, a, b) -> (b ? darkItem : light).setSelected(true));
        theme.getItems().addAll(light, darkItem);
        MenuItem toggleTheme = item("Switch light/dark", "Shortcut+T", () -> vm.darkProperty().set(!vm.darkProperty().get()));
        view.getItems().addAll(fit, zoomIn, zoomOut, find, new SeparatorMenuItem(), lines, colour,
                new SeparatorMenuItem(), theme, toggleTheme);

        Menu run = new Menu("_Run");
        run.getItems().addAll(
                item("_Run projection", "Shortcut+R", () -> vm.runProjection(vm.projectionSettingsProperty().get())),
                item("_Pause / resume projection", "Shortcut+P", vm::togglePause),
                item("_Cancel", "Escape", () -> {
                    vm.executor().monitor().cancelCurrent();
                    vm.cancelProjection();
                }),
                item("Compute _metrics", "Shortcut+M", () -> {
                    vm.computeMetrics();
                    tabs.getTabs().stream().filter(t -> "metrics-tab".equals(t.getId())).findFirst()
                            .ifPresent(t -> tabs.getSelectionModel().select(t));
                }));

        Menu help = new Menu("_Help");
        help.getItems().addAll(item("_Keyboard shortcuts", "F1", this::showShortcuts), item("_About", null, this::about));
        MenuBar bar = new MenuBar(file, view, run, help);
        bar.setId("menu-bar");
        return bar;
    }

    private RecorderPanel recorderPanel() {
        javafx.scene.control.ScrollPane sp = (javafx.scene.control.ScrollPane) tabs.getTabs().get(0).getContent();
        return (RecorderPanel) sp.getContent();
    }

    private static MenuItem item(String text, String accel, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (accel != null) mi.setAccelerator(KeyCombination.keyCombination(accel));
        mi.setOnAction(e -> action.run());
        return mi;
    }

    // ---- actions ---------------------------------------------------------------------------------

    void dropped(List<Path> paths) {
        if (paths.size() == 1 && paths.get(0).toString().toLowerCase(Locale.ROOT).endsWith(".cmw")) {
            vm.open(paths.get(0));
        } else {
            vm.addFiles(paths);
        }
    }

    private void openSession() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open session");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Workbench sessions", "*.cmw"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) vm.open(f.toPath());
    }

    private void save() {
        if (vm.sessionFileProperty().get() == null) saveAs();
        else vm.save(vm.sessionFileProperty().get(), null);
    }

    private void saveAs() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save session");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workbench sessions", "*.cmw"));
        fc.setInitialFileName("session.cmw");
        File f = fc.showSaveDialog(stage);
        if (f == null) return;
        Path p = f.toPath();
        if (!p.getFileName().toString().endsWith(".cmw")) p = p.resolveSibling(p.getFileName() + ".cmw");
        vm.save(p, null);
    }

    private void exportMap(String kind) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export map as " + kind.toUpperCase(Locale.ROOT));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.toUpperCase(Locale.ROOT), "*." + kind));
        fc.setInitialFileName("map." + kind);
        File f = fc.showSaveDialog(stage);
        if (f != null) exportMap(f.toPath(), kind);
    }

    /** Writes the map as shown to a PNG or SVG file. */
    public void exportMap(Path target, String kind) {
        try {
            if (kind.equals("svg")) map.exportSvg(target);
            else map.exportPng(target);
            vm.executor().monitor().say("Map written to " + target);
        } catch (RuntimeException e) {
            vm.error(WorkbenchViewModel.message(e));
        }
    }

    private void exportData(String format) {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Export data (" + format + ") into folder");
        File f = dc.showDialog(stage);
        if (f != null) vm.exportData(f.toPath(), format);
    }

    private void showError(String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.setHeaderText(null);
        a.setTitle("Crossmodal Workbench");
        if (stage != null) a.initOwner(stage);
        a.show();
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, String.join("\n",
                "Ctrl+O  open session          Ctrl+S  save",
                "Ctrl+Shift+O  add audio files  Ctrl+E  export PNG",
                "Ctrl+F  search                 Ctrl+0  fit map",
                "Ctrl+= / Ctrl+-  zoom          Ctrl+L  lines",
                "Ctrl+R  run projection          Ctrl+P  pause",
                "Esc  cancel                    Ctrl+M  metrics",
                "Ctrl+T  light/dark theme        Ctrl+1..4  colour by",
                "",
                "Map: drag to pan, wheel to zoom, click to select,",
                "Shift-drag box, Alt-drag lasso, hover for details."), ButtonType.OK);
        a.setHeaderText("Keyboard shortcuts");
        a.setTitle("Crossmodal Workbench");
        if (stage != null) a.initOwner(stage);
        a.show();
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION,
                "Crossmodal Workbench " + org.crossmodal.workbench.core.Versions.workbench()
                        + "\nSee how speech and text embedding spaces line up.\nGPL-3.0-or-later", ButtonType.OK);
        a.setHeaderText(null);
        a.setTitle("About");
        if (stage != null) a.initOwner(stage);
        a.show();
    }

    /** Offers to recover an autosaved session left by a crash. */
    public boolean offerRecovery(Path autosave) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "The workbench did not close normally last time. Recover the autosaved session?\n" + autosave,
                ButtonType.YES, ButtonType.NO);
        a.setHeaderText("Recover session");
        if (stage != null) a.initOwner(stage);
        return a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }
}
