package org.gradflow.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The shared, headless figure vocabulary (XChart) in the one {@link PlotStyle}: line charts over
 * t with optional log axes and labelled event lines, heat maps on a blue–white–red scale, and
 * files in the requested {@link PlotFormat}s. Every model's figures go through here so they look
 * alike.
 */
public final class Charts {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;
  /** Up to this many event lines are labelled by name; more get numbers that the legend explains. */
  public static final int NAMED_EVENTS = 4;

  private Charts() {}

  public static XYChart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    return lines(title, xLabel, yLabel, logX, logY, WIDTH, HEIGHT);
  }

  public static XYChart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY,
      int width, int height) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    PlotStyle.apply(c);
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
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
    int index = chart.getSeriesCollection().size();
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    PlotStyle.styleLine(s, index);
    return s;
  }

  /** Adds scatter points (markers, no line). */
  public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
    int index = chart.getSeriesCollection().size();
    XYSeries s = chart.addSeries(name, x, y);
    PlotStyle.styleLine(s, index);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    chart.getStyler().setMarkerSize(7);
    return s;
  }

  /**
   * Dashed vertical lines at the given times (e.g. events), labelled without overlap at the top
   * of the plot ({@link EventLabelLayout}): by name when there are at most {@value #NAMED_EVENTS},
   * else by number, with "n: name, t = …" entries in the legend. Call after the series are added.
   * Returns the annotation (its label boxes are inspectable after a paint), or null when no time
   * can be drawn.
   */
  public static EventMarks markTimes(XYChart chart, Map<String, Double> times) {
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    List<Map.Entry<String, Double>> shown = new ArrayList<>();
    for (Map.Entry<String, Double> e : times.entrySet()) {
      double t = e.getValue();
      if (Double.isFinite(t) && (!logX || t > 0)) {
        shown.add(e);
      }
    }
    XYSeries anchor = chart.getSeriesCollection().stream().findFirst().orElse(null);
    if (shown.isEmpty() || anchor == null) {
      return null;
    }
    shown.sort(Map.Entry.comparingByValue());
    boolean named = shown.size() <= NAMED_EVENTS;
    List<EventMarks.Mark> marks = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      String name = shown.get(i).getKey();
      double t = shown.get(i).getValue();
      marks.add(new EventMarks.Mark(named ? name : Integer.toString(i + 1), t));
      if (!named) {
        // a legend entry only: one point draws no line, and sits inside the data's range
        XYSeries key = chart.addSeries(String.format(Locale.ROOT, "%d: %s, t = %s", i + 1, name, PlotStyle.sig3(t)),
            new double[] {anchor.getXData()[0]}, new double[] {anchor.getYData()[0]});
        key.setMarker(SeriesMarkers.NONE);
        key.setLineColor(PlotStyle.EVENT);
        key.setLineStyle(PlotStyle.EVENT_LINE);
      }
    }
    EventMarks m = new EventMarks(marks);
    chart.addAnnotation(m);
    return m;
  }

  /**
   * A heat map of {@code values[row][col]} on a blue–white–red scale from {@code min} to
   * {@code max}; row 0 at the top, as in a matrix, with its index as label.
   */
  public static HeatMapChart heatmap(String title, String xLabel, String yLabel,
      double[][] values, double min, double max) {
    List<Number> xs = new ArrayList<>();
    for (int j = 0; j < values[0].length; j++) {
      xs.add(j);
    }
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(Integer.toString(i));
    }
    return heatmap(title, xLabel, yLabel, xs, rows, values, min, max, WIDTH, WIDTH);
  }

  /**
   * A heat map with the given column positions and row labels (row 0 at the top), every row and
   * column labelled unless its formatted label is empty. The colour bar shows 3 significant
   * digits; values far from 1 are shown in units of 10ᵏ, which the title then states.
   */
  public static HeatMapChart heatmap(String title, String xLabel, String yLabel, List<Number> columns,
      List<String> rowLabels, double[][] values, double min, double max, int width, int height) {
    int rows = values.length;
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    int k = magnitude > 0 ? (int) Math.floor(Math.log10(magnitude)) : 0;
    k = k >= -1 && k <= 2 ? 0 : k;
    double unit = Math.pow(10, k);
    HeatMapChart c = new HeatMapChartBuilder().width(width).height(height)
        .title(k == 0 ? title : title + " (in units of 10" + PlotStyle.superscript(k) + ")")
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    PlotStyle.apply(c);
    c.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)});
    // XChart's gradient colour bar prints its end values with Double.toString: round them
    // outwards to 3 significant digits so that it prints those
    c.getStyler().setMin(-roundUp3(-min / unit));
    c.getStyler().setMax(roundUp3(max / unit));
    c.getStyler().setShowValue(false);
    c.getStyler().setPlotGridLinesVisible(false);
    c.getStyler().setPlotContentSize(1.0);
    // XChart's category axes thin their labels by the x spacing hint (both axes): keep them all
    c.getStyler().setXAxisTickMarkSpacingHint(1);
    c.getStyler().setXAxisMaxLabelCount(0);
    // XChart draws the first y category at the bottom: list the row labels bottom-up
    List<String> ys = new ArrayList<>();
    for (int i = rows - 1; i >= 0; i--) {
      ys.add(rowLabels.get(i));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns.size(); j++) {
        cells.add(new Number[] {j, rows - 1 - i, values[i][j] / unit});
      }
    }
    c.addSeries("values", columns, ys, cells);
    return c;
  }

  /** v rounded up (towards +∞) to 3 significant digits. */
  static double roundUp3(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(3, java.math.RoundingMode.CEILING)).doubleValue();
  }

  /**
   * Labels the x axis of a heat map at positions measured in columns (0 = left edge of the first
   * column, n = right edge of the last) instead of XChart's category labels.
   */
  public static void columnTicks(HeatMapChart chart, double[] positions, List<String> labels) {
    chart.getStyler().setXAxisTickLabelsFormattingFunction(v -> "");
    chart.getStyler().setAxisTitlePadding(ColumnTicks.LABEL_SPACE);
    chart.addAnnotation(new ColumnTicks(chart.getHeatMapSeries().getXData().size(), positions, labels));
  }

  /** Writes a chart in the default formats (PNG + PDF); returns the PNG. */
  public static Path save(Chart<?, ?> chart, Path file) throws IOException {
    return save(chart, file, PlotFormat.DEFAULT);
  }

  public static Path save(Chart<?, ?> chart, Path file, Set<PlotFormat> formats) throws IOException {
    return save(Figure.of(chart), file, formats);
  }

  /** Writes a figure in {@code formats}; returns the PNG (first written), null when formats is empty. */
  public static Path save(Figure figure, Path file, Set<PlotFormat> formats) throws IOException {
    for (Chart<?, ?> c : figure.panels()) {
      if (c instanceof XYChart xy) {
        PlotStyle.finish(xy);
      }
    }
    return FigureFiles.write(figure, file, formats);
  }
}
