package org.gradflow.gd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/**
 * GD iterates against a reference flow run sampled at the same times t = k·η: per-block and
 * total ‖θ_GD(k) − θ_ref(kη)‖, loss difference and the difference of every column the two
 * trajectories share (both evaluated on the system's own flow). Fed one recorded iterate at a time ({@link #add}), so GD states need not
 * be stored; the reference run must have kept its states (the command sizes the record set so
 * that it does).
 */
public final class Comparison {
  private final String label;
  private final ParameterLayout layout;
  private final RunResult reference;
  private final Map<Double, Integer> rowAtTime = new HashMap<>();
  private final List<String> sharedColumns = new ArrayList<>();
  private final List<String> header = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();
  private final GdColumns columns;

  /**
   * @param system the system GD runs on; every compared column is evaluated on its flow (at the
   *     reference state, with θ̇ = −∇L), so a modified-flow reference is measured in the same units
   */
  public Comparison(String label, SystemSpec spec, FlowSystem system, RunResult reference) {
    this.label = label;
    this.layout = system.flow().layout();
    this.reference = reference;
    this.columns = new GdColumns(spec, system.flow(), GdColumns.events(spec, system));
    Trajectory tr = reference.trajectory();
    for (int i = 0; i < tr.size(); i++) {
      rowAtTime.putIfAbsent(tr.row(i)[0], i);
    }
    header.addAll(List.of("step", "t", "loss_gd", "loss_" + label, "loss_diff", "deviation", "relative_deviation"));
    for (ParameterLayout.Block b : layout.blocks()) {
      header.add("deviation_" + b.name());
    }
    for (String c : columns.names()) {
      if (!c.equals("t") && !c.equals("loss")) {
        sharedColumns.add(c);
        header.add("diff_" + c);
      }
    }
  }

  public String label() {
    return label;
  }

  public RunResult reference() {
    return reference;
  }

  public List<String> header() {
    return header;
  }

  public List<double[]> rows() {
    return rows;
  }

  /** Compares one GD iterate (its row in GD column order) with the reference at the same time. */
  public void add(long step, double[] theta, double[] gdRow) {
    Integer i = rowAtTime.get(gdRow[0]);
    if (i == null) {
      return; // the reference stopped (or failed) before this time
    }
    Trajectory tr = reference.trajectory();
    double[] ref = tr.state(i);
    if (ref == null) {
      throw new IllegalStateException("the " + label + " run kept no states (state budget); record fewer GD steps");
    }
    double[] refRow = columns.rowAt(gdRow[0], ref);
    double[] out = new double[header.size()];
    int c = 0;
    out[c++] = step;
    out[c++] = gdRow[0];
    double lossRef = refRow[1];
    out[c++] = gdRow[1];
    out[c++] = lossRef;
    out[c++] = gdRow[1] - lossRef;
    double total = 0;
    double refNorm = 0;
    for (int j = 0; j < theta.length; j++) {
      double d = theta[j] - ref[j];
      total += d * d;
      refNorm += ref[j] * ref[j];
    }
    out[c++] = Math.sqrt(total);
    out[c++] = refNorm == 0 ? Double.NaN : Math.sqrt(total / refNorm);
    for (ParameterLayout.Block b : layout.blocks()) {
      double s = 0;
      for (int j = b.offset(); j < b.offset() + b.size(); j++) {
        s += (theta[j] - ref[j]) * (theta[j] - ref[j]);
      }
      out[c++] = Math.sqrt(s);
    }
    for (String name : sharedColumns) {
      int k = columns.names().indexOf(name);
      out[c++] = gdRow[k] - refRow[k];
    }
    rows.add(out);
  }

  public double[] column(String name) {
    int c = header.indexOf(name);
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  /** The headline numbers of this comparison. */
  public Summary summary(List<EventRecord> gdEvents) {
    double max = 0;
    double tMax = 0;
    double maxLoss = 0;
    int dev = header.indexOf("deviation");
    for (double[] r : rows) {
      if (r[dev] > max) {
        max = r[dev];
        tMax = r[1];
      }
      maxLoss = Math.max(maxLoss, Math.abs(r[4]));
    }
    double[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    return new Summary(label, rows.size(), max, tMax, last == null ? Double.NaN : last[dev],
        last == null ? Double.NaN : last[dev + 1], last == null ? Double.NaN : last[1], maxLoss,
        EventShift.match(gdEvents, reference.events()));
  }

  /** Max and final deviation, largest loss difference, event-time shifts. */
  public record Summary(String reference, int comparedSteps, double maxDeviation, double timeOfMaxDeviation,
      double finalDeviation, double finalRelativeDeviation, double finalTime, double maxLossDifference,
      List<EventShift> eventShifts) {}

  /** The n-th occurrence of an event in GD and in the reference: t_GD − t_ref. */
  public record EventShift(String event, int occurrence, double gdTime, double referenceTime, double shift) {
    static List<EventShift> match(List<EventRecord> gd, List<EventRecord> ref) {
      List<EventShift> out = new ArrayList<>();
      Map<String, List<Double>> a = times(gd);
      Map<String, List<Double>> b = times(ref);
      List<String> names = new ArrayList<>(a.keySet());
      b.keySet().stream().filter(n -> !a.containsKey(n)).forEach(names::add);
      for (String n : names) {
        List<Double> ta = a.getOrDefault(n, List.of());
        List<Double> tb = b.getOrDefault(n, List.of());
        for (int i = 0; i < Math.max(ta.size(), tb.size()); i++) {
          double x = i < ta.size() ? ta.get(i) : Double.NaN;
          double y = i < tb.size() ? tb.get(i) : Double.NaN;
          out.add(new EventShift(n, i + 1, x, y, x - y));
        }
      }
      return out;
    }

    private static Map<String, List<Double>> times(List<EventRecord> events) {
      Map<String, List<Double>> m = new java.util.LinkedHashMap<>();
      for (EventRecord e : events) {
        m.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e.time());
      }
      return m;
    }
  }
}
