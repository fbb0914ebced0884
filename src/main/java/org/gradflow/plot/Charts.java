package org.gradflow.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The shared, headless figure vocabulary (XChart): line charts over t with optional log axes
 * and vertical event lines, heat maps with a diverging palette, PNG export. Every model's
 * figures go through here so they look alike.
 */
public final class Charts {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;

  private Charts() {}

  public static XYChart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
    return c;
  }

  /**
   * Adds a line; points that a log axis cannot show (x or y ≤ 0, non-finite) are dropped.
   * Returns null (and adds nothing) when no point survives.
   */
  public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Adds scatter points (markers, no line). */
  public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    chart.getStyler().setMarkerSize(6);
    return s;
  }

  /**
   * Vertical lines at the given times (e.g. events), labelled with their names near the top of
   * the plot, staggered over four rows so that close events stay readable. Call after the
   * series are added (labels are placed from their y range).
   */
  public static void markTimes(XYChart chart, Map<String, Double> times) {
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesCollection()) {
      for (double y : s.getYData()) {
        if (Double.isFinite(y) && (!logY || y > 0)) {
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
    }
    int k = 0;
    for (Map.Entry<String, Double> e : times.entrySet()) {
      double t = e.getValue();
      if (!Double.isFinite(t) || (logX && t <= 0)) {
        continue;
      }
      chart.addAnnotation(new AnnotationLine(t, true, false));
      if (hi >= lo) {
        double f = 0.04 + 0.07 * (k++ % 4);
        double y = logY ? hi / Math.pow(hi / lo, f) : hi - f * (hi - lo);
        chart.addAnnotation(new AnnotationText(" " + e.getKey(), t, y, false));
      }
    }
  }

  /**
   * A heat map of {@code values[row][col]} on a blue–white–red scale from {@code min} to
   * {@code max}; row 0 at the top, as in a matrix, with its index as label.
   */
  public static HeatMapChart heatmap(String title, String xLabel, String yLabel,
      double[][] values, double min, double max) {
    int rows = values.length;
    int cols = values[0].length;
    HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(WIDTH).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    c.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)});
    c.getStyler().setMin(min);
    c.getStyler().setMax(max);
    c.getStyler().setShowValue(false);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    List<Integer> xs = new ArrayList<>();
    for (int j = 0; j < cols; j++) {
      xs.add(j);
    }
    // XChart draws the first y category at the bottom: list the row labels bottom-up
    List<String> ys = new ArrayList<>();
    for (int i = rows - 1; i >= 0; i--) {
      ys.add(Integer.toString(i));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        cells.add(new Number[] {j, rows - 1 - i, values[i][j]});
      }
    }
    c.addSeries("values", xs, ys, cells);
    return c;
  }

  /** Writes a chart as PNG, creating the folder; returns the file. */
  public static Path save(Chart<?, ?> chart, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String base = file.toString();
    if (base.endsWith(".png")) {
      base = base.substring(0, base.length() - 4);
    }
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    return Path.of(base + ".png");
  }
}
