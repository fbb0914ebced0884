package org.gradflow.validate;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/**
 * Along a gradient flow dL/dt = −|∇L|² ≤ 0: the loss cannot rise. A sampled loss may still rise
 * by what the integrator is allowed to get wrong, so a rise above the running minimum counts only
 * beyond {@code SLACK · max(rtol, ROUNDOFF) · (|L(0)| + |min L|)}: local errors are bounded by
 * rtol relative to the state, and the loss inherits at most that order relative to its own scale;
 * ROUNDOFF covers the loss's own evaluation in doubles. A run that rises beyond it (tolerances
 * so loose that the result is not a solution) is turned into a FAILED run that says so, never a
 * silent COMPLETED.
 */
public final class LossMonotonicity {
  static final double SLACK = 10;
  static final double ROUNDOFF = 1e3 * Math.ulp(1.0);

  private LossMonotonicity() {}

  /** Integrates and checks the result: every caller that presents a run goes through here. */
  public static RunResult run(SystemSpec spec, FlowSystem system, Progress progress) {
    return check(FlowIntegrator.run(spec, system, progress));
  }

  public static RunResult check(RunResult r) {
    if (r.failed() || r.trajectory().size() < 2 || !r.trajectory().hasColumn("loss")) {
      return r;
    }
    double[] loss = r.trajectory().column("loss");
    double[] t = r.trajectory().times();
    double min = loss[0];
    int argMin = 0;
    double worst = 0;
    int at = -1;
    int from = 0;
    for (int i = 1; i < loss.length; i++) {
      double rise = loss[i] - min;
      if (rise > worst) {
        worst = rise;
        at = i;
        from = argMin;
      }
      if (loss[i] < min) {
        min = loss[i];
        argMin = i;
      }
    }
    double allowed = SLACK * Math.max(r.spec().integrator().rtol(), ROUNDOFF) * (Math.abs(loss[0]) + Math.abs(min));
    if (at < 0 || worst <= allowed) {
      return r;
    }
    String why = String.format(java.util.Locale.ROOT,
        "loss rose from %s at t = %s to %s at t = %s (rise %s > allowed %s): a gradient flow's loss cannot rise;"
            + " the tolerances (rtol %s, atol %s) are too loose for a trustworthy result",
        CheckResult.fmt(loss[from]), CheckResult.fmt(t[from]), CheckResult.fmt(loss[at]), CheckResult.fmt(t[at]),
        CheckResult.fmt(worst), CheckResult.fmt(allowed), CheckResult.fmt(r.spec().integrator().rtol()),
        r.spec().integrator().atol());
    List<String> warnings = new ArrayList<>(r.warnings());
    warnings.add(why);
    return new RunResult(r.spec(), r.system(), r.trajectory(), r.events(), r.stats(), r.finalTime(), r.finalState(),
        r.decimalFinalState(), RunResult.Outcome.FAILED, why, List.copyOf(warnings));
  }
}
