package org.gradflow.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gradflow.plot.Charts;
import org.gradflow.spec.Json;
import org.hipparchus.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;

/**
 * Fitted growth exponents of a {@link GrowthBench} (log-log least squares against the
 * parameter count, with 95% confidence half-widths) and the largest parameter count whose
 * run-retained heap, extrapolated along the fitted power law, fits in a memory budget.
 */
public final class GrowthReport {
  /** cost ≈ exp(intercept) · dim^exponent. */
  public record Fit(String what, double exponent, double ciHalfWidth, double intercept, long n) {
    double at(double dim) {
      return Math.exp(intercept) * Math.pow(dim, exponent);
    }
  }

  private GrowthReport() {}

  static Fit fit(String what, List<GrowthBench.Sample> s, ToDoubleFunction<GrowthBench.Sample> y) {
    SimpleRegression r = new SimpleRegression();
    for (GrowthBench.Sample x : s) {
      double v = y.applyAsDouble(x);
      if (v > 0 && Double.isFinite(v) && x.dimension() > 0) {
        r.addData(Math.log(x.dimension()), Math.log(v));
      }
    }
    if (r.getN() < 3) {
      return new Fit(what, Double.NaN, Double.NaN, Double.NaN, r.getN());
    }
    return new Fit(what, r.getSlope(), r.getSlopeConfidenceInterval(0.05), r.getIntercept(), r.getN());
  }

  /** Largest dim with fit(dim) ≤ budget (NaN without a usable fit). */
  static double largestDimension(Fit memory, double budgetBytes) {
    if (!(memory.exponent() > 0)) {
      return Double.NaN;
    }
    return Math.exp((Math.log(budgetBytes) - memory.intercept()) / memory.exponent());
  }

  public static ObjectNode write(List<GrowthBench.Sample> samples, Path dir, double budgetBytes) throws IOException {
    Fit rhs = fit("rhsNanos", samples, GrowthBench.Sample::rhsNanos);
    Fit run = fit("runSeconds", samples, GrowthBench.Sample::runSeconds);
    Fit evals = fit("rhsEvaluations", samples, s -> s.rhsEvaluations());
    Fit mem = fit("runBytes", samples, s -> s.runBytes());
    double maxDim = largestDimension(mem, budgetBytes);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.set("samples", Json.MAPPER.valueToTree(samples));
    o.set("fits", Json.MAPPER.valueToTree(List.of(rhs, run, evals, mem)));
    o.put("memoryBudgetBytes", budgetBytes);
    o.put("largestDimensionInBudget", maxDim);
    StringBuilder csv = new StringBuilder("id,assignments,dimension,rhsNanos,runSeconds,rhsEvaluations,modelBytes,runBytes,outcome\n");
    for (GrowthBench.Sample s : samples) {
      csv.append(String.join(",", s.id(), "\"" + s.assignments() + "\"", Integer.toString(s.dimension()),
          Double.toString(s.rhsNanos()), Double.toString(s.runSeconds()), Long.toString(s.rhsEvaluations()),
          Long.toString(s.modelBytes()), Long.toString(s.runBytes()), s.outcome())).append('\n');
    }
    AtomicFiles.write(dir.resolve("bench.csv"), csv.toString());
    AtomicFiles.write(dir.resolve("bench.json"), Json.MAPPER.writeValueAsString(o));
    double[] dims = samples.stream().mapToDouble(GrowthBench.Sample::dimension).toArray();
    XYChart t = Charts.lines("cost vs parameter count", "parameters", "time", true, true);
    Charts.addPoints(t, "RHS time [s]", dims, samples.stream().mapToDouble(s -> s.rhsNanos() * 1e-9).toArray());
    Charts.addPoints(t, "run time [s]", dims, samples.stream().mapToDouble(GrowthBench.Sample::runSeconds).toArray());
    addFitLine(t, rhs, dims, 1e-9);
    addFitLine(t, run, dims, 1);
    Charts.save(t, dir.resolve("plots").resolve("bench-time.png"));
    XYChart m = Charts.lines("retained heap vs parameter count", "parameters", "bytes", true, true);
    Charts.addPoints(m, "run (system + result)", dims, samples.stream().mapToDouble(s -> Math.max(1, s.runBytes())).toArray());
    addFitLine(m, mem, dims, 1);
    Charts.save(m, dir.resolve("plots").resolve("bench-memory.png"));
    System.out.println(describe(rhs) + "\n" + describe(run) + "\n" + describe(evals) + "\n" + describe(mem));
    System.out.printf(Locale.ROOT, "largest parameter count whose run fits in %.1f GiB (power-law extrapolation): %.3g%n",
        budgetBytes / (1L << 30), maxDim);
    return o;
  }

  static String describe(Fit f) {
    return String.format(Locale.ROOT, "  %-15s ∝ dim^%.3f ± %.3f (95%% CI, %d points)", f.what(), f.exponent(),
        f.ciHalfWidth(), f.n());
  }

  private static void addFitLine(XYChart c, Fit f, double[] dims, double scale) {
    if (!Double.isFinite(f.exponent())) {
      return;
    }
    double lo = java.util.Arrays.stream(dims).min().orElse(1);
    double hi = java.util.Arrays.stream(dims).max().orElse(1);
    Charts.addLine(c, f.what() + " fit: exponent " + String.format(Locale.ROOT, "%.2f", f.exponent()),
        new double[] {lo, hi}, new double[] {f.at(lo) * scale, f.at(hi) * scale});
  }
}
