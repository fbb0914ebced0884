package org.gradflow.models.markov;

import java.awt.Color;
import java.util.List;
import org.gradflow.plot.Charts;
import org.gradflow.plot.PlotStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The analog of the paper's Fig. 1 for one (p, q): over the (w, e) plane (x = w, y = e, as in
 * the paper's code), basins coloured by the predictor of §3.5 (light blue: global I_*, light
 * orange: local I_min; a colour-blind-safe pair), normalised arrows of the flow −∇L̃, the
 * separatrix e = ±e_sep(w) through the saddle, the global-minimum curve, the saddle, and
 * integrated trajectories from the given starts, in the shared {@link PlotStyle}.
 */
public final class PhasePortrait {
  /** Light tints of Okabe–Ito sky blue and orange. */
  private static final Color GLOBAL = new Color(0xCC, 0xE6, 0xF5);
  private static final Color LOCAL = new Color(0xFA, 0xE1, 0xB3);
  private static final Color ARROW = new Color(120, 120, 120);
  private static final Color SEPARATRIX = PlotStyle.BLACK;
  private static final Color MINIMUM_CURVE = new Color(0x44, 0x44, 0x44);

  private final MarkovSource source;
  private final double range;

  public PhasePortrait(MarkovSource source, double range) {
    this.source = source;
    this.range = range;
  }

  public XYChart draw(int basinCells, int arrows, List<double[]> starts, double tEnd) {
    XYChart c = Charts.lines(String.format(java.util.Locale.ROOT,
        "Canonical Markov flow, p = %.3g, q = %.3g (p + q %s 1): basins and trajectories",
        source.p(), source.q(), source.subcritical() ? "<" : ">"), "w", "e", false, false, 860, 600);
    c.getStyler().setXAxisMin(-range).setXAxisMax(range).setYAxisMin(-range).setYAxisMax(range);
    c.getStyler().setMarkerSize(Math.max(3, (int) Math.ceil(620.0 / basinCells)));
    basins(c, basinCells);
    field(c, arrows);
    curves(c);
    trajectories(c, starts, tEnd);
    return c;
  }

