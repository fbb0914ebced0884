package org.gradflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every gradflow figure: a font that the PDF can embed, the Okabe–Ito
 * colour-blind-safe palette cycled against four dash patterns (so curves that coincide stay
 * distinguishable), the legend outside the data, light decade-only grids and 10ⁿ tick labels on
 * log axes whose range is widened to whole decades (a labelled tick at every decade the data
 * spans).
 */
public final class PlotStyle {
  /** Preferred font families, first available wins: DejaVu Sans has ‖, ∇, L̂, ⁿ and Greek. */
  private static final List<String> FAMILIES = List.of("DejaVu Sans", "Liberation Sans", "FreeSans");
  public static final String FAMILY = chooseFamily();

  public static final Font TITLE = new Font(FAMILY, Font.BOLD, 14);
  public static final Font AXIS_TITLE = new Font(FAMILY, Font.PLAIN, 13);
  public static final Font TICKS = new Font(FAMILY, Font.PLAIN, 11);
  public static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 11);
  public static final Font ANNOTATION = new Font(FAMILY, Font.PLAIN, 10);

  /** Okabe & Ito (2008), without yellow (too pale on white for thin lines). */
  public static final Color BLUE = new Color(0x0072B2);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color GREEN = new Color(0x009E73);
  public static final Color PURPLE = new Color(0xCC79A7);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color SKY = new Color(0x56B4E9);
  public static final Color BLACK = Color.BLACK;
  private static final Color[] PALETTE = {BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK};

  /** Event lines and their labels. */
  public static final Color EVENT = new Color(0x55, 0x55, 0x55);
  private static final Color GRID = new Color(232, 232, 232);

  public static final float LINE_WIDTH = 1.8f;
  public static final BasicStroke SOLID = stroke(LINE_WIDTH, null);
  public static final BasicStroke DASHED = stroke(LINE_WIDTH, new float[] {7f, 4f});
  public static final BasicStroke DOTTED = stroke(LINE_WIDTH, new float[] {1.5f, 3f});
  public static final BasicStroke DASH_DOT = stroke(LINE_WIDTH, new float[] {8f, 3f, 1.5f, 3f});
  private static final BasicStroke[] LINES = {SOLID, DASHED, DOTTED, DASH_DOT};
  public static final BasicStroke EVENT_LINE = stroke(1f, new float[] {4f, 3f});

  private PlotStyle() {}

  /** Gives the i-th curve of a chart its colour and dash pattern. */
  public static void styleLine(org.knowm.xchart.XYSeries s, int i) {
    s.setLineColor(color(i));
    s.setLineStyle(line(i));
    s.setMarkerColor(color(i));
  }

  /** The palette colour of the i-th curve (cycles with period 7; dashes cycle with period 4). */
  public static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  public static BasicStroke line(int i) {
    return LINES[i % LINES.length];
  }

  /** A line of this width, solid when dash is null. */
  public static BasicStroke stroke(float width, float[] dash) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /** Fonts, colours, grid and legend of an axes chart (line charts and heat maps alike). */
  static void apply(AxesChartStyler s) {
    s.setChartTitleFont(TITLE);
    s.setAxisTitleFont(AXIS_TITLE);
    s.setAxisTickLabelsFont(TICKS);
    s.setLegendFont(LEGEND);
    s.setAnnotationTextFont(ANNOTATION);
    s.setAnnotationTextPanelFont(ANNOTATION);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(Color.DARK_GRAY);
    s.setPlotGridLinesColor(GRID);
    // solid: a vector encoder expands every dash of a dashed grid into its own path
    s.setPlotGridLinesStroke(new BasicStroke(0.7f));
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendLayout(Styler.LegendLayout.Vertical);
    s.setChartPadding(8);
    s.setAxisTitlePadding(6);
  }

  static void apply(XYChart c) {
    AxesChartStyler s = c.getStyler();
    apply(s);
    c.getStyler().setSeriesColors(PALETTE);
    c.getStyler().setSeriesLines(LINES);
    c.getStyler().setLegendSeriesLineLength(28);
    c.getStyler().setMarkerSize(0);
    s.setXAxisLogarithmicDecadeOnly(true);
    s.setYAxisLogarithmicDecadeOnly(true);
  }

  /**
   * Before encoding: tick labels by axis kind, log axes widened to whole decades, and no legend
   * for a lone curve (the axis title names it).
   */
  static void finish(XYChart c) {
    AxesChartStyler s = c.getStyler();
    s.setXAxisTickLabelsFormattingFunction(s.isXAxisLogarithmic() ? PlotStyle::logTick : PlotStyle::tick);
    s.setYAxisTickLabelsFormattingFunction(s.isYAxisLogarithmic() ? PlotStyle::logTick : PlotStyle::tick);
    fitLogAxes(c);
    // XChart draws a grid line at every minor log tick: past a few decades that is a grey wash
    if (s.isXAxisLogarithmic() && decades(s.getXAxisMin(), s.getXAxisMax()) > GRID_DECADES) {
      s.setPlotGridVerticalLinesVisible(false);
    }
    if (s.isYAxisLogarithmic() && decades(s.getYAxisMin(), s.getYAxisMax()) > GRID_DECADES) {
      s.setPlotGridHorizontalLinesVisible(false);
    }
    if (c.getSeriesCollection().stream().filter(x -> x.isShowInLegend()).count() <= 1) {
      s.setLegendVisible(false);
    }
  }

  /** Log axes spanning more decades than this get no grid lines (their ticks remain). */
  static final int GRID_DECADES = 6;

  private static double decades(Double min, Double max) {
    return min == null || max == null || !(min > 0) ? 0 : Math.log10(max / min);
  }

  /** Log-axis tick label: 10ⁿ at powers of ten (10⁰ included), else as {@link #tick}. */
  public static String logTick(double v) {
    if (v > 0) {
      int e = (int) Math.round(Math.log10(v));
      if (Math.abs(v / Math.pow(10, e) - 1) < 1e-9) {
        return "10" + superscript(e);
      }
    }
    return tick(v);
  }

  static void apply(HeatMapChart c) {
    apply(c.getStyler());
  }

  /**
   * Linear-axis tick label: at most 4 significant digits, with a ×10ⁿ factor only when plain
   * decimals would need an exponent.
   */
  public static String tick(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    String plain = stripZeros(String.format(Locale.ROOT, "%.4g", v));
    if (!plain.contains("e")) {
      return plain.replace('-', '−');
    }
    int k = (int) Math.floor(Math.log10(Math.abs(v)));
    String m = stripZeros(String.format(Locale.ROOT, "%.3g", v / Math.pow(10, k)));
    return m.replace('-', '−') + "×10" + superscript(k);
  }

  /** {@link #tick} with 3 significant digits: for colour bars and captions. */
  public static String sig3(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    int k = (int) Math.floor(Math.log10(Math.abs(v)));
    if (k >= -2 && k <= 3) {
      return String.format(Locale.ROOT, "%." + Math.max(0, 2 - k) + "f", v).replace('-', '−');
    }
    String m = String.format(Locale.ROOT, "%.2f", v / Math.pow(10, k));
    if (m.startsWith("10.") || m.startsWith("-10.")) {
      k++;
      m = String.format(Locale.ROOT, "%.2f", v / Math.pow(10, k));
    }
    return m.replace('-', '−') + "×10" + superscript(k);
  }

  private static String stripZeros(String s) {
    int e = s.indexOf('e');
    String mant = e < 0 ? s : s.substring(0, e);
    String exp = e < 0 ? "" : s.substring(e);
    if (mant.contains(".")) {
      mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mant + exp;
  }

  static String superscript(int n) {
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder sb = new StringBuilder(n < 0 ? "⁻" : "");
    for (char ch : Integer.toString(Math.abs(n)).toCharArray()) {
      sb.append(digits.charAt(ch - '0'));
    }
    return sb.toString();
  }

  /**
   * Widens each log y axis without an explicit range to whole decades around its positive data,
   * so that the top and bottom of the data both have a labelled decade beyond them. A log x axis
   * (usually t) keeps the data's range, so the curves fill the plot, unless it spans less than
   * two decades (XChart labels decades only).
   */
  static void fitLogAxes(XYChart c) {
    AxesChartStyler s = c.getStyler();
    double[] x = range(c, true);
    double[] y = range(c, false);
    if (s.isXAxisLogarithmic() && s.getXAxisMin() == null && s.getXAxisMax() == null && x[0] <= x[1]
        && x[1] / x[0] < 100) {
      s.setXAxisMin(decadeBelow(x[0]));
      s.setXAxisMax(decadeAbove(x[1]));
    }
    if (s.isYAxisLogarithmic() && s.getYAxisMin() == null && s.getYAxisMax() == null && y[0] <= y[1]) {
      s.setYAxisMin(decadeBelow(y[0]));
      s.setYAxisMax(decadeAbove(y[1]));
    }
  }

  static double decadeBelow(double v) {
    return Math.pow(10, Math.floor(Math.log10(v) + 1e-12));
  }

  static double decadeAbove(double v) {
    double up = Math.pow(10, Math.ceil(Math.log10(v) - 1e-12));
    return up > decadeBelow(v) ? up : 10 * up;
  }

  /** Smallest and largest positive finite value over all series on one axis. */
  private static double[] range(XYChart c, boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (var series : c.getSeriesCollection()) {
      for (double v : xAxis ? series.getXData() : series.getYData()) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new double[] {lo, hi};
  }

  private static String chooseFamily() {
    Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    return FAMILIES.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
  }
}
