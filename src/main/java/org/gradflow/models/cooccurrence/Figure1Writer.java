package org.gradflow.models.cooccurrence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.plot.Charts;
import org.gradflow.plot.Figure;
import org.gradflow.plot.PlotFormat;
import org.gradflow.plot.PlotStyle;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/**
 * Figure 1 of the paper for one run: (a) the attention-score correlations µ_aᵀW_KᵀW_Qµ_b among
 * µ1..µ3 over training (change since t = 0, one heat-map row per (key, query) pair, columns
 * evenly spaced in log t) and (b) the overall and per-type training losses, on log–log axes over
 * the whole run and on linear axes over Phase 1 (where the one-target losses rise then fall),
 * with a line at T1 (E_T1). The report lines state what the run shows against what Fig. 1 shows
 * (§6.3–6.4).
 */
final class Figure1Writer implements FlowSystem.ArtifactWriter {
  /** (key, query) index pairs of the heat-map rows, top to bottom: the Thm 3.2 pairs first. */
  private static final int[][] PAIRS = {{2, 1}, {1, 2}, {3, 1}, {3, 2}, {1, 3}, {2, 3}, {1, 1}, {2, 2}, {3, 3}};
  /** Columns of the heat map, evenly spaced in log t. */
  static final int COLUMNS = 90;
  /** The heat map starts where some |Δscore| first reaches this fraction of the largest |Δscore|. */
  static final double VISIBLE_FRACTION = 0.01;
  /** The linear Phase-1 panel spans [0, PHASE1_SPAN · T1]. */
  static final double PHASE1_SPAN = 1.5;
  static final String T1_COLOUR = "grey dashed";

  private static final String[] TYPE_NAMES = {"type 1 (µ1 and µ2)", "type 2 (µ1 only)", "type 3 (µ2 only)",
      "type 4 (neither)"};

  private final Instance inst;

  Figure1Writer(Instance inst) {
    this.inst = inst;
  }

  @Override
  public List<String> write(RunResult result, Path runDir) throws IOException {
    Trajectory tr = result.trajectory();
    List<String> lines = new ArrayList<>();
    if (tr.size() < 2) {
      return lines;
    }
    double t1 = result.view().firstTime("E_T1");
    lines.add("## Figure 1 (cooccurrence)");
    lines.add("");
    lines.add("init " + inst.init() + String.format(Locale.ROOT, " (σ0 = %.4g, σ1 = %.4g)",
        inst.sigma0(), inst.sigma1()) + ", " + inst.data() + ", m = " + inst.m() + ", m1 = " + inst.m1());
    lines.add("");
    Set<PlotFormat> formats = result.spec().outputs().plotFormats();
    if (!formats.isEmpty()) {
      ScoreGrid grid = ScoreGrid.of(tr);
      Path a = Charts.save(scoreHeatmap(grid), runDir.resolve("plots/figure1a-attention-scores.png"), formats);
      Path b = Charts.save(lossPanels(tr, t1), runDir.resolve("plots/figure1b-type-losses.png"), formats);
      lines.add("![Figure 1(a)](" + runDir.relativize(a) + ")");
      lines.add("");
      lines.add(String.format(Locale.ROOT, "*Figure 1(a):* change of µ_keyᵀW_KᵀW_Qµ_query since t = 0, one row per "
          + "(key, query) pair, %d columns evenly spaced in log t from t = %s to %s (sample-and-hold between the "
          + "run's grid points). Before t = %s every |Δ| is below %.0f %% of the largest, %s, so that stretch is "
          + "not drawn. Colour scale ±%s.", COLUMNS, PlotStyle.sig3(grid.from()), PlotStyle.sig3(grid.to()),
          PlotStyle.sig3(grid.from()), 100 * VISIBLE_FRACTION, PlotStyle.sig3(grid.max()), PlotStyle.sig3(grid.max())));
      lines.add("");
      lines.add("![Figure 1(b)](" + runDir.relativize(b) + ")");
      lines.add("");
      lines.add("*Figure 1(b):* left, the training loss L̂ and the mean loss of each sample type on log–log axes over "
          + "the whole run; right, the same on linear axes over " + (Double.isFinite(t1)
              ? String.format(Locale.ROOT, "[0, %.1f T1] = [0, %s]", PHASE1_SPAN, PlotStyle.sig3(PHASE1_SPAN * t1))
              : "the whole run (T1 not located)")
          + ", where Fig. 1(b) has the rise-then-fall of the one-target types 2 and 3. The " + T1_COLOUR
          + " line is T1 (E_T1; the paper draws it red). Types 2 and 3 coincide when the data are symmetric in "
          + "µ1 ↔ µ2: dotted and dash-dotted lines keep both visible.");
      lines.add("");
    }
    lines.addAll(Figure1Reading.describe(result, inst));
    return lines;
  }