  private void basins(XYChart c, int n) {
    BasinPredictor predictor = new BasinPredictor(source);
    double[][] g = new double[2][n * n];
    double[][] l = new double[2][n * n];
    int ng = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = -range + (i + 0.5) * 2 * range / n;
        double e = -range + (j + 0.5) * 2 * range / n;
        Basin b = predictor.basin(e, w);
        if (b == Basin.GLOBAL) {
          g[0][ng] = w;
          g[1][ng++] = e;
        } else if (b == Basin.LOCAL) {
          l[0][nl] = w;
          l[1][nl++] = e;
        }
      }
    }
    tiles(c, "basin: global (I*)", java.util.Arrays.copyOf(g[0], ng),
        java.util.Arrays.copyOf(g[1], ng), GLOBAL);
    tiles(c, "basin: local (I_min)", java.util.Arrays.copyOf(l[0], nl),
        java.util.Arrays.copyOf(l[1], nl), LOCAL);
  }

  private static void tiles(XYChart c, String name, double[] x, double[] y, Color color) {
    if (x.length == 0) {
      return;
    }
    XYSeries s = Charts.addPoints(c, name, x, y);
    s.setMarker(SeriesMarkers.SQUARE);
    s.setMarkerColor(color);
  }

  /** Normalised −∇L̃ as arrows (tail → tip, then the two barbs). */
  private void field(XYChart c, int n) {
    CanonicalFlow flow = new CanonicalFlow(source);
    double cell = 2 * range / n;
    double len = 0.4 * cell;
    double[] v = new double[2];
    boolean first = true;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = -range + (i + 0.5) * cell;
        double e = -range + (j + 0.5) * cell;
        flow.negativeGradient(new double[] {e, w}, v);
        double dx = v[CanonicalFlow.W];
        double dy = v[CanonicalFlow.E];
        double norm = Math.hypot(dx, dy);
        if (!(norm > 0)) {
          continue;
        }
        dx *= len / norm;
        dy *= len / norm;
        double tx = w + dx / 2;
        double ty = e + dy / 2;
        double bx = -0.35 * dx;
        double by = -0.35 * dy;
        double[] xs = {w - dx / 2, tx, tx + bx - 0.6 * by, tx, tx + bx + 0.6 * by};
        double[] ys = {e - dy / 2, ty, ty + by + 0.6 * bx, ty, ty + by - 0.6 * bx};
        XYSeries s = Charts.addLine(c, first ? "flow direction −∇L̃" : "arrow " + i + "," + j, xs, ys);
        s.setLineColor(ARROW);
        s.setLineStyle(PlotStyle.stroke(0.8f, null));
        s.setShowInLegend(first);
        first = false;
      }
    }
  }

  private void curves(XYChart c) {
    int n = 600;
    // separatrix: the level set E = E_s on the w-range where it separates the basins
    double lo = source.subcritical() ? -range : Energy.SADDLE_W;
    double hi = source.subcritical() ? Energy.SADDLE_W : -1e-9;
    double[] w = new double[n];
    double[] up = new double[n];
    double[] down = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = lo + (hi - lo) * i / (n - 1.0);
      up[i] = Energy.separatrix(w[i]);
      down[i] = -up[i];
    }
    clipLine(c, "separatrix E = E_s", w, up, SEPARATRIX, true);
    clipLine(c, "separatrix (e<0)", w, down, SEPARATRIX, false);
    // global-minimum curve Δ = Δ*
    CriticalPoints cp = new CriticalPoints(source);
    double a = source.subcritical() ? Energy.SADDLE_W + 1e-6 : -range;
    double b = source.subcritical() ? range : Energy.SADDLE_W - 1e-6;
    double[] wm = new double[n];
    double[] em = new double[n];
    double[] emn = new double[n];
    for (int i = 0; i < n; i++) {
      wm[i] = a + (b - a) * i / (n - 1.0);
      em[i] = cp.globalMinimumE(wm[i]);
      emn[i] = -em[i];
    }
    XYSeries s1 = clipLine(c, "global minima", wm, em, MINIMUM_CURVE, true);
    XYSeries s2 = clipLine(c, "global minima (e<0)", wm, emn, MINIMUM_CURVE, false);
    for (XYSeries s : new XYSeries[] {s1, s2}) {
      if (s != null) {
        // dotted: XChart strokes each segment anew, so long dashes on a dense curve look solid
        s.setLineStyle(PlotStyle.stroke(2.2f, new float[] {1.5f, 3f}));
      }
    }
    XYSeries saddle = c.addSeries("saddle", new double[] {Energy.SADDLE_W}, new double[] {0});
    saddle.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    saddle.setMarker(SeriesMarkers.TRIANGLE_UP);
    saddle.setMarkerColor(SEPARATRIX);
  }

  private XYSeries clipLine(XYChart c, String name, double[] x, double[] y, Color color, boolean legend) {
    int k = 0;
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(y[i]) && Math.abs(y[i]) <= range) {
        xs[k] = x[i];
        ys[k++] = y[i];
      }
    }
    if (k < 2) {
      return null;
    }
    XYSeries s = Charts.addLine(c, name, java.util.Arrays.copyOf(xs, k), java.util.Arrays.copyOf(ys, k));
    s.setLineColor(color);
    s.setLineStyle(PlotStyle.stroke(2f, null));
    s.setShowInLegend(legend);
    return s;
  }

  private void trajectories(XYChart c, List<double[]> starts, double tEnd) {
    CanonicalFlow flow = new CanonicalFlow(source);
    int k = 0;
    for (double[] start : starts) {
      List<double[]> path = Trajectories.sample(flow, start, tEnd, tEnd / 2000);
      double[] xs = new double[path.size()];
      double[] ys = new double[path.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = path.get(i)[CanonicalFlow.W];
        ys[i] = path.get(i)[CanonicalFlow.E];
      }
      String name = String.format(java.util.Locale.ROOT, "from (e, w) = (%.3g, %.3g)", start[0], start[1]);
      XYSeries s = Charts.addLine(c, name, xs, ys);
      // the palette without black (the separatrix's); dashes once the colours repeat
      s.setLineColor(PlotStyle.color(k % 6));
      s.setLineStyle(k < 6 ? PlotStyle.stroke(2.2f, null) : PlotStyle.stroke(2.2f, new float[] {7f, 4f}));
      k++;
      XYSeries dot = c.addSeries(name + " start", new double[] {start[1]}, new double[] {start[0]});
      dot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      dot.setMarker(SeriesMarkers.CIRCLE);
      dot.setMarkerColor(s.getLineColor());
      dot.setShowInLegend(false);
    }
  }
}
