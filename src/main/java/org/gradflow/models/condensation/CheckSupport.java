package org.gradflow.models.condensation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.models.RunResult;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.SuiteContext;

/** What the condensation checks share: reading ε lists, runs at a given ε, missing events. */
final class CheckSupport {
  private CheckSupport() {}

  /** A check's system, its overrides, and its id/title defaults. */
  record Base(String system, List<String> set, String id, String title) {
    static Base read(SpecSection c, String defaultId, String defaultTitle) {
      return new Base(CheckConfig.system(c), CheckConfig.overrides(c), c.text("id", defaultId),
          c.text("title", defaultTitle));
    }

    List<String> with(String... more) {
      List<String> all = new ArrayList<>(set);
      all.addAll(List.of(more));
      return all;
    }

    /** The full model at ε, with t_end = tEndTimesEpsilon/ε. */
    RunResult runAt(SuiteContext ctx, double eps, double tEndTimesEpsilon, String... more) {
      List<String> all = with(more);
      all.add("init.epsilon=" + eps);
      return ctx.runTo(system, all, tEndTimesEpsilon / eps);
    }

    FlowSystem build(SuiteContext ctx, String... more) {
      return ModelRegistry.build(ctx.spec(system, with(more)));
    }
  }

  static double[] epsilons(SpecSection c) {
    double[] e = c.child("epsilons").vector(-1);
    if (e.length < 2) {
      throw c.error("epsilons", "needs at least two values for a fit");
    }
    for (int i = 0; i < e.length; i++) {
      if (!(e[i] > 0 && e[i] < 1)) {
        throw c.child("epsilons").element(i).error("must be in (0, 1), got " + e[i]);
      }
    }
    return e;
  }

  static CheckResult missing(String id, String title, String source, String event, RunResult r) {
    return CheckResult.condition(id, title, source, "event " + event + " fires", "it did not fire", false,
        "run " + r.spec().name() + " " + r.outcome() + ": " + r.reason());
  }

  static String list(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.10g", v[i]));
    }
    return sb.append(']').toString();
  }
}