  private static Figure lossPanels(Trajectory tr, double t1) {
    double[] t = tr.times();
    XYChart log = Charts.lines("Fig. 1(b): training loss by sample type", "t (gradient-flow time = lr × epochs)",
        "mean loss", true, true, 560, 440);
    addTypeLosses(log, tr, t, t.length);
    log.getStyler().setLegendVisible(false);
    int end = t.length;
    if (Double.isFinite(t1)) {
      Charts.markTimes(log, Map.of("T1", t1));
      end = 0;
      while (end < t.length && t[end] <= PHASE1_SPAN * t1) {
        end++;
      }
    }
    XYChart lin = Charts.lines("Phase 1 on linear axes", "t", "mean loss", false, false, 700, 440);
    addTypeLosses(lin, tr, t, Math.max(end, 2));
    if (Double.isFinite(t1)) {
      Charts.markTimes(lin, Map.of("T1", t1));
    }
    return Figure.row(List.of(log, lin));
  }

  private static void addTypeLosses(XYChart c, Trajectory tr, double[] t, int n) {
    double[] x = Arrays.copyOf(t, n);
    Charts.addLine(c, "L̂ (all samples)", x, Arrays.copyOf(tr.column("loss"), n));
    for (int k = 1; k <= 4; k++) {
      Charts.addLine(c, TYPE_NAMES[k - 1], x, Arrays.copyOf(tr.column("lossType" + k), n));
    }
  }

  private static HeatMapChart scoreHeatmap(ScoreGrid g) {
    List<Number> columns = new ArrayList<>();
    for (double lt : g.logTimes()) {
      columns.add(lt);
    }
    List<String> rows = new ArrayList<>();
    for (int[] p : PAIRS) {
      rows.add("(µ" + p[0] + ", µ" + p[1] + ")");
    }
    HeatMapChart c = Charts.heatmap("Fig. 1(a): change of attention score µ_keyᵀ W_Kᵀ W_Q µ_query",
        "t (log scale)", "(key, query)", columns, rows, g.values(), -g.max(), g.max(), 820, 440);
    // columns are evenly spaced in log10 t, column j centred on logTimes[j]: a tick per decade
    double[] lt = g.logTimes();
    double step = lt[1] - lt[0];
    List<Double> at = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int d = (int) Math.ceil(lt[0] - step / 2); d <= lt[lt.length - 1] + step / 2; d++) {
      at.add((d - lt[0]) / step + 0.5);
      labels.add(PlotStyle.logTick(Math.pow(10, d)));
    }
    Charts.columnTicks(c, at.stream().mapToDouble(Double::doubleValue).toArray(), labels);
    return c;
  }

  /** The score changes resampled on a log-t grid, starting where they become visible. */
  record ScoreGrid(double[] logTimes, double[][] values, double max) {
    double from() {
      return Math.pow(10, logTimes[0]);
    }

    double to() {
      return Math.pow(10, logTimes[logTimes.length - 1]);
    }

    static ScoreGrid of(Trajectory tr) {
      double[] t = tr.times();
      double[][] cols = new double[PAIRS.length][];
      double max = 0;
      for (int r = 0; r < PAIRS.length; r++) {
        cols[r] = tr.column("dKQ" + PAIRS[r][0] + PAIRS[r][1]);
        for (double v : cols[r]) {
          max = Math.max(max, Math.abs(v));
        }
      }
      max = max > 0 ? max : 1;
      int first = 0;
      while (first < t.length - 1 && (t[first] <= 0 || largest(cols, first) < VISIBLE_FRACTION * max)) {
        first++;
      }
      double lo = Math.log10(t[first]);
      double hi = Math.log10(t[t.length - 1]);
      double[] lt = new double[COLUMNS];
      double[][] v = new double[PAIRS.length][COLUMNS];
      int k = first;
      for (int j = 0; j < COLUMNS; j++) {
        lt[j] = lo + (hi - lo) * j / (COLUMNS - 1);
        double tj = Math.pow(10, lt[j]);
        while (k < t.length - 1 && t[k + 1] <= tj * (1 + 1e-12)) {
          k++;
        }
        for (int r = 0; r < PAIRS.length; r++) {
          v[r][j] = cols[r][k];
        }
      }
      return new ScoreGrid(lt, v, max);
    }

    private static double largest(double[][] cols, int i) {
      double m = 0;
      for (double[] c : cols) {
        m = Math.max(m, Math.abs(c[i]));
      }
      return m;
    }
  }
}
