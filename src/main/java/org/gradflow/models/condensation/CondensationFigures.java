package org.gradflow.models.condensation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.gradflow.core.ParameterLayout;
import org.gradflow.core.Svd;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.plot.Charts;
import org.gradflow.plot.Figure;
import org.gradflow.plot.PlotFormat;
import org.gradflow.plot.PlotStyle;
import org.knowm.xchart.XYChart;

/**
 * The paper's Fig. 1 for a flow: (a) cosine-similarity heat maps of the outer group (columns of
 * W_V, which condense onto ±v, Thm 2) and of the attention group (rows of W_Q, which collapse
 * onto ±c, Thm 3) at the start, at the end of stage 1 (ESCAPE), during stage 2 (KQ_ACTIVE) and at
 * the end (further training), rows ordered by the leading eigenvector of the similarity matrix;
 * (b) relative norm change |W(t) − W(0)|/|W(0)| of both groups; (c) entropy effective rank of
 * both groups, with the stage boundaries marked.
 */
final class CondensationFigures implements FlowSystem.ArtifactWriter {
  /** The stage-2 zoom is drawn only when the trajectory has this many samples in it. */
  static final int MIN_ZOOM_SAMPLES = 8;

  @Override
  public List<String> write(RunResult result, Path runDir) throws IOException {
    List<String> md = new ArrayList<>();
    Trajectory tr = result.trajectory();
    if (tr.size() < 2) {
      return md;
    }
    Path dir = runDir.resolve("plots");
    Map<String, Double> marks = new LinkedHashMap<>();
    EventRecord esc = result.firstEvent(CondensationEvents.ESCAPE);
    EventRecord kq = esc == null ? null : result.view().firstAfter(CondensationEvents.KQ_ACTIVE, esc.time());
    EventRecord further = result.firstEvent(CondensationEvents.FURTHER);
    if (esc != null) {
      marks.put("ESCAPE", esc.time());
    }
    if (kq != null) {
      marks.put("KQ_ACTIVE", kq.time());
    }
    if (further != null) {
      marks.put("FURTHER", further.time());
    }
    md.add("### Stages (Chen & Luo Fig. 1 analogue)");
    md.add("");
    Set<PlotFormat> formats = result.spec().outputs().plotFormats();
    if (formats.isEmpty()) {
      return md;
    }
    double[] t = tr.times();
    double lo = 0;
    if (esc != null) {
      // stage 2 lasts O(ln 1/ε) after a stage 1 of O(1/ε): a second figure zooms on it
      lo = Math.max(0, esc.time() - 0.5 * (tr.last("t") - esc.time()));
    }
    md.add(stageFigure(tr, t, 0, marks, dir, "", formats));
    int zoomSamples = 0;
    for (double ti : t) {
      zoomSamples += ti >= lo ? 1 : 0;
    }
    if (lo > 0 && zoomSamples < MIN_ZOOM_SAMPLES) {
      md.add("");
      md.add("(No zoom on stage 2: only " + zoomSamples + " recorded samples at t ≥ " + PlotStyle.sig3(lo)
          + "; a denser integrator.grid would resolve it.)");
      lo = 0;
    }
    if (lo > 0) {
      md.add(stageFigure(tr, t, lo, marks, dir, "-zoom", formats));
    }
    md.add("");
    md.add("*Stages:* left, relative norm change |W(t) − W(0)|/|W(0)| of the outer group (W_V, W1, W2) and the "
        + "attention group (W_Q, W_K), log scale; right, their entropy effective rank. Dashed lines: "
        + (marks.isEmpty() ? "none (no stage event fired)" : String.join(", ", marks.keySet()))
        + " (ESCAPE: end of stage 1; KQ_ACTIVE: |M| = 1e-2; FURTHER: |M| = 3). The paper's reading: the outer "
        + "rank drops in stage 1, the attention rank drops steeply in stage 2, after the attention norm change "
        + "takes over." + (lo > 0 ? " The second figure zooms on t ≥ " + PlotStyle.sig3(lo) + "." : ""));
    md.add("");
    md.add("Heat maps: cosine similarity of W_V's columns (outer) and W_Q's rows (attention), rows ordered by the "
        + "leading eigenvector.");
    md.add("");
    Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    snapshots.put("0-init", new Snapshot("at t = 0", result.system().initialState()));
    if (esc != null) {
      snapshots.put("1-escape", new Snapshot("at ESCAPE, t = " + PlotStyle.sig3(esc.time()), esc.state()));
    }
    if (kq != null) {
      snapshots.put("2-kq-active", new Snapshot("at KQ_ACTIVE, t = " + PlotStyle.sig3(kq.time()), kq.state()));
    }
    snapshots.put("3-final", new Snapshot("at the end, t = " + PlotStyle.sig3(result.finalTime()),
        result.finalState()));
    ParameterLayout layout = result.system().flow().layout();
    for (Map.Entry<String, Snapshot> s : snapshots.entrySet()) {
      String stage = s.getKey();
      Snapshot at = s.getValue();
      double[][] outer = similarity(columns(layout.matrix(at.state(), CondensationFlow.WV)));
      double[][] attn = similarity(layout.matrix(at.state(), CondensationFlow.WQ));
      Charts.save(Charts.heatmap("Cosine similarity of W_V's columns " + at.when(), "column (reordered)",
          "column (reordered)", outer, -1, 1), dir.resolve("cos-outer-" + stage + ".png"), formats);
      Charts.save(Charts.heatmap("Cosine similarity of W_Q's rows " + at.when(), "row (reordered)",
          "row (reordered)", attn, -1, 1), dir.resolve("cos-attn-" + stage + ".png"), formats);
      md.add("- " + stage + ": [outer](plots/cos-outer-" + stage + ".png), [attention](plots/cos-attn-" + stage + ".png)");
    }
    return md;
  }

