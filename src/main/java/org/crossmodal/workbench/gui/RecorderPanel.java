package org.crossmodal.workbench.gui;

import java.io.File;
import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** Record with a live level and waveform, trim, play back, add to the session; add files and typed words. */
public final class RecorderPanel extends VBox {
    private final Canvas wave = new Canvas(260, 64);
    private final WorkbenchViewModel vm;

    public RecorderPanel(WorkbenchViewModel vm, RecorderViewModel rec) {
        this.vm = vm;
        setSpacing(10);
        setPadding(new Insets(10));
        getStyleClass().add("side-panel");
        Label title = new Label("Record");
        title.getStyleClass().add("panel-title");

        Button record = new Button("\u25CF Record");
        record.setId("record-button");
        record.getStyleClass().add("record-button");
        Button stop = new Button("\u25A0 Stop");
        stop.setId("stop-button");
        Button trim = new Button("Trim");
        trim.setId("trim-button");
        trim.setTooltip(new Tooltip("Cut leading and trailing silence"));
        Button play = new Button("\u25B6 Play");
        play.setId("playback-button");
        Button add = new Button("Add to session");
        add.setId("add-recording-button");
        add.setDefaultButton(false);
        record.setOnAction(e -> rec.record());
        stop.setOnAction(e -> rec.stop());
        trim.setOnAction(e -> rec.trim());
        play.setOnAction(e -> rec.play());
        add.setOnAction(e -> rec.addToSession());
        var recording = rec.stateProperty().isEqualTo(RecorderViewModel.State.RECORDING);
        var recorded = rec.stateProperty().isEqualTo(RecorderViewModel.State.RECORDED);
        record.disableProperty().bind(recording);
        stop.disableProperty().bind(recording.not());
        trim.disableProperty().bind(recorded.not());
        play.disableProperty().bind(recorded.not());
        add.disableProperty().bind(recorded.not().or(vm.busyProperty()));
        if (!rec.availableProperty().get()) {
            // A disabled button shows no tooltip, so the reason is in the text below and in the tooltip of the row.
            record.setTooltip(new Tooltip(rec.infoProperty().get()));
        }

        ProgressBar level = new ProgressBar(0);
        level.setId("level-meter");
        level.setPrefWidth(260);
        level.setMaxWidth(Double.MAX_VALUE);
        level.progressProperty().bind(rec.levelProperty());
        rec.waveformProperty().addListener((o, a, b) -> drawWave(b));
        vm.darkProperty().addListener((o, a, b) -> drawWave(rec.waveformProperty().get()));
        drawWave(new float[0]);
        TextField label = new TextField();
        label.setPromptText("What it says (optional)");
        label.textProperty().bindBidirectional(rec.labelProperty());
        Label info = new Label();
        info.setId("recorder-info");
        info.setWrapText(true);
        info.textProperty().bind(rec.infoProperty());

        Label addTitle = new Label("Add words or files");
        addTitle.getStyleClass().add("panel-title");
        TextField words = new TextField();
        words.setId("add-text-field");
        words.setPromptText("Type words or phrases, separated by commas");
        Button addWords = new Button("Add text");
        addWords.setId("add-text-button");
        addWords.setOnAction(e -> {
            vm.addTexts(words.getText());
            words.clear();
        });
        words.setOnAction(e -> addWords.fire());
        Button files = new Button("Audio files…");
        files.setOnAction(e -> chooseFiles());
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> chooseFolder());
        Label dropHint = new Label("Or drop WAV, FLAC, MP3 or OGG files, folders or a manifest (TSV/CSV) on the window.");
        dropHint.setWrapText(true);
        dropHint.getStyleClass().add("hint");

        HBox buttons = new HBox(6, record, stop, trim, play);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, buttons, level, wave, label, add, info, new Separator(), addTitle,
                new HBox(6, words, addWords), new HBox(6, files, folder), dropHint);
    }

    private void drawWave(float[] peaks) {
        GraphicsContext g = wave.getGraphicsContext2D();
        double w = wave.getWidth(), h = wave.getHeight();
        boolean dark = vm.darkProperty().get();
        g.setFill(dark ? Color.web("#2a2b2e") : Color.web("#eef0f2"));
        g.fillRect(0, 0, w, h);
        g.setStroke(dark ? Color.web("#56B4E9") : Color.web("#0072B2"));
        g.setLineWidth(1);
        int n = peaks.length;
        for (int i = 0; i < n; i++) {
            double x = n <= 1 ? 0 : i * (w - 1) / (n - 1);
            double a = peaks[i] * (h / 2 - 2);
            g.strokeLine(x, h / 2 - a, x, h / 2 + a);
        }
        g.setStroke(dark ? Color.gray(0.4) : Color.gray(0.7));
        g.strokeLine(0, h / 2, w, h / 2);
    }

    void chooseFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Add audio files or a manifest");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Audio and manifests", "*.wav", "*.flac", "*.mp3", "*.ogg", "*.aiff",
                        "*.aif", "*.tsv", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = fc.showOpenMultipleDialog(getScene().getWindow());
        if (chosen != null) vm.addFiles(chosen.stream().map(File::toPath).toList());
    }

    void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Add a folder of audio files");
        File f = dc.showDialog(getScene().getWindow());
        if (f != null) vm.addFiles(List.of(f.toPath()));
    }
}
