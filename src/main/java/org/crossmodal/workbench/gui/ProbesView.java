package org.crossmodal.workbench.gui;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.crossmodal.workbench.gui.task.TaskMonitor;
import org.crossmodal.workbench.probe.Band;
import org.crossmodal.workbench.probe.Confusion;
import org.crossmodal.workbench.probe.Curve;
import org.crossmodal.workbench.probe.CurvePoint;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.probe.GroupP1;
import org.crossmodal.workbench.probe.IntelligibilityRow;
import org.crossmodal.workbench.probe.VoiceShiftProbe;
import org.crossmodal.workbench.workflow.ProbeWorkflow;

/**
 * The Probes view: choose a probe, set it up, run it off the FX thread with progress and cancel, and read the result
 * as a chart (text perturbation, noise and voice-shift curves, each with its 95% band shaded) or as sortable tables
 * (intelligibility; confusions with per-speaker and per-word P@1). Double-click a row to play its recording.
 */
public final class ProbesView extends BorderPane {
    /** What the chart plots. */
    public enum Metric {
        DROP("relative drop of the matched score"), SCORE("matched cosine score"), P1("speech→text P@1");

        final String label;

        Metric(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ProbesViewModel vm;
    private final BandChart chart;
    private final ComboBox<Metric> metric = new ComboBox<>(FXCollections.observableArrayList(Metric.values()));
    private final ComboBox<String> scale = new ComboBox<>(FXCollections.observableArrayList("mixing ratio", "SNR"));

    public ProbesView(ProbesViewModel vm, TaskMonitor monitor) {
        this.vm = vm;
        setId("probes-view");
        setPadding(new Insets(8));

        ComboBox<ProbeWorkflow.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(ProbeWorkflow.Kind.values()));
        kind.setId("probe-kind");
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ProbeWorkflow.Kind k) {
                return k == null ? "" : k.key();
            }

            @Override
            public ProbeWorkflow.Kind fromString(String s) {
                return ProbeWorkflow.Kind.parse(s);
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());

