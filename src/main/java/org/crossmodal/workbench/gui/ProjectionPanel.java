package org.crossmodal.workbench.gui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The projection method and its settings, with Run, Pause and Cancel. */
public final class ProjectionPanel extends VBox {

    public ProjectionPanel(WorkbenchViewModel vm) {
        setSpacing(10);
        setPadding(new Insets(10));
        getStyleClass().add("side-panel");
        ProjectionSettings d = vm.projectionSettingsProperty().get();

        Label title = new Label("Projection");
        title.getStyleClass().add("panel-title");
        ChoiceBox<String> method = new ChoiceBox<>();
        method.getItems().setAll(ProjectionSettings.METHODS);
        method.setValue(d.method());
        Spinner<Double> perplexity = new Spinner<>(2.0, 100.0, d.perplexity(), 1.0);
        perplexity.setEditable(true);
        Spinner<Integer> iterations = new Spinner<>(10, 10_000, d.iterations(), 50);
        iterations.setEditable(true);
        TextField seed = new TextField(Long.toString(d.seed()));
        GridPane grid = new GridPane(8, 6);
        grid.addRow(0, new Label("Method"), method);
        grid.addRow(1, new Label("Perplexity"), perplexity);
        grid.addRow(2, new Label("Iterations"), iterations);
        grid.addRow(3, new Label("Seed"), seed);

        Button run = new Button("Run");
        run.setId("projection-run");
        run.setDefaultButton(false);
        Button pause = new Button("Pause");
        pause.setId("projection-pause");
        Button cancel = new Button("Cancel");
        cancel.setId("projection-cancel");
        run.disableProperty().bind(vm.projectingProperty().and(vm.pausedProperty().not()));
        pause.disableProperty().bind(vm.projectingProperty().not());
        cancel.disableProperty().bind(vm.projectingProperty().not());
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        run.setOnAction(e -> {
            try {
                vm.runProjection(new ProjectionSettings(method.getValue(), perplexity.getValue(), iterations.getValue(),
                        Long.parseLong(seed.getText().strip())));
            } catch (NumberFormatException ex) {
                vm.error("The seed must be a whole number, got \u201c" + seed.getText() + "\u201d.");
            } catch (IllegalArgumentException ex) {
                vm.error(ex.getMessage());
            }
        });
        pause.setOnAction(e -> vm.togglePause());
        cancel.setOnAction(e -> vm.cancelProjection());
        Label note = new Label("t-SNE iterations animate on the map while it runs. "
                + "Cancel keeps the last frame.");
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        getChildren().addAll(title, grid, new HBox(8, run, pause, cancel), note);
    }
}
