package org.crossmodal.workbench.gui;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The selected item's nearest neighbours: score with a bar, the true match marked, play on speech. */
public final class NeighbourPanel extends VBox {

    public NeighbourPanel(WorkbenchViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(10));
        getStyleClass().add("side-panel");
        setId("neighbour-panel");

        Label title = new Label("Nearest neighbours");
        title.getStyleClass().add("panel-title");
        Label summary = new Label();
        summary.setId("neighbour-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.neighbourSummaryProperty());

        ToggleGroup measure = new ToggleGroup();
        RadioButton cosine = new RadioButton("cosine");
        RadioButton csls = new RadioButton("CSLS");
        csls.setId("csls-toggle");
        cosine.setToggleGroup(measure);
        csls.setToggleGroup(measure);
        cosine.setSelected(!vm.cslsProperty().get());
        csls.setSelected(vm.cslsProperty().get());
        csls.selectedProperty().addListener((o, a, b) -> vm.cslsProperty().set(b));
        csls.setTooltip(new Tooltip("Cross-domain similarity local scaling: lowers the score of hubs"));
        Spinner<Integer> k = new Spinner<>(1, 100, vm.kProperty().get());
        k.setPrefWidth(70);
        k.valueProperty().addListener((o, a, b) -> vm.kProperty().set(b));
        CheckBox own = new CheckBox("own modality too");
        own.selectedProperty().bindBidirectional(vm.includeOwnProperty());
        HBox controls = new HBox(8, new Label("top"), k, cosine, csls);
        controls.setAlignment(Pos.CENTER_LEFT);

        ListView<NeighbourRow> list = new ListView<>(vm.neighbours());
        list.setId("neighbour-list");
        list.setPlaceholder(new Label("No item selected"));
        list.setCellFactory(lv -> new Cell(vm));
        list.setOnMouseClicked(e -> {
            NeighbourRow r = list.getSelectionModel().getSelectedItem();
            if (r != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) vm.jumpTo(r.item().id());
        });
        list.setOnKeyPressed(e -> {
            NeighbourRow r = list.getSelectionModel().getSelectedItem();
            if (r != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) vm.jumpTo(r.item().id());
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label hint = new Label("Double-click a neighbour to jump to it on the map.");
        hint.getStyleClass().add("hint");
        // a pronunciation typed in IPA, looked up among the recordings by the built-in phoneme tower
        TextField ipa = new TextField();
        ipa.setId("ipa-query");
        ipa.setPromptText("IPA, e.g. h\u02c8\u00e6p\u0259nd");
        ipa.setTooltip(new Tooltip("A pronunciation as espeak-ng writes it; the built-in phoneme tower "
                + "(builtin-ipa) places it among the recordings. Press Enter."));
        ipa.setOnAction(e -> vm.lookUpIpa(ipa.getText()));
        HBox.setHgrow(ipa, Priority.ALWAYS);
        Button find = new Button("Find");
        find.setOnAction(e -> vm.lookUpIpa(ipa.getText()));
        HBox ipaRow = new HBox(6, new Label("Say"), ipa, find);
        ipaRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, summary, controls, own, ipaRow, list, hint);
    }

    private static final class Cell extends ListCell<NeighbourRow> {
        private final Label rank = new Label();
        private final Label shape = new Label();
        private final Label label = new Label();
        private final Label detail = new Label();
        private final Label score = new Label();
        private final Region bar = new Region();
        private final StackPane barBox = new StackPane(bar);
        private final Button play = new Button("\u25B6");
        /** The whole label, speaker and score, which a narrow panel cuts short. */
        private final Tooltip whole = new Tooltip();

        Cell(WorkbenchViewModel vm) {
            rank.setMinWidth(22);
            rank.getStyleClass().add("rank");
            label.getStyleClass().add("neighbour-label");
            detail.getStyleClass().add("hint");
            bar.getStyleClass().add("score-bar");
            barBox.setAlignment(Pos.CENTER_LEFT);
            barBox.setPrefWidth(70);
            barBox.setMinWidth(70);
            barBox.setMaxHeight(10);
            barBox.getStyleClass().add("score-bar-box");
            score.setMinWidth(48);
            score.getStyleClass().add("neighbour-score");
            // the cell takes the list's width instead of its content's, so a long label or speaker name is cut
            // with an ellipsis and the score, its bar and the play button stay in view (no sideways scrolling)
            setPrefWidth(0);
            label.setMinWidth(0);
            detail.setMinWidth(0);
            play.getStyleClass().add("play-button");
            play.setFocusTraversable(false);
            play.setOnAction(e -> {
                if (getItem() != null) vm.play(getItem().item());
            });
        }

        @Override
        protected void updateItem(NeighbourRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            rank.setText(r.rank() + ".");
            shape.setText(r.playable() ? "\u25CF" : "\u25A0");
            shape.getStyleClass().setAll("label", r.playable() ? "speech-mark" : "text-mark");
            label.setText(r.item().label() + (r.trueMatch() ? "  \u2714" : ""));
            label.getStyleClass().setAll("label", "neighbour-label", r.trueMatch() ? "true-match" : "other-match");
            detail.setText(r.item().modality().key() + (r.item().speaker() != null ? " · " + r.item().speaker() : ""));
            score.setText(String.format(Locale.ROOT, "%.3f", r.score()));
            bar.setMaxWidth(Math.max(2, 70 * r.bar()));
            bar.setPrefWidth(Math.max(2, 70 * r.bar()));
            VBox text = new VBox(0, label, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setMinWidth(0);
            HBox row = new HBox(6, rank, shape, text, barBox, score);
            row.setAlignment(Pos.CENTER_LEFT);
            if (r.playable()) row.getChildren().add(play);
            setText(null);
            setGraphic(row);
            whole.setText(r.item().label() + "\n" + detail.getText() + "\n" + score.getText());
            setTooltip(whole);
        }
    }
}
