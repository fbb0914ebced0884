package org.gradflow.models.condensation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.plot.Charts;
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
    EventRecord kq = esc == null ? null : CheckSupport.firstAfter(result, CondensationEvents.KQ_ACTIVE, esc.time());
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
    md.add("Dashed lines: ESCAPE (end of stage 1), KQ_ACTIVE (|M| = 1e-2), FURTHER (|M| = 3). "
        + "Heat maps: cosine similarity of W_V's columns (outer) and W_Q's rows (attention).");
    md.add("");
    double[] t = tr.times();
    double lo = 0;
    if (esc != null) {
      // stage 2 lasts O(ln 1/ε) after a stage 1 of O(1/ε): a second pair of charts zooms on it
      lo = Math.max(0, esc.time() - 0.5 * (tr.last("t") - esc.time()));
    }
    md.add(stageCharts(tr, t, 0, marks, dir, ""));
    if (lo > 0) {
      md.add(stageCharts(tr, t, lo, marks, dir, "-zoom"));
    }
    Map<String, double[]> snapshots = new LinkedHashMap<>();
    snapshots.put("0-init", result.system().initialState());
    if (esc != null) {
      snapshots.put("1-escape", esc.state());
    }
    if (kq != null) {
      snapshots.put("2-kq-active", kq.state());
    }
    snapshots.put("3-final", result.finalState());
    ParameterLayout layout = result.system().flow().layout();
    for (Map.Entry<String, double[]> s : snapshots.entrySet()) {
      String stage = s.getKey();
      double[][] outer = similarity(columns(layout.matrix(s.getValue(), CondensationFlow.WV)));
      double[][] attn = similarity(layout.matrix(s.getValue(), CondensationFlow.WQ));
      Charts.save(Charts.heatmap("cos(W_V columns), " + stage, "column", "column", outer, -1, 1),
          dir.resolve("cos-outer-" + stage + ".png"));
      Charts.save(Charts.heatmap("cos(W_Q rows), " + stage, "row", "row", attn, -1, 1),
          dir.resolve("cos-attn-" + stage + ".png"));
      md.add("- " + stage + ": [outer](plots/cos-outer-" + stage + ".png), [attention](plots/cos-attn-" + stage + ".png)");
    }
    return md;
  }

  /** Norm change and effective rank of both groups for samples with t ≥ from. */
  private static String stageCharts(Trajectory tr, double[] t, double from, Map<String, Double> marks, Path dir,
      String suffix) throws IOException {
    int first = 0;
    while (first < t.length - 1 && t[first] < from) {
      first++;
    }
    double[] x = Arrays.copyOfRange(t, first, t.length);
    String range = from > 0 ? " (t ≥ " + String.format(java.util.Locale.ROOT, "%.6g", from) + ")" : "";
    XYChart norms = Charts.lines("relative norm change |W(t) − W(0)| / |W(0)|" + range, "t", "relative change", false, true);
    Charts.addLine(norms, "outer (W_V, W1, W2)", x, tail(tr, "relChangeOuter", first));
    Charts.addLine(norms, "attention (W_Q, W_K)", x, tail(tr, "relChangeAttn", first));
    Charts.markTimes(norms, marks);
    Charts.save(norms, dir.resolve("stages-norm-change" + suffix + ".png"));
    XYChart ranks = Charts.lines("entropy effective rank" + range, "t", "effective rank", false, false);
    Charts.addLine(ranks, "outer: mean of W_V, W1", x, tail(tr, "effRankOuter", first));
    Charts.addLine(ranks, "attention: mean of W_Q, W_K", x, tail(tr, "effRankAttn", first));
    Charts.markTimes(ranks, marks);
    Charts.save(ranks, dir.resolve("stages-effective-rank" + suffix + ".png"));
    return "![relative norm change" + range + "](plots/stages-norm-change" + suffix + ".png)\n"
        + "![effective rank" + range + "](plots/stages-effective-rank" + suffix + ".png)";
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
    Svd svd = new Svd(n);
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
}
