package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.crossmodal.workbench.gui.map.MapView;
import org.crossmodal.workbench.gui.map.Palette;
import org.crossmodal.workbench.gui.task.FxTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window, headless (Monocle), on a synthetic session. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowFxTest {
    @TempDir
    static Path home;

    private SyntheticBackend backend;
    private WorkbenchWindow window;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) {
        backend = new SyntheticBackend(60, 3);
        executor = new FxTaskExecutor();
        WorkbenchViewModel vm = new WorkbenchViewModel(backend, executor, new AppFiles(home));
        window = new WorkbenchWindow(vm);
        window.setShowDialogs(false);
        window.attach(stage);
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
        vm.start(null);
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    private MapView map() {
        return window.map();
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    private void waitUntil(String what, java.util.concurrent.Callable<Boolean> c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Point2D onScreen(String id) throws Exception {
        AtomicReference<Point2D> p = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            int i = vm().mapProperty().get().indexOf(id);
            double[] s = map().screenPosition(i);
            p.set(map().canvas().localToScreen(s[0], s[1]));
        }).get();
        return p.get();
    }

    private int canvasPixel(String id, int dx, int dy) throws Exception {
        AtomicReference<Integer> argb = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            int i = vm().mapProperty().get().indexOf(id);
            double[] s = map().screenPosition(i);
            WritableImage img = map().canvas().snapshot(null, null);
            argb.set(img.getPixelReader().getArgb((int) Math.round(s[0]) + dx, (int) Math.round(s[1]) + dy));
        }).get();
        return argb.get();
    }

    @Test
    void theWindowOpensWithItsPointsDrawn() throws Exception {
        waitUntil("the map shows the session", () -> vm().mapProperty().get().size() == 180 && map().frames() > 0);
        int bg = Palette.background(false);
        assertNotEquals(bg, canvasPixel("a5", 0, 0), "a point is drawn where the spoken item is");
        assertNotEquals(bg, canvasPixel("t5", 0, 0));
        assertEquals(bg, canvasPixel("t5", 0, -12) | 0xFF000000, "background between points");
    }

    @Test
    void clickingAPointFillsTheNeighbourPanel(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        robot.clickOn(onScreen("a7"));
        waitUntil("neighbours", () -> !vm().neighbours().isEmpty());
        ListView<?> list = robot.lookup("#neighbour-list").queryAs(ListView.class);
        assertEquals(10, list.getItems().size());
        NeighbourRow first = (NeighbourRow) list.getItems().get(0);
        assertEquals("t7", first.item().id());
        assertTrue(first.trueMatch());
        assertTrue(robot.lookup("#neighbour-summary").queryLabeled().getText().contains("word7"));
        // double-click on a neighbour jumps to it on the map
        robot.doubleClickOn(robot.lookup("#neighbour-list .list-cell").nth(1).queryAs(javafx.scene.Node.class));
        waitUntil("jump", () -> vm().selectedProperty().get() != vm().mapProperty().get().indexOf("a7"));
        int sel = vm().selectedProperty().get();
        double[] s = map().screenPosition(sel);
        assertEquals(map().getWidth() / 2, s[0], 2, "centred on the neighbour");
    }

    @Test
    void scoresAndPlayButtonsStayInViewInANarrowPanel(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) robot.lookup("#neighbour-panel")
                    .query().getParent().getParent();
            split.setDividerPosition(1, 0.99);  // the panel shrinks to its least width
        }).get();
        // a text item: its neighbours are recordings, with play buttons
        WaitForAsyncUtils.asyncFx(() -> vm().select(vm().mapProperty().get().indexOf("t7"))).get();
        waitUntil("neighbours", () -> !vm().neighbours().isEmpty() && vm().neighbours().get(0).playable());
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#neighbour-list").queryAs(ListView.class);
        double right = list.localToScene(list.getLayoutBounds()).getMaxX();
        assertTrue(list.getWidth() <= 270, "the panel is narrow: " + list.getWidth());
        var scores = robot.lookup("#neighbour-list .neighbour-score").queryAllAs(javafx.scene.control.Label.class);
        var plays = robot.lookup("#neighbour-list .play-button").queryAllAs(Button.class);
        assertFalse(scores.isEmpty());
        assertFalse(plays.isEmpty());
        for (javafx.scene.Node n : scores) {
            if (!n.isVisible() || ((javafx.scene.control.Label) n).getText().isEmpty()) continue;
            assertTrue(n.localToScene(n.getLayoutBounds()).getMaxX() <= right,
                    "score " + ((javafx.scene.control.Label) n).getText() + " ends inside the list");
        }
        for (Button b : plays) {
            if (b.getScene() != null && b.isVisible()) {
                assertTrue(b.localToScene(b.getLayoutBounds()).getMaxX() <= right, "play button inside the list");
            }
        }
        // what a narrow panel cuts short is in the cell's tooltip
        NeighbourRow first = vm().neighbours().get(0);
        javafx.scene.control.ListCell<?> cell = robot.lookup("#neighbour-list .list-cell").nth(0)
                .queryAs(javafx.scene.control.ListCell.class);
        assertNotNull(cell.getTooltip(), "a tooltip on the neighbour");
        assertTrue(cell.getTooltip().getText().startsWith(first.item().label() + "\nspeech · " + first.item().speaker()),
                cell.getTooltip().getText());
    }

    @Test
    void hoverShowsATooltip(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        robot.moveTo(onScreen("b12"));
        robot.moveBy(1, 0);
        waitUntil("tooltip", () -> map().tooltipShown() != null);
        String tip = map().tooltipShown();
        assertTrue(tip.startsWith("word12\nspeech · speaker B"), tip);
    }

    @Test
    void searchHighlightsMatches(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        robot.clickOn("#search-field").write("word33");
        waitUntil("matches", () -> vm().matchesProperty().get() != null && vm().matchesProperty().get().cardinality() == 3);
        assertEquals("3 matches", robot.lookup("#search-info").queryLabeled().getText());
        // the ring around a match is drawn in the foreground colour just outside the point
        waitUntil("the ring is drawn", () -> (canvasPixel("t33", 0, -5) | 0xFF000000) == Palette.selectionColour(false));
        assertNotEquals(Palette.selectionColour(false), canvasPixel("t34", 0, -5) | 0xFF000000);
    }

    @Test
    void aRecordingLandsOnTheMapWithNeighbours(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        robot.clickOn("#record-button");
        robot.clickOn("#stop-button");
        robot.clickOn("#trim-button");
        WaitForAsyncUtils.asyncFx(() -> window.recorder().labelProperty().set("word21")).get();
        robot.clickOn("#add-recording-button");
        waitUntil("the recording on the map", () -> vm().mapProperty().get().size() == 181);
        waitUntil("its neighbours", () -> vm().selectedProperty().get() == 180 && !vm().neighbours().isEmpty());
        assertEquals("t21", vm().neighbours().get(0).item().id());
        assertNotEquals(Palette.background(false), canvasPixel(vm().mapProperty().get().item(180).id(), 0, 0));
    }

    @Test
    void exportWritesAPng() throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        Path png = home.resolve("export/map.png");
        WaitForAsyncUtils.asyncFx(() -> window.exportMap(png, "png")).get();
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals((int) map().canvas().getWidth(), img.getWidth());
        assertEquals((int) map().canvas().getHeight(), img.getHeight());
        double[] s = map().screenPosition(vm().mapProperty().get().indexOf("a5"));
        assertNotEquals(Palette.background(false) & 0xFFFFFF, img.getRGB((int) Math.round(s[0]), (int) Math.round(s[1])) & 0xFFFFFF);
        Path svg = home.resolve("export/map.svg");
        WaitForAsyncUtils.asyncFx(() -> window.exportMap(svg, "svg")).get();
        String text = java.nio.file.Files.readString(svg);
        assertTrue(text.contains("<title>word5 (speech)</title>"), "points carry their labels");
    }

    @Test
    void droppingAFolderWithoutAudioSaysSoAndKeepsTheSession() throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        Path junk = home.resolve("junk");
        java.nio.file.Files.createDirectories(junk);
        java.nio.file.Files.writeString(junk.resolve("notes.txt"), "not audio");
        WaitForAsyncUtils.asyncFx(() -> window.dropped(java.util.List.of(junk))).get();
        waitUntil("the message", () -> vm().lastErrorProperty().get() != null);
        assertTrue(vm().lastErrorProperty().get().contains("holds no WAV"), vm().lastErrorProperty().get());
        assertEquals(180, vm().mapProperty().get().size());
        assertFalse(vm().busyProperty().get());
    }

    @Test
    void pauseHoldsAProjectionAndResumeFinishesIt(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        backend.stepSleepMillis = 12; // about 3.6 s in all: time enough for the robot to click Pause on a loaded machine
        WaitForAsyncUtils.asyncFx(() -> window.tabs().getSelectionModel().select(1)).get();
        WaitForAsyncUtils.asyncFx(() -> vm().runProjection(new ProjectionSettings("tsne", 30, 300, 1))).get();
        waitUntil("the projection runs", () -> backend.projectionSteps.get() > 20);
        robot.clickOn("#projection-pause");
        waitUntil("paused", () -> vm().pausedProperty().get());
        Thread.sleep(200);
        int held = backend.projectionSteps.get();
        Thread.sleep(400);
        assertTrue(backend.projectionSteps.get() - held <= 10, "paused at the next report: " + held + " -> " + backend.projectionSteps.get());
        assertEquals("Resume", robot.lookup("#projection-pause").queryAs(Button.class).getText());
        robot.clickOn("#projection-pause");
        waitUntil("finished", () -> !vm().projectingProperty().get());
        assertEquals(300, backend.projectionSteps.get());
        assertEquals(backend.planted[0], vm().mapProperty().get().x(0), 1e-4, "the final map is shown");
    }

    @Test
    void theNormaliseBoxIsPassedToTheReembedding(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        WaitForAsyncUtils.asyncFx(() -> window.tabs().getSelectionModel().select(2)).get();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#reembed-button");
        waitUntil("re-embedded as recorded", () -> backend.lastReembed != null && !vm().busyProperty().get());
        assertTrue(backend.lastReembed.endsWith("|false"), backend.lastReembed);
        robot.clickOn("#normalise-voices");
        robot.clickOn("#reembed-button");
        waitUntil("re-embedded with voices normalised", () -> backend.lastReembed.endsWith("|true") && !vm().busyProperty().get());
    }

    @Test
    void shiftDragSelectsTheBox(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        Point2D a = onScreen("t0"), b = onScreen("t21");
        // a box from just above-left of word0 to just below-right of word21 (words sit on a 20-column grid)
        Point2D from = a.add(-25, -25), to = b.add(25, 25);
        robot.press(javafx.scene.input.KeyCode.SHIFT);
        try {
            robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).moveTo(to).release(javafx.scene.input.MouseButton.PRIMARY);
        } finally {
            robot.release(javafx.scene.input.KeyCode.SHIFT);
        }
        waitUntil("selection", () -> !vm().areaSelectionProperty().get().isEmpty());
        java.util.BitSet sel = vm().areaSelectionProperty().get();
        assertTrue(sel.get(vm().mapProperty().get().indexOf("t0")));
        assertTrue(sel.get(vm().mapProperty().get().indexOf("t21")));
        assertFalse(sel.get(vm().mapProperty().get().indexOf("t40")), "outside the box");
        assertTrue(robot.lookup("#status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText().endsWith("points selected"));
    }

    @Test
    void lassoSelectsThePointsInsideItsPolygon() throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        AtomicReference<java.util.BitSet> got = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            // a triangle around word0's three points (text at (0,0), recordings at (+-1.5, 0.5))
            double[] c = map().screenPosition(vm().mapProperty().get().indexOf("t0"));
            double r = 4 * map().viewport().scale();
            got.set(map().inLasso(java.util.List.of(new double[] {c[0] - r, c[1] - r}, new double[] {c[0] + r, c[1] - r},
                    new double[] {c[0], c[1] + r})));
        }).get();
        java.util.BitSet sel = got.get();
        assertEquals(3, sel.cardinality(), "word0's text and its two recordings");
        for (String id : java.util.List.of("t0", "a0", "b0")) assertTrue(sel.get(vm().mapProperty().get().indexOf(id)), id);
    }

    @Test
    void cancelStopsAProjection(FxRobot robot) throws Exception {
        waitUntil("points", () -> map().frames() > 0 && vm().mapProperty().get().size() == 180);
        backend.stepSleepMillis = 5;
        WaitForAsyncUtils.asyncFx(() -> window.tabs().getSelectionModel().select(1)).get();
        robot.clickOn("#projection-run");
        waitUntil("the projection runs", () -> backend.projectionSteps.get() > 30);
        long framesBefore = map().frames();
        waitUntil("snapshots animate the map", () -> map().frames() > framesBefore + 2);
        robot.clickOn("#projection-cancel");
        waitUntil("the projection stops", () -> !vm().projectingProperty().get());
        int steps = backend.projectionSteps.get();
        Thread.sleep(300);
        assertEquals(steps, backend.projectionSteps.get(), "no more iterations after cancel");
        assertTrue(steps < 1000, "cancelled before the end: " + steps);
        assertTrue(robot.lookup("#projection-cancel").queryAs(Button.class).isDisabled());
        assertFalse(robot.lookup("#status-progress").query().isVisible());
    }
}
