package org.crossmodal.workbench.gui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.crossmodal.workbench.gui.task.FxTaskExecutor;

/**
 * The workbench window. Opens at once with an empty map, then loads the session named on the
 * command line, or the built-in demo, off the FX thread.
 *
 * <p>System properties: {@code workbench.settings} (settings folder), {@code workbench.root} (where
 * assets/ and models/ are), {@code workbench.launchReport} (a file that receives the milliseconds
 * from JVM start to the window open and to the first frame with points), {@code workbench.exitAfterLaunch}.
 */
public final class WorkbenchApp extends Application {
    private FxTaskExecutor executor;
    private AppFiles files;
    private WorkbenchWindow window;

    /** Opens the window (blocks until it is closed). */
    public static void launchApp(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        files = AppFiles.standard();
        WorkbenchViewModel vm = new WorkbenchViewModel(WorkflowBackend.standard(), executor, files);
        window = new WorkbenchWindow(vm);
        window.attach(stage);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            if (vm.modifiedProperty().get() && !confirmDiscard(stage)) e.consume();
        });
        stage.show();
        long shown = uptimeMillis();
        watchFirstFrame(vm, shown);

        Path recover = files.recoverable();
        List<String> args = getParameters().getRaw();
        Path session = args.isEmpty() ? null : Path.of(args.get(0));
        files.markRunning();
        Platform.runLater(() -> {
            if (recover != null && session == null && window.offerRecovery(recover)) vm.recover(recover);
            else vm.start(session);
        });
        Timeline autosave = new Timeline(new KeyFrame(Duration.minutes(2), e -> vm.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    private static boolean confirmDiscard(Stage stage) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The session has unsaved changes. Close anyway?",
                ButtonType.YES, ButtonType.NO);
        a.setHeaderText("Unsaved changes");
        a.initOwner(stage);
        return a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    @Override
    public void stop() {
        if (executor != null) executor.shutdown();
        if (files != null) files.markClosed();
    }

    private static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** With {@code workbench.launchReport}, writes when the window opened and when points were first drawn. */
    private void watchFirstFrame(WorkbenchViewModel vm, long shownMillis) {
        String report = System.getProperty("workbench.launchReport");
        if (report == null) return;
        boolean exit = Boolean.getBoolean("workbench.exitAfterLaunch");
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                boolean drawn = !vm.mapProperty().get().isEmpty() && window.map().frames() > 0 && !vm.busyProperty().get();
                boolean failed = vm.lastErrorProperty().get() != null || (vm.mapProperty().get().isEmpty()
                        && !vm.busyProperty().get() && vm.emptyMessageProperty().get().startsWith("The built-in demo is not"));
                if (!drawn && !failed) return;
                stop();
                String text = String.format(Locale.ROOT, "window_open_ms=%d%nfirst_points_ms=%s%npoints=%d%nstatus=%s%n",
                        shownMillis, drawn ? Long.toString(uptimeMillis()) : "none", vm.mapProperty().get().size(),
                        drawn ? "ok" : String.valueOf(vm.lastErrorProperty().get() != null ? vm.lastErrorProperty().get()
                                : vm.emptyMessageProperty().get()).replace('\n', ' '));
                try {
                    Files.writeString(Path.of(report), text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    vm.lastErrorProperty().set("Cannot write the launch report " + report + ": " + e.getMessage());
                }
                if (exit) Platform.exit();
            }
        }.start();
    }
}
