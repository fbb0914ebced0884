package org.gradflow.gd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.IntegrationStats;
import org.gradflow.integrate.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.io.BuildInfo;
import org.gradflow.io.AtomicFiles;
import org.gradflow.io.RunFolder;
import org.gradflow.io.RunWriter;
import org.gradflow.spec.Json;
import org.gradflow.validate.CheckResult;

/**
 * Writes a compare-gd session into a new run folder {@code <root>/<name>-gd-<timestamp>/} (never
 * reusing one): the flow, modified-flow and GD runs each as an engine run folder ({@code flow/},
 * {@code modified/}, {@code gd/}), then gd-trajectory.csv (with the step column), comparison*.csv,
 * events.json (all events and the time shifts), order.csv, run.json, report.md and plots/*.png
 * (through {@link GdPlots}). Numbers are written before figures.
 */
public final class GdWriter {
  private GdWriter() {}

  public static Path write(CompareGd.Result r, Path root) throws IOException {
    Path dir = RunFolder.create(root, r.spec().name() + "-gd");
    RunFolder.markIncomplete(dir, "compare-gd of " + r.spec().name() + " is writing its outputs (or was killed)");
    // each run in the engine's own run-folder layout (run.json, trajectory.csv, events.json,
    // final-state.json, report.md, plots, model artifacts)
    RunWriter.writeInto(r.flow(), Files.createDirectory(dir.resolve("flow")));
    if (r.modified() != null) {
      RunWriter.writeInto(r.modified(), Files.createDirectory(dir.resolve("modified")));
    }
    if (r.gd() != null) {
      RunWriter.writeInto(asRunResult(r), Files.createDirectory(dir.resolve("gd")));
      List<String> header = new ArrayList<>(List.of("step"));
      header.addAll(r.gd().trajectory().columns());
      writeCsv(dir.resolve("gd-trajectory.csv"), header, withSteps(r.gd().rowSteps(), r.gd().trajectory()));
    }
    for (Comparison c : r.comparisons()) {
      writeCsv(dir.resolve(c.label().equals("flow") ? "comparison.csv" : "comparison-" + c.label() + ".csv"),
          c.header(), c.rows());
    }
    if (r.lossCurve() != null) {
      writeCsv(dir.resolve("comparison-loss.csv"), LossCurveComparison.HEADER, r.lossCurve().rows());
    }
    if (r.order() != null) {
      writeOrderCsv(dir.resolve("order.csv"), r.order());
    }
    AtomicFiles.writeJson(dir.resolve("events.json"), events(r));
    List<String> plots = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try {
      plots.addAll(GdPlots.write(r, dir.resolve("plots")));
    } catch (IOException | RuntimeException e) {
      lines.add("- **plots failed: " + e + "**");
    }
    lines.addAll(0, GdReport.lines(r, plots));
    // run.json declares the outcome: after everything it vouches for; report.md reads it
    AtomicFiles.writeJson(dir.resolve("run.json"), runJson(r));
    AtomicFiles.write(dir.resolve("report.md"), String.join("\n", lines) + "\n");
    RunFolder.markComplete(dir);
    return dir;
  }

  /** The GD run in the engine's result type, so that it is written like a flow run. */
  static RunResult asRunResult(CompareGd.Result r) {
    GdResult gd = r.gd();
    IntegrationStats stats = new IntegrationStats("GD lr " + r.settings().learningRate(), 0.0,
        r.system().flow().layout().dimension(), gd.finalStep(), 0, gd.gradientEvaluations(), gd.wallSeconds(), 0);
    return new RunResult(r.spec(), r.system(), gd.trajectory(), gd.events(), stats, gd.finalTime(), gd.finalState(),
        null, gd.outcome(), gd.reason(), List.of());
  }

