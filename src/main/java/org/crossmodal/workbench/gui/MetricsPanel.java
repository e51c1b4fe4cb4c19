package org.crossmodal.workbench.gui;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** P@1/5/10 and MRR in both directions, hubness, the worst items, and a histogram of true-match ranks. */
public final class MetricsPanel extends VBox {
    static final String[] BINS = {"1", "2", "3-5", "6-10", "11-50", ">50"};

    public MetricsPanel(WorkbenchViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(10));
        getStyleClass().add("side-panel");
        Label title = new Label("Metrics");
        title.getStyleClass().add("panel-title");
        Button compute = new Button("Compute");
        compute.setId("metrics-compute");
        compute.setOnAction(e -> vm.computeMetrics());
        compute.disableProperty().bind(vm.busyProperty());

        TableView<MetricsReport.Direction> table = new TableView<>();
        table.setId("metrics-table");
        table.setPrefHeight(90);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<MetricsReport.Direction, String> dir = col("Direction", d -> d.name());
        dir.setMinWidth(100);
        table.getColumns().add(dir);
        table.getColumns().add(col("P@1", d -> fmt(d.p1())));
        table.getColumns().add(col("P@5", d -> fmt(d.p5())));
        table.getColumns().add(col("P@10", d -> fmt(d.p10())));
        table.getColumns().add(col("MRR", d -> fmt(d.mrr())));
        table.setPlaceholder(new Label("Press Compute"));
        Label hub = new Label();
        hub.setWrapText(true);

        CategoryAxis x = new CategoryAxis();
        x.setLabel("rank of the true match");
        NumberAxis y = new NumberAxis();
        y.setLabel("items");
        BarChart<String, Number> hist = new BarChart<>(x, y);
        hist.setId("rank-histogram");
        hist.setAnimated(false);
        hist.setPrefHeight(200);
        hist.setLegendVisible(true);
        hist.setCategoryGap(4);

        Label worstTitle = new Label("Worst items (click to show on the map)");
        ListView<MetricsReport.Worst> worst = new ListView<>();
        worst.setId("worst-list");
        worst.setPrefHeight(160);
        worst.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(MetricsReport.Worst w, boolean empty) {
                super.updateItem(w, empty);
                setText(empty || w == null ? null : "rank " + w.rank() + "  " + w.label());
            }
        });
        worst.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.jumpTo(b.itemId());
        });

        vm.metricsProperty().addListener((o, a, m) -> {
            table.getItems().setAll(m == null ? java.util.List.of() : m.directions());
            hist.getData().clear();
            worst.getItems().clear();
            if (m == null) {
                hub.setText("");
                return;
            }
            StringBuilder hubs = new StringBuilder(String.format(Locale.ROOT,
                    "Hubness (skew of the 10-occurrence): %.2f  (%s)", m.hubness(), m.measure()));
            if (!m.hubs().isEmpty()) {
                hubs.append("\nTop hubs: ");
                for (int i = 0; i < Math.min(5, m.hubs().size()); i++) {
                    if (i > 0) hubs.append(", ");
                    hubs.append(m.hubs().get(i).label()).append(" (").append(m.hubs().get(i).count()).append(')');
                }
            }
            hub.setText(hubs.toString());
            for (MetricsReport.Direction d : m.directions()) {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(d.name());
                int[] counts = histogram(d.ranks());
                for (int b = 0; b < BINS.length; b++) s.getData().add(new XYChart.Data<>(BINS[b], counts[b]));
                hist.getData().add(s);
                worst.getItems().addAll(d.worst());
            }
        });
        getChildren().addAll(title, compute, table, hub, hist, worstTitle, worst);
    }

    /** Counts of ranks in the bins 1, 2, 3-5, 6-10, 11-50, above 50. */
    static int[] histogram(int[] ranks) {
        int[] c = new int[BINS.length];
        for (int r : ranks) {
            int b = r <= 1 ? 0 : r == 2 ? 1 : r <= 5 ? 2 : r <= 10 ? 3 : r <= 50 ? 4 : 5;
            c[b]++;
        }
        return c;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static TableColumn<MetricsReport.Direction, String> col(String name,
            java.util.function.Function<MetricsReport.Direction, String> f) {
        TableColumn<MetricsReport.Direction, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }
}
