package org.crossmodal.workbench.gui;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The encoders in use with their provenance, and the alignment method with before/after figures. */
public final class ModelsPanel extends VBox {
    private Path dictionary;

    public ModelsPanel(WorkbenchViewModel vm) {
        setSpacing(10);
        setPadding(new Insets(10));
        getStyleClass().add("side-panel");
        Label title = new Label("Models");
        title.getStyleClass().add("panel-title");
        TextArea models = new TextArea();
        models.setEditable(false);
        models.setWrapText(true);
        models.setPrefRowCount(7);
        models.setId("models-text");
        vm.modelsProperty().addListener((o, a, b) -> models.setText(describe(b)));
        models.setText(describe(vm.modelsProperty().get()));

        ChoiceBox<String> speech = modelChoice(vm, org.crossmodal.workbench.core.Modality.SPEECH);
        ChoiceBox<String> text = modelChoice(vm, org.crossmodal.workbench.core.Modality.TEXT);
        Button speechFolder = new Button("Folder…");
        speechFolder.setOnAction(e -> chooseFolder(speech));
        Button textFolder = new Button("Folder…");
        textFolder.setOnAction(e -> chooseFolder(text));
        javafx.scene.layout.GridPane pick = new javafx.scene.layout.GridPane(6, 6);
        pick.addRow(0, new Label("Speech"), speech, speechFolder);
        pick.addRow(1, new Label("Text"), text, textFolder);
        Button reembed = new Button("Embed again with these");
        reembed.setId("reembed-button");
        reembed.disableProperty().bind(vm.busyProperty());
        CheckBox normalise = new CheckBox("Normalise each speaker's voice");
        normalise.setId("normalise-voices");
        Tooltip normaliseTip = new Tooltip("Resamples each speaker's recordings by the factor (0.65 to 1.25) under which they lie "
                + "closest to the words, chosen without transcripts, as vocal-tract-length normalisation does. Helps voices "
                + "higher or lower than the model learnt. Speakers with 100 recordings or more are also centred (their mean vector "
                + "moved onto the mean of all such speakers' means). Needs a speech and a text model in one shared space.");
        normaliseTip.setWrapText(true);
        normaliseTip.setMaxWidth(420);
        normalise.setTooltip(normaliseTip);
        reembed.setOnAction(e -> vm.reembed(speech.getValue(), text.getValue(), normalise.isSelected()));
        Label reembedHint = new Label("Embeds the session's recordings and words again and makes a new map "
                + "(typed words, added files and recordings made here are embedded again and kept).");
        reembedHint.setWrapText(true);
        reembedHint.getStyleClass().add("hint");

        Label alignTitle = new Label("Alignment");
        alignTitle.getStyleClass().add("panel-title");
        ChoiceBox<String> method = new ChoiceBox<>();
        method.getItems().setAll(vm.backend().alignmentMethods());
        if (!method.getItems().isEmpty()) method.setValue(method.getItems().get(0));
        Label dict = new Label("dictionary: the session's own transcripts");
        dict.setWrapText(true);
        dict.getStyleClass().add("hint");
        Button chooseDict = new Button("Dictionary…");
        chooseDict.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Seed dictionary (TSV: spoken label, text)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("TSV", "*.tsv", "*.txt"));
            File f = fc.showOpenDialog(getScene().getWindow());
            dictionary = f == null ? null : f.toPath();
            dict.setText(dictionary == null ? "dictionary: the session's own transcripts" : "dictionary: " + dictionary);
        });
        Button run = new Button("Align");
        run.setOnAction(e -> vm.align(method.getValue(), dictionary));
        run.disableProperty().bind(vm.busyProperty());
        TextArea result = new TextArea();
        result.setEditable(false);
        result.setWrapText(true);
        result.setPrefRowCount(8);
        vm.alignmentProperty().addListener((o, a, b) -> result.setText(describe(b)));
        result.setPromptText("Run an alignment to compare the figures before and after.");
        getChildren().addAll(title, models, pick, normalise, reembed, reembedHint, alignTitle, new HBox(8, method, chooseDict, run), dict, result);
    }

    /** A model picker, filled off the FX thread (listing the models reads every model folder). */
    private static ChoiceBox<String> modelChoice(WorkbenchViewModel vm, org.crossmodal.workbench.core.Modality m) {
        ChoiceBox<String> c = new ChoiceBox<>();
        c.setMaxWidth(170);
        vm.executor().submitQuiet((p, cancel) -> vm.backend().modelChoices(m), names -> {
            c.getItems().setAll(names);
            if (!names.isEmpty() && c.getValue() == null) c.setValue(names.get(0));
        }, t -> c.getItems().clear());
        return c;
    }

    private void chooseFolder(ChoiceBox<String> target) {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Model folder (with model.json)");
        File f = dc.showDialog(getScene().getWindow());
        if (f == null) return;
        String path = f.getAbsolutePath();
        if (!target.getItems().contains(path)) target.getItems().add(path);
        target.setValue(path);
    }

    static String describe(WorkbenchBackend.ModelsReport m) {
        if (m == null) return "No models loaded.";
        return "Speech encoder: " + m.speechEncoder() + "\n\nText encoder: " + m.textEncoder() + "\n\nAlignment: "
                + m.alignment();
    }

    static String describe(WorkbenchBackend.AlignmentReport r) {
        if (r == null) return "";
        StringBuilder b = new StringBuilder(r.method()).append('\n');
        for (int i = 0; i < r.after().directions().size(); i++) {
            MetricsReport.Direction after = r.after().directions().get(i);
            MetricsReport.Direction before = i < r.before().directions().size() ? r.before().directions().get(i) : null;
            b.append(after.name()).append(": P@1 ");
            if (before != null) b.append(String.format(Locale.ROOT, "%.3f → ", before.p1()));
            b.append(String.format(Locale.ROOT, "%.3f, MRR ", after.p1()));
            if (before != null) b.append(String.format(Locale.ROOT, "%.3f → ", before.mrr()));
            b.append(String.format(Locale.ROOT, "%.3f%n", after.mrr()));
        }
        return b.append('\n').append(r.details()).toString();
    }
}
