package org.gradflow.models.cooccurrence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.plot.Charts;
import org.knowm.xchart.XYChart;

/**
 * Figure 1 of the paper for one run: (a) the attention-score correlations µ_aᵀW_KᵀW_Qµ_b among
 * µ1..µ3 over training (change since t = 0, one heat-map row per key/query pair, columns on the
 * log-time grid) and (b) the overall and per-type training losses with a vertical line at T1
 * (E_T1). The report lines state what the run shows against what Fig. 1 shows (§6.3–6.4).
 */
final class Figure1Writer implements FlowSystem.ArtifactWriter {
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
    double t1 = eventTime(result, "E_T1");
    Path a = Charts.save(scoreHeatmap(tr), runDir.resolve("plots/figure1a-attention-scores.png"));
    Path b = Charts.save(lossCurves(tr, t1), runDir.resolve("plots/figure1b-type-losses.png"));
    lines.add("## Figure 1 (cooccurrence)");
    lines.add("");
    lines.add("init " + inst.init() + String.format(Locale.ROOT, " (σ0 = %.4g, σ1 = %.4g)",
        inst.sigma0(), inst.sigma1()) + ", " + inst.data() + ", m = " + inst.m() + ", m1 = " + inst.m1());
    lines.add("");
    lines.add("![Figure 1(a)](" + runDir.relativize(a) + ")");
    lines.add("![Figure 1(b)](" + runDir.relativize(b) + ")");
    lines.add("");
    lines.addAll(Figure1Reading.describe(result, inst));
    return lines;
  }

  static double eventTime(RunResult r, String name) {
    EventRecord e = r.firstEvent(name);
    return e == null ? Double.NaN : e.time();
  }

  private static XYChart lossCurves(Trajectory tr, double t1) {
    XYChart c = Charts.lines("Figure 1(b): training loss by sample type", "t (gradient-flow time = lr × epochs)",
        "loss", true, true);
    double[] t = tr.times();
    Charts.addLine(c, "loss", t, tr.column("loss"));
    String[] names = {"type 1 (µ1, µ2)", "type 2 (µ1 only)", "type 3 (µ2 only)", "type 4 (neither)"};
    for (int k = 1; k <= 4; k++) {
      Charts.addLine(c, names[k - 1], t, tr.column("lossType" + k));
    }
    if (Double.isFinite(t1)) {
      Map<String, Double> marks = new LinkedHashMap<>();
      marks.put("T1", t1);
      Charts.markTimes(c, marks);
    }
    return c;
  }

  private static org.knowm.xchart.HeatMapChart scoreHeatmap(Trajectory tr) {
    double[] t = tr.times();
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      if (t[i] > 0) {
        cols.add(i);
      }
    }
    int[][] pairs = {{2, 1}, {1, 2}, {3, 1}, {3, 2}, {1, 3}, {2, 3}, {1, 1}, {2, 2}, {3, 3}};
    double[][] v = new double[pairs.length][cols.size()];
    double max = 0;
    for (int r = 0; r < pairs.length; r++) {
      double[] col = tr.column("dKQ" + pairs[r][0] + pairs[r][1]);
      for (int c = 0; c < cols.size(); c++) {
        v[r][c] = col[cols.get(c)];
        max = Math.max(max, Math.abs(v[r][c]));
      }
    }
    max = max > 0 ? max : 1;
    String title = String.format(Locale.ROOT, "Fig. 1(a): change of score µ_keyᵀW_KᵀW_Qµ_query, t = %.2g … %.3g (log)",
        t[cols.get(0)], t[t.length - 1]);
    return Charts.heatmap(title, "grid sample (log-spaced t)",
        "row 0–8 = (key,query) 21 12 31 32 13 23 11 22 33", v, -max, max);
  }
}
