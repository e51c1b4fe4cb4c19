package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.crossmodal.workbench.gui.task.FxTaskExecutor;
import org.crossmodal.workbench.probe.CurveResult;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.ProbeFixtures;
import org.crossmodal.workbench.workflow.ProbeWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Probes view, headless, on a planted session: runs off the FX thread, draws bands, cancels to partial. */
@ExtendWith(ApplicationExtension.class)
class ProbesViewFxTest {
    private FxTaskExecutor executor;
    private ProbesView view;
    private final AtomicLong encoded = new AtomicLong();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxTaskExecutor();
        Session s = ProbeFixtures.session();
        ProbeWorkflow wf = ProbeFixtures.workflow(2, encoded);
        ProbesViewModel vm = new ProbesViewModel(executor, () -> s, () -> null, wf, i -> { });
        view = new ProbesView(vm, executor.monitor());
        stage.setScene(new Scene(view, 900, 650));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    private static void waitUntil(String what, Callable<Boolean> c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void inTheNarrowSidePanelTheButtonsWrapAndNoLabelIsCut(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(300);
            view.viewModel().kindProperty().set(ProbeWorkflow.Kind.NOISE);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.FlowPane bar = robot.lookup("#probe-buttons").queryAs(javafx.scene.layout.FlowPane.class);
        double top = bar.getChildren().get(0).getBoundsInParent().getMinY();
        assertTrue(bar.getChildren().stream().anyMatch(n -> n.getBoundsInParent().getMinY() > top),
                "at 300 px the buttons take a second row");
        for (Node n : bar.getChildren()) {
            javafx.scene.layout.Region c = (javafx.scene.layout.Region) n;
            assertTrue(c.getWidth() >= c.prefWidth(-1) - 0.5, n.getId() + " is " + c.getWidth() + " wide, needs " + c.prefWidth(-1));
        }
        for (Node n : robot.lookup(".label").queryAll()) {
            if (!(n instanceof javafx.scene.control.Label l) || !l.isVisible() || l.isWrapText() || l.getText() == null
                    || !(l.getParent() instanceof javafx.scene.layout.GridPane)) continue;
            assertTrue(l.getWidth() >= l.prefWidth(-1) - 0.5, "the settings label '" + l.getText() + "' is cut");
        }
        // With noise curves shown, the choice of noise scale wraps below the metric instead of being squeezed.
        org.crossmodal.workbench.probe.Band b = org.crossmodal.workbench.probe.Band.of(new double[] {0.1, 0.2}, 2);
        var pts = java.util.List.of(new org.crossmodal.workbench.probe.CurvePoint(0, b, b, b, 2),
                new org.crossmodal.workbench.probe.CurvePoint(0.5, b, b, b, 2));
        robot.interact(() -> view.viewModel().curvesProperty().set(new CurveResult("noise", java.util.List.of(
                new org.crossmodal.workbench.probe.Curve("white/mix", "noise (fraction of noise)", pts),
                new org.crossmodal.workbench.probe.Curve("white/snr", "SNR (dB)", pts)), 2, 0, 0, false, java.util.List.of(), null)));
        WaitForAsyncUtils.waitForFxEvents();
        Node scaleBox = robot.lookup("#probe-scale-box").query();
        Node metric = robot.lookup("#probe-metric").query();
        assertTrue(scaleBox.isVisible(), "noise curves offer the choice of scale");
        assertTrue(scaleBox.localToScene(scaleBox.getBoundsInLocal()).getMinY() > metric.localToScene(metric.getBoundsInLocal()).getMaxY(),
                "at 300 px the scale takes a row of its own");
        for (Node n : ((javafx.scene.layout.HBox) scaleBox).getChildren()) {
            javafx.scene.layout.Region c = (javafx.scene.layout.Region) n;
            assertTrue(c.getWidth() >= c.prefWidth(-1) - 0.5, n + " is " + c.getWidth() + " wide, needs " + c.prefWidth(-1));
        }
        // Nothing of the view lies beyond its right edge: the metric's choice shrinks instead.
        double right = view.localToScene(view.getBoundsInLocal()).getMaxX();
        for (String id : java.util.List.of("#probe-metric", "#probe-scale-box", "#probe-chart", "#probe-buttons")) {
            Node n = robot.lookup(id).query();
            assertTrue(n.localToScene(n.getBoundsInLocal()).getMaxX() <= right + 0.5, id + " runs past the view's right edge");
        }
        // A wide view has room for both on one row.
        robot.interact(() -> stage.setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(metric.getParent(), scaleBox.getParent(), "at 1000 px the scale sits beside the metric; view "
                + view.getWidth() + ", metric " + ((javafx.scene.layout.Region) metric).prefWidth(-1) + ", scale " + ((javafx.scene.layout.Region) scaleBox).prefWidth(-1));
    }

    @Test
    void seriesColoursDoNotRepeatAfterEight() {
        java.util.Set<javafx.scene.paint.Color> seen = new java.util.HashSet<>();
        for (int k = 0; k < 24; k++) {
            javafx.scene.paint.Color c = ProbesView.BandChart.colour(k);
            for (javafx.scene.paint.Color o : seen) {
                double d = Math.abs(c.getRed() - o.getRed()) + Math.abs(c.getGreen() - o.getGreen()) + Math.abs(c.getBlue() - o.getBlue());
                assertTrue(d > 0.05, "colour " + k + " " + c + " is almost " + o);
            }
            seen.add(c);
        }
        assertEquals(ProbesView.BandChart.PALETTE[0], ProbesView.BandChart.colour(0), "the first eight are the theme's");
    }

    @Test
    void textPerturbationDrawsACurveWithItsBand(FxRobot robot) throws Exception {
        ProbesViewModel vm = view.viewModel();
        assertTrue(robot.lookup("#probe-no-curve").query().isVisible(), "before a run the view says what to do");
        assertFalse(view.chart().isVisible(), "no empty chart before a run");
        robot.interact(() -> {
            vm.levelsProperty().set("0,10,20,50,100");
            vm.textDrawsProperty().set("3");
        });
        robot.clickOn("#probe-run");
        waitUntil("the probe has run", () -> vm.curvesProperty().get() != null && !vm.runningProperty().get());
        CurveResult r = vm.curvesProperty().get();
        assertFalse(r.partial());
        assertTrue(view.chart().isVisible());
        assertFalse(robot.lookup("#probe-no-curve").query().isVisible());
        ProbesView.BandChart chart = view.chart();
        assertEquals(1, chart.getData().size());
        assertEquals(5, chart.getData().get(0).getData().size());
        assertEquals(0.0, chart.getData().get(0).getData().get(0).getYValue().doubleValue(), 1e-6);
        assertTrue(chart.getData().get(0).getData().get(4).getYValue().doubleValue() > 50, "a hash drops at once");
        assertEquals(1, chart.shapes().size(), "one shaded band");
        assertEquals(20, chart.shapes().get(0).getPoints().size(), "5 upper and 5 lower corners");
        // The score metric replots the same curve.
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<ProbesView.Metric> m = robot.lookup("#probe-metric").queryAs(javafx.scene.control.ComboBox.class);
            m.setValue(ProbesView.Metric.SCORE);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, chart.getData().get(0).getData().get(0).getYValue().doubleValue(), 1e-5);

        // A window of its own shows the same result.
        robot.clickOn("#probe-window");
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<ProbesView> views = robot.lookup("#probes-view").queryAllAs(ProbesView.class).stream()
                .filter(v -> v != view).toList();
        assertEquals(1, views.size());
        assertEquals(5, views.get(0).chart().getData().get(0).getData().size());
        robot.interact(() -> ((Stage) views.get(0).getScene().getWindow()).close());
    }

    @Test
    void cancelHalfWayShowsAPartialCurve(FxRobot robot) throws Exception {
        ProbesViewModel vm = view.viewModel();
        robot.interact(() -> vm.textDrawsProperty().set("50"));
        robot.clickOn("#probe-run");
        waitUntil("the probe is running and has encoded a while", () -> vm.runningProperty().get() && encoded.get() > 60);
        // The FX thread is free while the probe runs: the Cancel button can be clicked.
        robot.clickOn("#probe-cancel");
        waitUntil("the probe has stopped", () -> !vm.runningProperty().get());
        CurveResult r = vm.curvesProperty().get();
        assertTrue(r.partial());
        assertTrue(vm.statusProperty().get().startsWith("PARTIAL"), vm.statusProperty().get());
        assertTrue(view.chart().getData().get(0).getName().endsWith("(partial)"));
        assertTrue(r.curve("characters").points().get(0).draws() < 50);
    }

    @Test
    void voiceShiftPlotsDropAndP1AgainstTheResamplingFactor(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Session s = ProbeFixtures.toneSession(dir, 1.25);
        ProbesViewModel vm = new ProbesViewModel(executor, () -> s, () -> dir.resolve("tone.cmw"), ProbeFixtures.toneWorkflow(1.25),
                i -> { });
        ProbesView[] v = new ProbesView[1];
        robot.interact(() -> {
            v[0] = new ProbesView(vm, executor.monitor());
            stage.setScene(new Scene(v[0], 900, 650));
            vm.kindProperty().set(ProbeWorkflow.Kind.VOICE_SHIFT);
        });
        // The voice-shift settings show, with the default factors; the noise settings do not.
        TextField factors = robot.lookup("#probe-factors").queryAs(TextField.class);
        assertTrue(factors.isVisible());
        assertEquals("0.7,0.75,0.8,0.85,0.9,0.95,1,1.05,1.1,1.2,1.3", factors.getText());
        assertFalse(robot.lookup("#probe-mix").query().isVisible());
        assertTrue(robot.lookup("#probe-shift-sample").query().isVisible());

        robot.clickOn("#probe-run");
        waitUntil("the voice-shift curve is in", () -> vm.curvesProperty().get() != null && !vm.runningProperty().get());
        ProbesView.BandChart chart = v[0].chart();
        NumberAxis x = (NumberAxis) chart.getXAxis();
        assertTrue(x.getLabel().startsWith("resampling factor"), x.getLabel());
        assertEquals(0.65, x.getLowerBound(), 1e-9);
        assertEquals(1.35, x.getUpperBound(), 1e-9);
        assertFalse(robot.lookup("#probe-scale").query().isVisible(), "only noise curves have two scales to choose from");
        assertEquals(1, chart.getData().size());
        var drop = chart.getData().get(0).getData();
        assertEquals(11, drop.size());
        assertEquals(0.8, drop.get(2).getXValue().doubleValue(), 1e-12, "x is the factor itself, not a percentage");
        assertEquals(0.0, drop.get(6).getYValue().doubleValue(), 1e-9, "factor 1: no drop");
        // Lowered by 0.8 the higher voice scores 1 against cos(π/8) clean: a drop of 1 - 1/cos(π/8) = -8.24%.
        assertEquals(-8.24, drop.get(2).getYValue().doubleValue(), 0.01);
        assertEquals(1, chart.shapes().size(), "the band over recordings");
        // The status line says where the voice is heard best, against factor 1, with the paired test; its tooltip says
        // what p is and that it is optimistic.
        javafx.scene.control.Label status = robot.lookup("#probe-status").queryAs(javafx.scene.control.Label.class);
        assertEquals("voice-shift: 8 recordings; best P@1 1.000 at factor 0.8 against 0.125 at 1, "
                + "p = 0.016 (paired, n = 7 discordant; 0.156 over 10 factors)", status.getText());
        assertEquals(ProbesViewModel.PAIRED_NOTE, status.getTooltip().getText());

        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<ProbesView.Metric> m = robot.lookup("#probe-metric").queryAs(javafx.scene.control.ComboBox.class);
            m.setValue(ProbesView.Metric.P1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        var p1 = chart.getData().get(0).getData().stream().map(d -> d.getYValue().doubleValue()).toList();
        assertEquals(java.util.List.of(0.125, 1.0, 1.0, 1.0, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125), p1);
        assertEquals("speech\u2192text P@1", chart.getYAxis().getLabel());
    }

    @Test
    void voiceShiftBySpeakerDrawsOneSeriesPerSpeakerWithALegend(FxRobot robot,
                                                                 @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Session s = ProbeFixtures.toneSession(dir, ProbeFixtures.twoVoices());
        ProbesViewModel vm = new ProbesViewModel(executor, () -> s, () -> dir.resolve("voices.cmw"),
                ProbeFixtures.toneWorkflow(ProbeFixtures.twoVoices()), i -> { });
        ProbesView[] v = new ProbesView[1];
        robot.interact(() -> {
            v[0] = new ProbesView(vm, executor.monitor());
            stage.setScene(new Scene(v[0], 900, 650));
            vm.kindProperty().set(ProbeWorkflow.Kind.NOISE);
        });
        javafx.scene.control.CheckBox box = robot.lookup("#probe-by-speaker").queryAs(javafx.scene.control.CheckBox.class);
        assertFalse(box.isVisible(), "the per-speaker choice is the voice-shift probe's");
        robot.interact(() -> vm.kindProperty().set(ProbeWorkflow.Kind.VOICE_SHIFT));
        assertTrue(box.isVisible());
        assertEquals("One curve per speaker", box.getText());
        assertFalse(box.isSelected());
        robot.clickOn("#probe-by-speaker");
        assertTrue(vm.bySpeakerProperty().get(), "the check box sets the view-model's choice");
        robot.interact(() -> vm.shiftSampleProperty().set("0"));

        robot.clickOn("#probe-run");
        waitUntil("the per-speaker curves are in", () -> vm.curvesProperty().get() != null && !vm.runningProperty().get());
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<ProbesView.Metric> m = robot.lookup("#probe-metric").queryAs(javafx.scene.control.ComboBox.class);
            m.setValue(ProbesView.Metric.P1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ProbesView.BandChart chart = v[0].chart();
        assertEquals(java.util.List.of("all", "tone", "tone-high"), chart.getData().stream().map(x -> x.getName()).toList());
        assertEquals(3, chart.shapes().size(), "a band per series");
        // The status line speaks of the curve all: best at 0.9 by its score alone, the same recordings heard as at 1.
        javafx.scene.control.Label status = robot.lookup("#probe-status").queryAs(javafx.scene.control.Label.class);
        assertEquals("voice-shift: 16 recordings of 2 speakers, one curve each beside all; all: best P@1 0.563 at factor 0.9 "
                + "against 0.563 at 1, p = 1.000 (paired, n = 0 discordant; 1.000 over 10 factors)", status.getText());
        assertTrue(status.getTooltip().getText().startsWith("p: exact McNemar test"));
        assertTrue(chart.isLegendVisible());
        var legend = v[0].lookupAll(".chart-legend-item").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertEquals(java.util.List.of("all", "tone", "tone-high"), legend);
        // The bands take the colours of their series, each its own.
        assertEquals(3, chart.bands.stream().map(ProbesView.BandChart.BandData::colour).distinct().count());
        // The curve over all recordings is the reference, thick and dashed; each speaker's line, symbols and legend
        // symbol share its band's colour.
        assertTrue(chart.bands.get(0).overall());
        assertTrue(chart.getData().get(0).getNode().getStyle().contains("-fx-stroke-dash-array"));
        for (int k = 1; k < 3; k++) {
            javafx.scene.paint.Color band = chart.bands.get(k).colour();
            assertFalse(chart.bands.get(k).overall());
            javafx.scene.shape.Path line = (javafx.scene.shape.Path) chart.getData().get(k).getNode();
            assertEquals(band, line.getStroke(), "line " + k);
            javafx.scene.layout.Region sym = (javafx.scene.layout.Region) chart.getData().get(k).getData().get(0).getNode();
            assertEquals(band, sym.getBackground().getFills().get(0).getFill(), "symbol of " + k);
            String name = chart.getData().get(k).getName();
            javafx.scene.control.Label item = (javafx.scene.control.Label) v[0].lookupAll(".chart-legend-item").stream()
                    .filter(n -> name.equals(((javafx.scene.control.Label) n).getText())).findFirst().orElseThrow();
            assertEquals(band, ((javafx.scene.layout.Region) item.getGraphic()).getBackground().getFills().get(0).getFill(),
                    "legend of " + name);
        }
        java.util.function.Function<Integer, java.util.List<Double>> ys = k -> chart.getData().get(k).getData().stream()
                .map(d -> d.getYValue().doubleValue()).toList();
        // factors 0.7 ... 1.3: the known voice is heard from 0.9 to 1.1, the higher one from 0.75 to 0.85.
        assertEquals(java.util.List.of(0.125, 0.125, 0.125, 0.125, 1.0, 1.0, 1.0, 1.0, 1.0, 0.125, 0.125), ys.apply(1));
        assertEquals(java.util.List.of(0.125, 1.0, 1.0, 1.0, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125), ys.apply(2));
        assertEquals(0.5625, ys.apply(0).get(6), 0.0);
        NumberAxis x = (NumberAxis) chart.getXAxis();
        assertEquals(0.65, x.getLowerBound(), 1e-9);
        assertEquals(1.35, x.getUpperBound(), 1e-9);
    }

    @Test
    void confusionTablesFill(FxRobot robot) throws Exception {
        ProbesViewModel vm = view.viewModel();
        robot.interact(() -> vm.kindProperty().set(ProbeWorkflow.Kind.CONFUSIONS));
        robot.clickOn("#probe-run");
        waitUntil("the confusions are in", () -> !vm.perSpeaker().isEmpty());
        TableView<?> speakers = robot.lookup("#probe-per-speaker").queryAs(TableView.class);
        assertEquals(2, speakers.getItems().size());
        assertTrue(robot.lookup("#probe-confusions").queryAs(TableView.class).isVisible()
                || !robot.lookup("#probe-chart").query().isVisible());
    }
}
