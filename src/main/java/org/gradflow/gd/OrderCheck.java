package org.gradflow.gd;

import org.gradflow.core.LeastSquaresLine;
import org.gradflow.integrate.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/**
 * Order of GD as an approximation of the flow: for η, η/2, …, η/2^h run GD for K·2^j steps to the
 * same time T = K·η, measure ‖θ_GD − θ_flow(T)‖ (and, optionally, ‖θ_GD − θ_modified,η(T)‖), and
 * fit log(deviation) = p·log(η) + c by least squares ({@link LeastSquaresLine}). Plain
 * GD is first order (p = 1); against the first-order modified flow it is second order (p = 2).
 * Events, stop conditions and extra observables are dropped: only the state at T matters.
 */
public final class OrderCheck {
  /** Expected slopes and the tolerances the issue asks for. */
  public static final double FLOW_ORDER = 1.0;
  public static final double FLOW_TOLERANCE = 0.05;
  public static final double MODIFIED_ORDER = 2.0;
  public static final double MODIFIED_TOLERANCE = 0.1;

  private OrderCheck() {}

  /** A run the order check needs did not complete (e.g. GD diverged at the largest η): no fit. */
  public static final class Incomplete extends RuntimeException {
    Incomplete(String message) {
      super(message);
    }
  }

  public static OrderResult run(SystemSpec spec, FlowSystem system, double eta0, long steps0, int halvings,
      boolean modified, Progress progress) {
    if (halvings < 2) {
      throw new IllegalArgumentException("an order check needs at least 2 halvings (3 step sizes), got " + halvings);
    }
    long start = System.nanoTime();
    double time = steps0 * eta0;
    SystemSpec bareSpec = ReferenceRuns.bare(spec);
    FlowSystem bareSystem = ReferenceRuns.bare(system);
    double[] times = {0.0, time};
    RunResult flow = reference(bareSpec, bareSystem, times, progress, "flow");
    double[] flowEnd = flow.trajectory().state(flow.trajectory().size() - 1);
    int n = halvings + 1;
    double[] etas = new double[n];
    long[] steps = new long[n];
    double[] devFlow = new double[n];
    double[] devModified = modified ? new double[n] : null;
    String hvpMethod = null;
    long rhs = flow.stats().rhsEvaluations();
    for (int j = 0; j < n; j++) {
      etas[j] = eta0 / (1L << j);
      steps[j] = steps0 << j;
      GdResult gd = GdRunner.run(bareSpec, bareSystem, GdSettings.endpointsOnly(etas[j], steps[j]), progress, null);
      if (gd.outcome() != Outcome.COMPLETED) {
        throw new Incomplete("GD with lr " + etas[j] + " did not complete: " + gd.reason());
      }
      devFlow[j] = distance(gd.finalState(), flowEnd);
      if (modified) {
        FlowSystem mod = ReferenceRuns.modified(bareSystem, etas[j]);
        hvpMethod = ((ModifiedFlow) mod.flow()).hvp().hvpMethod();
        RunResult m = reference(bareSpec, mod, times, progress, "modified flow (lr " + etas[j] + ")");
        rhs += m.stats().rhsEvaluations();
        devModified[j] = distance(gd.finalState(), m.trajectory().state(m.trajectory().size() - 1));
      }
    }
    Fit flowFit = Fit.of(etas, devFlow, FLOW_ORDER, FLOW_TOLERANCE);
    Fit modFit = modified ? Fit.of(etas, devModified, MODIFIED_ORDER, MODIFIED_TOLERANCE) : null;
    return new OrderResult(time, etas, steps, devFlow, devModified, flowFit, modFit, hvpMethod,
        spec.integrator().rtol(), rhs, (System.nanoTime() - start) * 1e-9);
  }

  private static RunResult reference(SystemSpec spec, FlowSystem system, double[] times, Progress p, String what) {
    RunResult r = ReferenceRuns.run(spec, system, times, p);
    if (r.outcome() != Outcome.COMPLETED || r.trajectory().state(r.trajectory().size() - 1) == null) {
      throw new Incomplete("the " + what + " run did not reach t = " + times[times.length - 1] + ": " + r.reason());
    }
    return r;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  /** The order-check table and fits. */
  public record OrderResult(double time, double[] learningRates, long[] steps, double[] deviationFromFlow,
      double[] deviationFromModified, Fit flowFit, Fit modifiedFit, String hvpMethod, double rtol,
      long flowRhsEvaluations, double wallSeconds) {}

  /** Least-squares slope of log(deviation) against log(η), its fit quality and verdict. */
  public record Fit(double slope, double intercept, double rSquared, double slopeStdErr, double[] localSlopes,
      double expected, double tolerance, boolean pass) {

    static Fit of(double[] etas, double[] devs, double expected, double tolerance) {
      LeastSquaresLine r = new LeastSquaresLine();
      boolean positive = true;
      for (int i = 0; i < etas.length; i++) {
        positive &= devs[i] > 0 && Double.isFinite(devs[i]);
        r.add(Math.log(etas[i]), Math.log(devs[i]));
      }
      double[] local = new double[etas.length - 1];
      for (int i = 0; i + 1 < etas.length; i++) {
        local[i] = Math.log(devs[i] / devs[i + 1]) / Math.log(etas[i] / etas[i + 1]);
      }
      double slope = positive ? r.slope() : Double.NaN;
      return new Fit(slope, positive ? r.intercept() : Double.NaN, positive ? r.rSquared() : Double.NaN,
          positive ? r.slopeStdErr() : Double.NaN, local, expected, tolerance,
          positive && Math.abs(slope - expected) <= tolerance);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "slope %.4f (expected %.1f ± %.2f, R² %.6f, std err %.2e, local %s) %s",
          slope, expected, tolerance, rSquared, slopeStdErr, local(), pass ? "PASS" : "FAIL");
    }

    private List<String> local() {
      List<String> l = new ArrayList<>();
      for (double s : localSlopes) {
        l.add(String.format(java.util.Locale.ROOT, "%.4f", s));
      }
      return l;
    }
  }
}
