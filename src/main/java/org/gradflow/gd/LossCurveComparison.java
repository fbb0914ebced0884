package org.gradflow.gd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;

/** An imported loss curve against the flow's loss at t = step·η. */
public final class LossCurveComparison {
  public static final List<String> HEADER = List.of("step", "t", "loss_imported", "loss_flow", "loss_diff");
  private final List<double[]> rows = new ArrayList<>();

  public LossCurveComparison(ImportedRun run, double eta, RunResult flow) {
    Trajectory tr = flow.trajectory();
    Map<Double, Integer> at = new HashMap<>();
    for (int i = 0; i < tr.size(); i++) {
      at.putIfAbsent(tr.row(i)[0], i);
    }
    int loss = tr.columnIndex("loss");
    for (int j = 0; j < run.steps().length; j++) {
      double t = run.steps()[j] * eta;
      Integer i = at.get(t);
      if (i != null) {
        double l = tr.row(i)[loss];
        rows.add(new double[] {run.steps()[j], t, run.losses()[j], l, run.losses()[j] - l});
      }
    }
  }

  public List<double[]> rows() {
    return rows;
  }

  public double maxAbsDifference() {
    return rows.stream().mapToDouble(r -> Math.abs(r[4])).max().orElse(Double.NaN);
  }

  public double finalDifference() {
    return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[4];
  }
}
