package org.crossmodal.workbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The light theme recolours the Metrics histogram's bars and their legend; a line chart's legend (the Probes view's
 * curves) must keep the colour of its line, not take the bars' blue.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeChartsFxTest {
    private LineChart<Number, Number> line;
    private BarChart<String, Number> bars;

    @Start
    void start(Stage stage) {
        line = new LineChart<>(new NumberAxis(), new NumberAxis());
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName("curve");
        s.getData().add(new XYChart.Data<>(1, 1));
        line.getData().add(s);
        bars = new BarChart<>(new CategoryAxis(), new NumberAxis());
        XYChart.Series<String, Number> b = new XYChart.Series<>();
        b.setName("bars");
        b.getData().add(new XYChart.Data<>("a", 1));
        bars.getData().add(b);
        Scene scene = new Scene(new HBox(line, bars), 800, 400);
        scene.getStylesheets().add(WorkbenchWindow.class.getResource("light.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Paint legendFill(XYChart<?, ?> chart) {
        Node symbol = chart.lookup(".chart-legend-item-symbol");
        assertNotNull(symbol, "the chart has a legend symbol");
        return ((Region) symbol).getBackground().getFills().get(0).getFill();
    }

    @Test
    void theBarsBlueStaysWithTheBars(FxRobot robot) {
        robot.interact(() -> {
            line.applyCss();
            bars.applyCss();
        });
        assertEquals(Color.web("#0072B2"), legendFill(bars));
        assertNotEquals(Color.web("#0072B2"), legendFill(line), "a line's legend takes the line's colour, not the bars' blue");
    }
}
