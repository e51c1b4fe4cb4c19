package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.crossmodal.workbench.gui.task.FxTaskExecutor;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.ProbeWorkflow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the Probes view on a real session for the documentation:
 * {@code mvn test -Dtest=ProbesScreenshotTest -Dtest.excludedGroups=none -Dworkbench.screenshot.session=demo.cmw
 * -Dworkbench.screenshot.out=docs/probes-view.png} (noise curves; {@code -Dworkbench.screenshot.probe=text-phonemes}
 * for the text-perturbation curves of characters and phonemes; {@code voice-shift} for P@1 against the resampling factor,
 * all recordings unless {@code -Dworkbench.screenshot.sample=N}; {@code voice-shift-by-speaker} for the same with one
 * curve per speaker beside "all", all recordings of each speaker unless {@code -Dworkbench.screenshot.sample=N}).
 * Skipped without a session.
 */
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class ProbesScreenshotTest {
    private ProbesView view;
    private FxTaskExecutor executor;
    private Stage stage;

    @Start
    void start(Stage st) {
        stage = st;
        executor = new FxTaskExecutor();
    }

    @Test
    void noiseCurves(FxRobot robot) throws Exception {
        String file = System.getProperty("workbench.screenshot.session");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "no session given");
        Path out = Path.of(System.getProperty("workbench.screenshot.out", "target/probes-view.png"));
        Session s = SessionStore.open(Path.of(file));
        ProbesViewModel vm = new ProbesViewModel(executor, () -> s, () -> Path.of(file), new ProbeWorkflow(), i -> { });
        robot.interact(() -> {
            view = new ProbesView(vm, executor.monitor());
            stage.setScene(new Scene(view, 1000, 720));
            stage.show();
            if ("text-phonemes".equals(System.getProperty("workbench.screenshot.probe"))) {
                // the character and phoneme curves of the built-in towers (IPA by espeak-ng)
                vm.kindProperty().set(ProbeWorkflow.Kind.TEXT_PERTURBATION);
                vm.textDrawsProperty().set("3");
                vm.phonemesProperty().set(true);
            } else if (String.valueOf(System.getProperty("workbench.screenshot.probe")).startsWith("voice-shift")) {
                // the voice-shift curve, P@1 against the resampling factor; with -by-speaker one curve per speaker too
                vm.kindProperty().set(ProbeWorkflow.Kind.VOICE_SHIFT);
                vm.shiftSampleProperty().set(System.getProperty("workbench.screenshot.sample", "0"));
                vm.bySpeakerProperty().set("voice-shift-by-speaker".equals(System.getProperty("workbench.screenshot.probe")));
            } else {
                vm.kindProperty().set(ProbeWorkflow.Kind.NOISE);
                vm.noiseSampleProperty().set(System.getProperty("workbench.screenshot.sample", "100"));
                vm.noiseDrawsProperty().set("3");
                vm.snrProperty().set("none");
            }
        });
        robot.clickOn("#probe-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.MINUTES, () -> vm.curvesProperty().get() != null && !vm.runningProperty().get());
        if (String.valueOf(System.getProperty("workbench.screenshot.probe")).startsWith("voice-shift")) {
            robot.interact(() -> {
                @SuppressWarnings("unchecked")
                var metric = (javafx.scene.control.ComboBox<ProbesView.Metric>) view.lookup("#probe-metric");
                metric.setValue(ProbesView.Metric.P1);
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = view.getScene().snapshot(null));
        BufferedImage b = SwingFXUtils.fromFXImage(img[0], null);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(b, "png", out.toFile());
        assertTrue(Files.size(out) > 1000);
        executor.shutdown();
    }
}