  private static List<double[]> withSteps(long[] steps, Trajectory tr) {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < tr.size(); i++) {
      double[] row = tr.row(i);
      double[] r = new double[row.length + 1];
      r[0] = steps[i];
      System.arraycopy(row, 0, r, 1, row.length);
      rows.add(r);
    }
    return rows;
  }

  static void writeCsv(Path file, List<String> header, List<double[]> rows) throws IOException {
    AtomicFiles.writeText(file, w -> {
      w.write(String.join(",", header));
      w.write('\n');
      for (double[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(number(row[i], i == 0 && header.get(0).equals("step")));
        }
        w.write('\n');
      }
    });
  }

  private static String number(double v, boolean integral) {
    return integral ? Long.toString((long) v) : Double.toString(v);
  }

  private static void writeOrderCsv(Path file, OrderCheck.OrderResult o) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < o.learningRates().length; i++) {
      rows.add(new double[] {o.learningRates()[i], o.steps()[i], o.deviationFromFlow()[i],
          o.deviationFromModified() == null ? Double.NaN : o.deviationFromModified()[i]});
    }
    writeCsv(file, List.of("learning_rate", "steps", "deviation_flow", "deviation_modified"), rows);
  }

  private static ObjectNode events(CompareGd.Result r) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set(r.gd() != null ? "gd" : "imported", events(r.gdEvents()));
    root.set("flow", events(r.flow().events()));
    if (r.modified() != null) {
      root.set("modified", events(r.modified().events()));
    }
    ObjectNode shifts = root.putObject("shifts");
    for (Comparison c : r.comparisons()) {
      shifts.set(c.label(), Json.MAPPER.valueToTree(c.summary(r.gdEvents()).eventShifts()));
    }
    return root;
  }

  private static ArrayNode events(List<EventRecord> list) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (EventRecord e : list) {
      ObjectNode o = a.addObject();
      o.put("name", e.name());
      o.put("observable", e.observable());
      o.put("threshold", e.threshold());
      o.put("direction", e.increasing() ? "up" : "down");
      o.put("time", e.time());
      o.put("terminal", e.terminal());
      o.put("persisted", e.persisted());
      o.set("values", Json.MAPPER.valueToTree(e.values()));
    }
    return a;
  }

  private static ObjectNode runJson(CompareGd.Result r) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("command", "compare-gd");
    root.put("system", r.spec().file());
    root.put("name", r.spec().name());
    root.put("model", r.spec().model());
    root.put("dimension", r.system().flow().layout().dimension());
    root.set("versions", Json.MAPPER.valueToTree(BuildInfo.get()));
    ObjectNode gd = root.putObject("gd");
    gd.put("learningRate", r.settings().learningRate());
    gd.put("steps", r.settings().steps());
    gd.put("endTime", r.settings().endTime());
    gd.put("recordedSteps", r.settings().recordSteps().length);
    if (r.gd() != null) {
      gd.put("outcome", r.gd().outcome().name());
      gd.put("reason", r.gd().reason());
      gd.put("finalStep", r.gd().finalStep());
      gd.put("gradientEvaluations", r.gd().gradientEvaluations());
      gd.put("wallSeconds", r.gd().wallSeconds());
    }
    if (r.imported() != null) {
      ObjectNode im = root.putObject("import");
      im.put("source", r.imported().source());
      im.put("format", r.imported().format());
      im.put("snapshots", r.imported().steps().length);
      im.put("parameters", r.imported().hasStates());
    }
    root.set("flow", runNode(r.flow()));
    if (r.modified() != null) {
      ObjectNode m = runNode(r.modified());
      m.put("equation", "dθ/dt = −∇L − (η/2)∇²L∇L = −∇(L + (η/4)‖∇L‖²)");
      m.put("hessianVectorProduct", r.hvpMethod());
      if (Double.isFinite(r.hvpErrorEstimate())) {
        m.put("hvpRelativeErrorEstimateAtStart", r.hvpErrorEstimate());
      }
      root.set("modifiedFlow", m);
    }
    ArrayNode comps = root.putArray("comparisons");
    for (Comparison c : r.comparisons()) {
      comps.add(Json.MAPPER.valueToTree(c.summary(r.gdEvents())));
    }
    if (r.lossCurve() != null) {
      ObjectNode l = root.putObject("lossCurve");
      l.put("maxAbsDifference", r.lossCurve().maxAbsDifference());
      l.put("finalDifference", r.lossCurve().finalDifference());
    }
    if (r.order() != null) {
      ObjectNode o = Json.MAPPER.valueToTree(r.order());
      if (r.order().hvpMethod() != null) {
        o.put("hvpMethod", r.order().hvpMethod());
      }
      root.set("orderCheck", o);
    }
    root.set("notes", Json.MAPPER.valueToTree(r.notes()));
    root.put("orderCheckCompleted", r.orderFailure() == null);
    root.set("spec", r.spec().tree());
    return root;
  }

  private static ObjectNode runNode(RunResult run) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("outcome", run.outcome().name());
    o.put("reason", run.reason());
    o.put("finalTime", run.finalTime());
    IntegrationStats s = run.stats();
    o.put("method", s.method());
    o.put("rtol", s.rtol());
    o.put("acceptedSteps", s.acceptedSteps());
    o.put("rejectedSteps", s.rejectedSteps());
    o.put("rhsEvaluations", s.rhsEvaluations());
    o.put("wallSeconds", s.wallSeconds());
    o.set("warnings", Json.MAPPER.valueToTree(run.warnings()));
    return o;
  }

  /** A number for report lines. */
  static String fmt(double v) {
    return CheckResult.fmt(v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.3g%%", 100 * v);
  }
}