  /** Norm change and effective rank of both groups for samples with t ≥ from, as two panels. */
  private static String stageFigure(Trajectory tr, double[] t, double from, Map<String, Double> marks, Path dir,
      String suffix, Set<PlotFormat> formats) throws IOException {
    int first = 0;
    while (first < t.length - 1 && t[first] < from) {
      first++;
    }
    double[] x = Arrays.copyOfRange(t, first, t.length);
    String range = from > 0 ? " (t ≥ " + PlotStyle.sig3(from) + ")" : "";
    XYChart norms = Charts.lines("Relative norm change" + range, "t (gradient-flow time)", "|W(t) − W(0)| / |W(0)|",
        false, true, 560, 420);
    Charts.addLine(norms, "outer (W_V, W1, W2)", x, tail(tr, "relChangeOuter", first));
    Charts.addLine(norms, "attention (W_Q, W_K)", x, tail(tr, "relChangeAttn", first));
    norms.getStyler().setLegendVisible(false);
    Charts.markTimes(norms, marks);
    XYChart ranks = Charts.lines("Entropy effective rank" + range, "t (gradient-flow time)", "effective rank",
        false, false, 720, 420);
    Charts.addLine(ranks, "outer: mean of W_V, W1", x, tail(tr, "effRankOuter", first));
    Charts.addLine(ranks, "attention: mean of W_Q, W_K", x, tail(tr, "effRankAttn", first));
    Charts.markTimes(ranks, marks);
    String file = "stages" + suffix + ".png";
    Charts.save(Figure.row(List.of(norms, ranks)), dir.resolve(file), formats);
    return "![norm change and effective rank" + range + "](plots/" + file + ")";
  }

  private static double[] tail(Trajectory tr, String column, int first) {
    double[] v = tr.column(column);
    return Arrays.copyOfRange(v, first, v.length);
  }

  private static double[][] columns(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  /** Cosine similarity of the rows, reordered by the leading eigenvector of that matrix. */
  static double[][] similarity(double[][] rows) {
    int n = rows.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = cosine(rows[i], rows[j]);
      }
    }
    Svd svd = Svd.withVectors(n, n);
    if (!svd.decompose(new DMatrixRMaj(c))) {
      return c;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> svd.u(i, 0)));
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = c[order[i]][order[j]];
      }
    }
    return out;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int k = 0; k < a.length; k++) {
      ab += a[k] * b[k];
      aa += a[k] * a[k];
      bb += b[k] * b[k];
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }

  /** A heat-map snapshot: when it was taken (for the title) and θ then. */
  private record Snapshot(String when, double[] state) {}
}
