package org.crossmodal.workbench.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The workbench window. */
public final class WorkbenchApp extends Application {

    /** Opens the window (blocks until it is closed). */
    public static void launchApp(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("Crossmodal Workbench"));
        stage.setTitle("Crossmodal Workbench");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
