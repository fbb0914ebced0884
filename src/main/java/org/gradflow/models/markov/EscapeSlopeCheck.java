package org.gradflow.models.markov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.LeastSquaresLine;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/**
 * markov.escapeSlope (spec §3.7, tiny initializations): escape time from e0 = 10^{−k} near the
 * repelling part of e = 0 (event "escape": |e| up through a threshold, defined in the system),
 * least-squares slope against log(1/e0), compared with 1/(2|ℓ'(0)|(1 + 2w0|w0|)). A second
 * sweep with the fixed absolute tolerance {@code badAtol} shows what an atol above |e0| does
 * (report only), with the engine's warnings.
 */
final class EscapeSlopeCheck {
  private EscapeSlopeCheck() {}

  static Check create(SpecSection c) {
    CheckConfig.allowOnly(c, "exponents", "relTol", "event", "badAtol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double[] exps = c.child("exponents").vector(-1);
    if (exps.length < 2) {
      throw c.error("exponents", "need at least two exponents k (e0 = 1e-k)");
    }
    double tol = c.number("relTol", 0.01);
    String event = c.text("event", "escape");
    double badAtol = c.number("badAtol", 1e-12);
    String id = c.text("id", "escapeSlope");
    return ctx -> {
      List<CheckResult> out = new ArrayList<>();
      SystemSpec base = ctx.spec(system, set);
      MarkovSource s = MarkovSpecs.source(base.data());
      double w0 = base.init().child("explicit").number("w");
      double predicted = new ConvergenceRates(s).escapeSlope(w0);
      Sweep good = sweep(ctx, system, set, exps, event, null);
      Sweep bad = sweep(ctx, system, set, exps, event, "integrator.atol=" + badAtol);
      out.add(CheckResult.relative(id, "escape time slope d t_esc / d log(1/e0), e0 = 1e-" + (int) exps[0]
              + " … 1e-" + (int) exps[exps.length - 1] + " (per-block relative atol)", "§3.7",
          predicted, good.slope, tol, good.note));
      out.add(CheckResult.report(id + " fixed atol", "same sweep with a fixed atol = " + badAtol
          + " (above |e0|): the integrator does not control e", "§3.7 / tolerance pitfall",
          CheckResult.fmt(predicted), Double.isNaN(bad.slope) ? "no escape" : CheckResult.fmt(bad.slope),
          bad.note));
      return out;
    };
  }

  private record Sweep(double slope, String note) {}

  private static Sweep sweep(org.gradflow.validate.SuiteContext ctx, String system, List<String> set, double[] exps,
      String event, String extra) {
    double[] x = new double[exps.length];
    double[] y = new double[exps.length];
    int m = 0;
    int warnings = 0;
    long evaluations = 0;
    StringBuilder times = new StringBuilder();
    for (double k : exps) {
      List<String> o = new ArrayList<>(set);
      o.add("init.explicit.e=1e-" + (int) k);
      if (extra != null) {
        o.add(extra);
      }
      RunResult r = MarkovChecks.runQuietly(ctx.spec(system, o));
      warnings += r.warnings().size();
      evaluations += r.stats().rhsEvaluations();
      EventRecord ev = r.firstEvent(event);
      times.append(String.format(Locale.ROOT, " 1e-%d:%s", (int) k, ev == null ? "—" : String.format(Locale.ROOT,
          "%.6g", ev.time())));
      if (ev != null) {
        x[m] = k * Math.log(10);
        y[m++] = ev.time();
      }
    }
    double slope = m >= 2 ? LeastSquaresLine.fit(x, y, m).slope() : Double.NaN;
    return new Sweep(slope, "escape times" + times + "; " + evaluations + " RHS evaluations; " + warnings
        + " engine tolerance warnings");
  }
}
