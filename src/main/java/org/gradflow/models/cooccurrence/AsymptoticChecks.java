package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.RunView;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/**
 * Report-only lines: the soft asymptotics of spec §11.2 (implicit bias of logistic gradient flow
 * on the type features: G* ∝ (2, 2, −3), dual weights (7, 5, 5), approached only
 * logarithmically) and the type-level surrogate of §11.1 against the full model.
 */
final class AsymptoticChecks {
  private AsymptoticChecks() {}

  private static final String SRC = "spec §11.2 (derived: max-margin G* ∝ (2,2,−3), α = (7,5,5))";

  static Check asymptotics(SpecSection c) {
    CheckConfig.allowOnly(c);
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    return ctx -> {
      RunView v = ctx.run(system, set).view();
      List<CheckResult> out = new ArrayList<>();
      String at = "at t_end = " + CheckResult.fmt(v.tEnd());
      out.add(CheckResult.report("A1", "G3/G1 and G2/G1 (→ −3/2, 1)", SRC, "−1.5, 1",
          String.format(Locale.ROOT, "%.4g, %.4g", v.last("G3") / v.last("G1"), v.last("G2") / v.last("G1")), at));
      out.add(CheckResult.report("A2", "S1/S2, S3/S2 (→ 7/5, 1), S4/S2 (→ 0)", SRC, "1.4, 1, 0",
          String.format(Locale.ROOT, "%.4g, %.4g, %.4g", v.last("S1") / v.last("S2"), v.last("S3") / v.last("S2"),
              v.last("S4") / v.last("S2")), at));
      out.add(CheckResult.report("A3", "R (→ 3/2)", SRC, "1.5", CheckResult.fmt(v.last("R")), at));
      out.add(CheckResult.report("A4", "ℓ̄2/ℓ̄1 (→ 15/7)", SRC, CheckResult.fmt(15.0 / 7),
          CheckResult.fmt(v.last("lossType2") / v.last("lossType1")), at));
      out.add(CheckResult.report("A5", "−Ġ3/Ġ1 (→ 3/2)", SRC, "1.5",
          CheckResult.fmt(-v.last("Gdot3") / v.last("Gdot1")), at));
      double l1 = v.last("lossType1");
      out.add(CheckResult.report("A6", "ℓ̄4 against ℓ̄1³ (type 4 decays much faster)", SRC, "log ℓ̄4 / log ℓ̄1 → 3",
          CheckResult.fmt(Math.log(v.last("lossType4")) / Math.log(l1)), at));
      return out;
    };
  }

  /** The surrogate (§11.1) against the full model: G at given times and T1. */
  static Check surrogate(SpecSection c) {
    CheckConfig.allowOnly(c, "surrogate", "times");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String sur = c.text("surrogate", null);
    if (sur == null) {
      throw c.error("surrogate", "required: the cooccurrence-surrogate system file");
    }
    double[] times = c.has("times") ? c.child("times").vector(-1) : new double[] {0.02};
    return ctx -> {
      RunView full = ctx.run(system, set).view();
      RunResult rs = ctx.run(sur, List.of());
      RunView s = rs.view();
      List<CheckResult> out = new ArrayList<>();
      for (double t : times) {
        out.add(CheckResult.report("S G(" + CheckResult.fmt(t) + ")", "G1, G2, G3: full model vs surrogate",
            "spec §11.1 (closed type-level system)", surrogateTriple(s, t), surrogateTriple(full, t),
            "predicted = surrogate, measured = full model"));
      }
      out.add(CheckResult.report("S T1", "T1: full model vs surrogate", "spec §11.1",
          CheckResult.fmt(s.persistentOrFirstTime("E_T1")), CheckResult.fmt(full.persistentOrFirstTime("E_T1")), ""));
      out.add(CheckResult.report("S loss(t_end)", "loss at t_end: full vs surrogate (random-word memorization lowers the full one)",
          "spec §11.1", CheckResult.fmt(s.last("loss")), CheckResult.fmt(full.last("loss")), ""));
      return out;
    };
  }

  private static String surrogateTriple(RunView v, double t) {
    return String.format(Locale.ROOT, "(%.4g, %.4g, %.4g)", v.at("G1", t), v.at("G2", t), v.at("G3", t));
  }
}
