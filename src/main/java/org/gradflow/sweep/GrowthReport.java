package org.gradflow.sweep;

import org.gradflow.core.LeastSquaresLine;
import org.gradflow.io.AtomicFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.gradflow.plot.Charts;
import org.gradflow.spec.Json;
import org.knowm.xchart.XYChart;

/**
 * Fitted growth exponents of a {@link GrowthBench} (log-log least squares against the
 * parameter count, with 95% confidence half-widths) and the largest parameter count that fits a
 * memory budget. The memory of a run is modelled as the system's retained heap (fitted power
 * law) plus the integrator's working vectors ({@link #WORK_VECTORS} doubles per parameter:
 * DP853's 16 stages, state, error and interpolator copies, and the per-step clones Hipparchus
 * makes; calibrated by the smallest -Xmx that completes a run: 100–130 MB at 256 000 and
 * 400–600 MB at 1 024 000 parameters, i.e. 0.4–0.6 KB per parameter) plus the θ snapshots,
 * which the engine caps at 10⁷ doubles: measured run heap is not a clean power law because of
 * that cap, so it is reported but not extrapolated.
 */
public final class GrowthReport {
  /** cost ≈ exp(intercept) · dim^exponent. */
  public record Fit(String what, double exponent, double ciHalfWidth, double intercept, long n) {
    double at(double dim) {
      return Math.exp(intercept) * Math.pow(dim, exponent);
    }
  }

  /** Doubles per parameter a DP853 run needs at its peak (see the class comment for the calibration). */
  static final int WORK_VECTORS = 64;
  /** The engine's cap on stored θ snapshots, in bytes (Solver.STATE_BUDGET doubles). */
  static final double SNAPSHOT_CAP_BYTES = 10_000_000.0 * 8;

  private GrowthReport() {}

  /** Estimated peak bytes of a run with {@code dim} parameters. */
  static double runBytesEstimate(Fit model, double dim) {
    double m = Double.isFinite(model.exponent()) ? model.at(dim) : 0;
    return m + 8.0 * WORK_VECTORS * dim + SNAPSHOT_CAP_BYTES;
  }

  static Fit fit(String what, List<GrowthBench.Sample> s, ToDoubleFunction<GrowthBench.Sample> y) {
    LeastSquaresLine r = new LeastSquaresLine();
    for (GrowthBench.Sample x : s) {
      double v = y.applyAsDouble(x);
      if (v > 0 && Double.isFinite(v) && x.dimension() > 0) {
        r.add(Math.log(x.dimension()), Math.log(v));
      }
    }
    if (r.n() < 3) {
      return new Fit(what, Double.NaN, Double.NaN, Double.NaN, r.n());
    }
    return new Fit(what, r.slope(), r.slopeHalfWidth(0.05), r.intercept(), r.n());
  }

  /** Largest dim whose estimated run fits the budget (bisection on the monotone estimate). */
  static double largestDimension(Fit model, double budgetBytes) {
    if (runBytesEstimate(model, 1) > budgetBytes) {
      return 0;
    }
    double lo = 1;
    double hi = 2;
    while (runBytesEstimate(model, hi) <= budgetBytes && hi < 1e18) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1; i++) {
      double mid = 0.5 * (lo + hi);
      if (runBytesEstimate(model, mid) <= budgetBytes) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.floor(lo);
  }

  public static ObjectNode write(List<GrowthBench.Sample> samples, Path dir, double budgetBytes) throws IOException {
    Fit rhs = fit("rhsCpuNanos", samples, GrowthBench.Sample::rhsNanos);
    Fit run = fit("runCpuSeconds", samples, GrowthBench.Sample::runSeconds);
    Fit evals = fit("rhsEvaluations", samples, s -> s.rhsEvaluations());
    Fit mem = fit("runBytes", samples, s -> s.runBytes());
    Fit model = fit("modelBytes", samples, s -> s.modelBytes());
    double maxDim = largestDimension(model, budgetBytes);
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.set("samples", Json.MAPPER.valueToTree(samples));
    o.set("fits", Json.MAPPER.valueToTree(List.of(rhs, run, evals, model, mem)));
    o.put("workVectorsPerParameter", WORK_VECTORS);
    o.put("snapshotCapBytes", SNAPSHOT_CAP_BYTES);
    o.put("memoryBudgetBytes", budgetBytes);
    o.put("largestDimensionInBudget", maxDim);
    StringBuilder csv = new StringBuilder(
        "id,assignments,dimension,rhsCpuNanos,runCpuSeconds,rhsEvaluations,rhsShareOfRun,modelBytes,runBytes,outcome,runWallSeconds\n");
    for (GrowthBench.Sample s : samples) {
      csv.append(String.join(",", s.id(), "\"" + s.assignments() + "\"", Integer.toString(s.dimension()),
          Double.toString(s.rhsNanos()), Double.toString(s.runSeconds()), Long.toString(s.rhsEvaluations()),
          Double.toString(s.rhsNanos() * 1e-9 * s.rhsEvaluations() / s.runSeconds()),
          Long.toString(s.modelBytes()), Long.toString(s.runBytes()), s.outcome(), Double.toString(s.runWallSeconds())))
          .append('\n');
    }
    AtomicFiles.write(dir.resolve("bench.csv"), csv.toString());
    AtomicFiles.write(dir.resolve("bench.json"), Json.MAPPER.writeValueAsString(o));
    double[] dims = samples.stream().mapToDouble(GrowthBench.Sample::dimension).toArray();
    XYChart t = Charts.lines("cost vs parameter count", "parameters", "time", true, true);
    t.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    Charts.addPoints(t, "RHS CPU time [s]", dims, samples.stream().mapToDouble(s -> s.rhsNanos() * 1e-9).toArray());
    Charts.addPoints(t, "run CPU time [s]", dims, samples.stream().mapToDouble(GrowthBench.Sample::runSeconds).toArray());
    addFitLine(t, rhs, dims, 1e-9);
    addFitLine(t, run, dims, 1);
    Charts.save(t, dir.resolve("plots").resolve("bench-time.png"));
    XYChart m = Charts.lines("heap vs parameter count", "parameters", "bytes", true, true);
    m.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    Charts.addPoints(m, "system (retained)", dims, samples.stream().mapToDouble(s -> Math.max(1, s.modelBytes())).toArray());
    Charts.addPoints(m, "run (system + result, measured)", dims,
        samples.stream().mapToDouble(s -> Math.max(1, s.runBytes())).toArray());
    addFitLine(m, model, dims, 1);
    double[] est = java.util.Arrays.stream(dims).map(d -> runBytesEstimate(model, d)).toArray();
    Charts.addLine(m, "run estimate (system + " + WORK_VECTORS + " work vectors + snapshot cap)", dims, est);
    Charts.save(m, dir.resolve("plots").resolve("bench-memory.png"));
    System.out.println(describe(rhs) + "\n" + describe(run) + "\n" + describe(evals) + "\n" + describe(model)
        + "\n" + describe(mem) + "   (not a power law: snapshots are capped)");
    System.out.printf(Locale.ROOT, "largest parameter count whose run fits in %.1f GiB (system fit + %d work vectors"
        + " + snapshot cap): %.4g%n", budgetBytes / (1L << 30), WORK_VECTORS, maxDim);
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