        Button run = new Button("Run");
        run.setId("probe-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("probe-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        Button export = new Button("Export CSV…");
        export.setId("probe-export");
        export.disableProperty().bind(vm.resultProperty().isNull().or(vm.runningProperty()));
        export.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export probe result");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            fc.setInitialFileName(vm.kindProperty().get().key() + ".csv");
            File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) vm.exportCsv(f.toPath());
        });
        Button window = new Button("Window");
        window.setId("probe-window");
        window.setTooltip(new Tooltip("Open the probes in a window of their own (same settings and results)"));
        window.setOnAction(e -> {
            javafx.stage.Stage st = new javafx.stage.Stage();
            st.setTitle("Probes");
            st.setScene(new javafx.scene.Scene(new ProbesView(vm, monitor), 1000, 720));
            if (getScene() != null) st.getScene().getStylesheets().setAll(getScene().getStylesheets());
            st.show();
        });
        ProgressBar bar = new ProgressBar();
        bar.setId("probe-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(monitor.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        // The buttons wrap onto a second row when the view is narrow (the side panel) instead of shrinking to "...";
        // the progress bar has a row of its own, shown while a probe runs.
        FlowPane buttons = new FlowPane(6, 6, kind, run, cancel, export, window);
        buttons.setId("probe-buttons");
        for (Region c : List.of(kind, run, cancel, export, window)) c.setMinWidth(Region.USE_PREF_SIZE);

        Label status = new Label();
        status.setId("probe-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        // The status of a voice-shift result with a paired test says in a tooltip what its p-value is.
        vm.statusNoteProperty().addListener((o, a, b) -> status.setTooltip(b == null || b.isEmpty() ? null : new Tooltip(b)));

        VBox top = new VBox(6, buttons, bar, settings(), status);
        top.setPadding(new Insets(0, 0, 6, 0));
        setTop(top);

        chart = new BandChart();
        chart.setId("probe-chart");
        metric.setId("probe-metric");
        metric.setValue(Metric.DROP);
        scale.setId("probe-scale");
        scale.setValue("mixing ratio");
        metric.valueProperty().addListener((o, a, b) -> redraw());
        scale.valueProperty().addListener((o, a, b) -> redraw());
        vm.curvesProperty().addListener((o, a, b) -> redraw());
        Label scaleLabel = new Label("noise level as");
        // Only noise curves have two scales: the choice is shown for them alone.
        scaleLabel.visibleProperty().bind(scale.visibleProperty());
        scaleLabel.managedProperty().bind(scale.visibleProperty());
        scale.managedProperty().bind(scale.visibleProperty());
        Label plot = new Label("Plot");
        plot.setMinWidth(Region.USE_PREF_SIZE);
        scaleLabel.setMinWidth(Region.USE_PREF_SIZE);
        // The metric's choice shrinks with the view; the noise scale's label and choice stay whole and move below it
        // when both do not fit on one row (the narrow side panel).
        metric.setMinWidth(80);
        scale.setMinWidth(Region.USE_PREF_SIZE);
        HBox scaleBox = new HBox(6, scaleLabel, scale);
        scaleBox.setId("probe-scale-box");
        scaleBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        scaleBox.setMinWidth(Region.USE_PREF_SIZE);
        scaleBox.visibleProperty().bind(scale.visibleProperty());
        scaleBox.managedProperty().bind(scale.visibleProperty());
        HBox metricRow = new HBox(6, plot, metric);
        metricRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox chartControls = new VBox(6, metricRow);
        chartControls.setId("probe-chart-controls");
        chartControls.widthProperty().addListener((o, a, w) -> placeScale(metricRow, chartControls, scaleBox, plot, w.doubleValue()));
        scale.visibleProperty().addListener((o, a, b) -> placeScale(metricRow, chartControls, scaleBox, plot,
                chartControls.getWidth()));
        // Before the first run an empty chart with made-up axes would say nothing: a line says what to do instead.
        Label noCurve = new Label("No curve yet: choose the settings above and press Run.");
        noCurve.setId("probe-no-curve");
        noCurve.setWrapText(true);
        noCurve.visibleProperty().bind(vm.curvesProperty().isNull());
        chart.visibleProperty().bind(vm.curvesProperty().isNotNull());
        StackPane chartStack = new StackPane(chart, noCurve);
        VBox chartPane = new VBox(6, chartControls, chartStack);
        VBox.setVgrow(chartStack, Priority.ALWAYS);

        TableView<IntelligibilityRow> intel = intelligibilityTable();
        TabPane confusions = confusionTables();
        StackPane centre = new StackPane(chartPane, intel, confusions);
        redraw();
        chartPane.visibleProperty().bind(Bindings.createBooleanBinding(() -> curveKind(vm.kindProperty().get()), vm.kindProperty()));
        intel.visibleProperty().bind(vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.INTELLIGIBILITY));
        confusions.visibleProperty().bind(vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.CONFUSIONS));
        setCenter(centre);

        ListView<String> warnings = new ListView<>(vm.warnings());
        warnings.setId("probe-warnings");
        warnings.setPrefHeight(70);
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        setBottom(warnings);
        BorderPane.setMargin(warnings, new Insets(6, 0, 0, 0));
    }

    /**
     * Puts the noise scale's choice beside the metric's when both fit at their preferred widths in {@code width}, on a
     * row of its own below it otherwise.
     */
    private void placeScale(HBox metricRow, VBox controls, HBox scaleBox, Label plot, double width) {
        double need = plot.prefWidth(-1) + metric.prefWidth(-1) + scaleBox.prefWidth(-1) + 2 * metricRow.getSpacing();
        boolean beside = width >= need;
        if (beside && scaleBox.getParent() != metricRow) {
            controls.getChildren().remove(scaleBox);
            metricRow.getChildren().add(scaleBox);
        } else if (!beside && scaleBox.getParent() != controls) {
            metricRow.getChildren().remove(scaleBox);
            controls.getChildren().add(scaleBox);
        }
    }

    /** The Probes tab of the main window, on the window's session, executor and player. */
    public static Tab tab(WorkbenchViewModel main) {
        ProbesViewModel pvm = new ProbesViewModel(main.executor(), () -> main.backend().currentSession(),
                () -> main.sessionFileProperty().get(), new ProbeWorkflow(), main::play);
        Tab t = new Tab("Probes", new ProbesView(pvm, main.executor().monitor()));
        t.setId("probes-tab");
        return t;
    }

    public ProbesViewModel viewModel() {
        return vm;
    }

    BandChart chart() {
        return chart;
    }

    /** Whether a probe's result is a curve, drawn on the chart. */
    static boolean curveKind(ProbeWorkflow.Kind k) {
        return k == ProbeWorkflow.Kind.TEXT_PERTURBATION || k == ProbeWorkflow.Kind.NOISE || k == ProbeWorkflow.Kind.VOICE_SHIFT;
    }

    private Node settings() {
        GridPane g = new GridPane();
        g.setHgap(6);
        // No gap between rows: a hidden row would keep its gap, and most rows are hidden for any one probe. Each shown
        // node has a margin instead (see show).
        g.setVgap(0);
        ObservableValue<Boolean> text = vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.TEXT_PERTURBATION);
        ObservableValue<Boolean> noise = vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.NOISE);
        ObservableValue<Boolean> shift = vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.VOICE_SHIFT);
        ObservableValue<Boolean> intel = vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.INTELLIGIBILITY);
        ObservableValue<Boolean> conf = vm.kindProperty().isEqualTo(ProbeWorkflow.Kind.CONFUSIONS);
        int r = 0;
        r = field(g, r, "Replaced %", vm.levelsProperty(), "probe-levels", text, "Percentages of characters to replace");
        r = field(g, r, "Draws", vm.textDrawsProperty(), "probe-text-draws", text, "Random draws per level; the band is the 95% interval of their mean");
        r = field(g, r, "Sample", vm.textSampleProperty(), "probe-text-sample", text, "Recordings to use (0 = all)");
        CheckBox ph = new CheckBox("Phonemes too (" + ProbeWorkflow.BUILTIN_PHONEME_MODEL + ")");
        ph.setId("probe-phonemes");
        ph.selectedProperty().bindBidirectional(vm.phonemesProperty());
        ph.setTooltip(new Tooltip("Also replace phonemes in the IPA of each transcript and probe the built-in phoneme tower; "
                + "the IPA is written by the espeak-ng program, which must be installed"));
        g.add(ph, 1, r++);
        show(text, ph);
        CheckBox w = new CheckBox("white");
        w.selectedProperty().bindBidirectional(vm.whiteProperty());
        CheckBox p = new CheckBox("pink");
        p.selectedProperty().bindBidirectional(vm.pinkProperty());
        CheckBox b = new CheckBox("babble");
        b.selectedProperty().bindBidirectional(vm.babbleProperty());
        HBox kinds = new HBox(8, w, p, b);
        Label kl = new Label("Noise");
        kl.setMinWidth(Region.USE_PREF_SIZE);
        g.addRow(r++, kl, kinds);
        show(noise, kl, kinds);
        r = field(g, r, "Mix %", vm.mixProperty(), "probe-mix", noise, "Mixing ratios: 0 = clean, 100 = noise alone ('none' to skip)");
        r = field(g, r, "SNR dB", vm.snrProperty(), "probe-snr", noise, "Signal-to-noise ratios in dB, -40..80 ('none' to skip)");
        r = field(g, r, "Draws", vm.noiseDrawsProperty(), "probe-noise-draws", noise, "Noise draws per level");
        r = field(g, r, "Sample", vm.noiseSampleProperty(), "probe-noise-sample", noise, "Recordings to use (0 = all)");
        r = field(g, r, "Factors", vm.factorsProperty(), "probe-factors", shift, "Resampling factors within 0.5..2, comma-separated: "
                + "every frequency (pitch and formants) times the factor and the duration divided by it; below 1 a deeper voice, "
                + "above 1 a higher one, 1 the recording as it is");
        r = field(g, r, "Sample", vm.shiftSampleProperty(), "probe-shift-sample", shift, "Recordings to use (0 = all); with one "
                + "curve per speaker, recordings of each speaker");
        CheckBox bySpeaker = new CheckBox("One curve per speaker");
        bySpeaker.setId("probe-by-speaker");
        bySpeaker.selectedProperty().bindBidirectional(vm.bySpeakerProperty());
        bySpeaker.setTooltip(new Tooltip("Also draw one curve per speaker (the manifest's speaker column) beside the curve 'all': "
                + "a voice retrieved best at a factor other than 1 lies outside the vocal tracts the speech model learnt. The "
                + "sample is then taken within each speaker"));
        g.add(bySpeaker, 1, r++);
        show(shift, bySpeaker);
        ObservableValue<Boolean> curves = Bindings.createBooleanBinding(() -> curveKind(vm.kindProperty().get()), vm.kindProperty());
        r = field(g, r, "Seed", vm.seedProperty(), "probe-seed", curves, "Seed of every random draw and of the sample");
        r = field(g, r, "Temperature", vm.temperatureProperty(), "probe-temperature", intel, "Softmax temperature; 0 fits it on the session");
        field(g, r, "Top pairs", vm.topProperty(), "probe-top", conf, "How many confused pairs to list");
        return g;
    }

    private static int field(GridPane g, int row, String label, javafx.beans.property.StringProperty p, String id,
                             ObservableValue<Boolean> visible, String tip) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE); // the field shrinks, the label is always read in full
        TextField t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(p);
        t.setTooltip(new Tooltip(tip));
        t.setPrefColumnCount(18);
        GridPane.setHgrow(t, Priority.ALWAYS);
        g.addRow(row, l, t);
        show(visible, l, t);
        return row + 1;
    }

    private static void show(ObservableValue<Boolean> visible, Node... nodes) {
        for (Node n : nodes) {
            GridPane.setMargin(n, new Insets(2, 0, 2, 0));
            n.visibleProperty().bind(Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(visible.getValue()), visible));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private TableView<IntelligibilityRow> intelligibilityTable() {
        TableView<IntelligibilityRow> t = new TableView<>();
        t.setId("probe-intelligibility");
        t.setPlaceholder(new Label("Run the intelligibility probe"));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(col("Rank", IntelligibilityRow::rank));
        t.getColumns().add(col("Score", x -> round(x.score(), 4)));
        t.getColumns().add(col("Cosine", x -> round(x.cosine(), 3)));
        t.getColumns().add(col("Intended", IntelligibilityRow::intended));
        t.getColumns().add(col("#", IntelligibilityRow::intendedRank));
        t.getColumns().add(col("Best other", IntelligibilityRow::bestOther));
        t.getColumns().add(col("Speaker", x -> x.speaker() == null ? "" : x.speaker()));
        t.getColumns().add(col("Recording", IntelligibilityRow::itemId));
        t.setItems(vm.intelligibility());
        t.setRowFactory(tv -> playable(r -> r.itemId()));
        t.setTooltip(new Tooltip("Score: probability of the intended text among the vocabulary (softmax of cosines). "
                + "#: rank of the intended text. Double-click to play."));
        return t;
    }

    private TabPane confusionTables() {
        TableView<Confusion> pairs = new TableView<>();
        pairs.setId("probe-confusions");
        pairs.setPlaceholder(new Label("Run the confusions probe"));
        pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pairs.getColumns().add(col("Count", Confusion::count));
        pairs.getColumns().add(col("Said", Confusion::said));
        pairs.getColumns().add(col("Heard", Confusion::heard));
        pairs.getColumns().add(col("Edit", Confusion::editDistance));
        pairs.getColumns().add(col("Phonemes", c -> c.phonemeDistance() < 0 ? "" : c.saidIpa() + " / " + c.heardIpa()
                + " (" + c.phonemeDistance() + ")"));
        pairs.getColumns().add(col("Minimal pair", c -> c.homophones() ? "same sound" : c.minimalPair() ? "yes" : ""));
        pairs.getColumns().add(col("Recordings", c -> String.join(" ", c.itemIds())));
        pairs.setItems(vm.confusions());
        pairs.setRowFactory(tv -> playable(c -> c.itemIds().get(0)));
        pairs.setTooltip(new Tooltip("Double-click to play the first recording of the pair"));
        Tab a = new Tab("Confused pairs", pairs);
        Tab b = new Tab("P@1 per speaker", groups(vm.perSpeaker(), "probe-per-speaker", "Speaker or voice"));
        Tab c = new Tab("P@1 per word", groups(vm.perWord(), "probe-per-word", "Word"));
        TabPane tp = new TabPane(a, b, c);
        tp.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tp;
    }

    private static TableView<GroupP1> groups(javafx.collections.ObservableList<GroupP1> items, String id, String name) {
        TableView<GroupP1> t = new TableView<>(items);
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(col(name, GroupP1::group));
        t.getColumns().add(col("n", GroupP1::n));
        t.getColumns().add(col("Hits", GroupP1::hits));
        t.getColumns().add(col("P@1", g -> round(g.p1(), 3)));
        t.getColumns().add(col("95% low", g -> round(g.low(), 3)));
        t.getColumns().add(col("95% high", g -> round(g.high(), 3)));
        return t;
    }

    private <T> TableRow<T> playable(Function<T, String> id) {
        TableRow<T> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !row.isEmpty()) vm.play(id.apply(row.getItem()));
        });
        return row;
    }

    private static <S, T> TableColumn<S, T> col(String name, Function<S, T> f) {
        TableColumn<S, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static double round(double d, int places) {
        if (!Double.isFinite(d)) return Double.NaN;
        double s = Math.pow(10, places);
        return Math.round(d * s) / s;
    }

    /** Redraws the chart from the last curve result, the chosen metric and noise scale. */
    void redraw() {
        CurveResult r = vm.curvesProperty().get();
        chart.getData().clear();
        chart.bands.clear();
        scale.setVisible(r != null && r.kind().equals(ProbeWorkflow.Kind.NOISE.key()));
        if (r == null) return;
        boolean noise = r.kind().equals(ProbeWorkflow.Kind.NOISE.key());
        // voice shift: x is the resampling factor itself, not a share in percent
        boolean shift = r.kind().equals(ProbeWorkflow.Kind.VOICE_SHIFT.key());
        String suffix = "SNR".equals(scale.getValue()) ? "/snr" : "/mix";
        boolean bySpeaker = r.bySpeaker();
        Metric m = metric.getValue() == null ? Metric.DROP : metric.getValue();
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setLabel(m.label + (m == Metric.DROP ? " (%)" : ""));
        List<String> xLabels = new ArrayList<>();
        for (Curve c : r.curves()) {
            if (noise && !c.name().endsWith(suffix)) continue;
            boolean percentX = !shift && !c.name().endsWith("/snr");
            String xl = percentX ? c.xLabel().replace("(fraction)", "(%)").replace("(fraction of noise)", "(% noise)") : c.xLabel();
            if (!xLabels.contains(xl)) xLabels.add(xl);
            // curves on other units share the axis: name them all ("replaced characters (%) / replaced phonemes (%)")
            x.setLabel(String.join(" / ", xLabels));
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.name() + (r.partial() ? " (partial)" : ""));
            List<double[]> band = new ArrayList<>();
            for (CurvePoint p : c.points()) {
                Band b = switch (m) {
                    case DROP -> p.drop();
                    case SCORE -> p.score();
                    case P1 -> p.p1();
                };
                if (b == null || !Double.isFinite(b.mean())) continue;
                double scaleY = m == Metric.DROP ? 100 : 1;
                double lx = percentX ? p.level() * 100 : p.level();
                s.getData().add(new XYChart.Data<>(lx, b.mean() * scaleY));
                band.add(new double[] {lx, b.low() * scaleY, b.high() * scaleY});
            }
            if (s.getData().isEmpty()) continue;
            chart.getData().add(s);
            // With one curve per speaker, the curve over all recordings is the reference: drawn thick and dashed in the
            // text colour, the speakers in colours of their own (the band, line, symbols and legend alike).
            boolean overall = bySpeaker && c.name().equals(VoiceShiftProbe.ALL);
            int colourIndex = chart.getData().size() - 1 - (bySpeaker ? 1 : 0);
            chart.bands.add(new BandChart.BandData(band, overall ? BandChart.OVERALL : BandChart.colour(colourIndex), overall));
        }
        boolean percentAxis = !shift && !(noise && suffix.equals("/snr"));
        x.setAutoRanging(!percentAxis && !shift);
        if (percentAxis) {
            x.setLowerBound(0);
            x.setUpperBound(100);
            x.setTickUnit(10);
        } else if (shift) {
            factorAxis(x, r);
        }
        chart.relayout();
    }

    /**
     * The x axis of a voice-shift curve: its factors with a margin, on steps of 0.05 (0.1 over a wide range), so that the
     * curve fills the chart instead of sharing it with 0.
     */
    private static void factorAxis(NumberAxis x, CurveResult r) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve c : r.curves()) {
            for (CurvePoint p : c.points()) {
                lo = Math.min(lo, p.level());
                hi = Math.max(hi, p.level());
            }
        }
        if (lo > hi) {
            lo = 1;
            hi = 1;
        }
        x.setLowerBound(Math.floor((lo - 0.025) * 20) / 20);
        x.setUpperBound(Math.ceil((hi + 0.025) * 20) / 20);
        x.setTickUnit(hi - lo > 0.8 ? 0.1 : 0.05);
    }

    /** A line chart that shades a band around each series (drawn under the lines). */
    static final class BandChart extends LineChart<Number, Number> {
        /** The default series colours of the Modena style sheet (default-color0 .. default-color7). */
        static final Color[] PALETTE = {Color.web("#f3622d"), Color.web("#fba71b"), Color.web("#57b757"), Color.web("#41a9c9"),
                Color.web("#4258c9"), Color.web("#9a42c8"), Color.web("#c84164"), Color.web("#888888")};
        /** The band of a reference curve (the line itself takes the theme's text colour). */
        static final Color OVERALL = Color.gray(0.5);

        /**
         * The colour of the k-th coloured series: Modena's eight first, then hues a golden angle apart, so that a ninth
         * speaker does not repeat the first one's colour.
         */
        static Color colour(int k) {
            if (k < PALETTE.length) return PALETTE[k];
            return Color.hsb((15 + (k - PALETTE.length) * 137.508) % 360, 0.8, 0.75);
        }

        /**
         * @param points  (x, low, high) of the band
         * @param colour  the series' colour, which its line, symbols and legend symbol are given too
         * @param overall a reference curve: line thick, dashed, in the theme's text colour
         */
        record BandData(List<double[]> points, Color colour, boolean overall) { }

        final javafx.collections.ObservableList<BandData> bands = FXCollections.observableArrayList();
        private final List<Polygon> shapes = new ArrayList<>();

        BandChart() {
            super(new NumberAxis(), new NumberAxis());
            setAnimated(false);
            setCreateSymbols(true);
            setLegendVisible(true);
            bands.addListener((ListChangeListener<BandData>) c -> requestChartLayout());
        }

        List<Polygon> shapes() {
            return shapes;
        }

        void relayout() {
            requestChartLayout();
        }

        @Override
        protected void layoutPlotChildren() {
            super.layoutPlotChildren();
            paintSeries();
            getPlotChildren().removeAll(shapes);
            shapes.clear();
            for (BandData b : bands) {
                if (b.points().size() < 2) continue;
                Polygon poly = new Polygon();
                List<Double> pts = new ArrayList<>();
                for (double[] p : b.points()) {
                    pts.add(getXAxis().getDisplayPosition(p[0]));
                    pts.add(getYAxis().getDisplayPosition(p[2]));
                }
                for (int i = b.points().size() - 1; i >= 0; i--) {
                    double[] p = b.points().get(i);
                    pts.add(getXAxis().getDisplayPosition(p[0]));
                    pts.add(getYAxis().getDisplayPosition(p[1]));
                }
                poly.getPoints().setAll(pts);
                poly.setFill(b.colour().deriveColor(0, 1, 1, 0.2));
                poly.setStroke(null);
                poly.setMouseTransparent(true);
                shapes.add(poly);
            }
            getPlotChildren().addAll(0, shapes);
        }

        /**
         * Gives each series the colour of its band: the chart's own colours repeat after eight series and know nothing
         * of a reference curve. Styles set inline, so they hold in either theme.
         */
        private void paintSeries() {
            java.util.Map<String, String> symbolStyles = new java.util.HashMap<>();
            for (int i = 0; i < getData().size() && i < bands.size(); i++) {
                Series<Number, Number> s = getData().get(i);
                BandData b = bands.get(i);
                String col = b.overall() ? "-fx-text-background-color" : web(b.colour());
                String line = "-fx-stroke: " + col + ";" + (b.overall() ? " -fx-stroke-width: 3px; -fx-stroke-dash-array: 8 5;" : "");
                String symbol = "-fx-background-color: " + col + ", -fx-background;";
                if (s.getNode() != null && !line.equals(s.getNode().getStyle())) s.getNode().setStyle(line);
                for (Data<Number, Number> d : s.getData()) {
                    if (d.getNode() != null && !symbol.equals(d.getNode().getStyle())) d.getNode().setStyle(symbol);
                }
                symbolStyles.putIfAbsent(s.getName(), symbol);
            }
            for (Node n : lookupAll(".chart-legend-item")) {
                if (n instanceof Label l && l.getGraphic() != null && symbolStyles.containsKey(l.getText())) {
                    String st = symbolStyles.get(l.getText());
                    if (!st.equals(l.getGraphic().getStyle())) l.getGraphic().setStyle(st);
                }
            }
        }

        private static String web(Color c) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                    Math.round(c.getBlue() * 255));
        }

        @Override
        protected void updateAxisRange() {
            super.updateAxisRange();
            // Make the axis hold the band, not only the means.
            if (getYAxis().isAutoRanging() && !bands.isEmpty()) {
                List<Number> ys = new ArrayList<>();
                for (Series<Number, Number> s : getData()) for (Data<Number, Number> d : s.getData()) ys.add(d.getYValue());
                for (BandData b : bands) for (double[] p : b.points()) {
                    if (Double.isFinite(p[1])) ys.add(p[1]);
                    if (Double.isFinite(p[2])) ys.add(p[2]);
                }
                getYAxis().invalidateRange(ys);
            }
        }
    }
}
