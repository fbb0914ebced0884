package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.RunView;
import org.gradflow.core.LeastSquaresLine;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/** V4–V9: Phase 1 (Theorem 3.1 / E.26–E.28, Lemmas 4.1–4.3). */
final class PhaseOneChecks {
  private PhaseOneChecks() {}

  private static CheckResult noT1(String id, RunResult r) {
    return CheckResult.condition(id, "needs the phase transition E_T1", "Thm 3.1", "E_T1 fires",
        "E_T1 never fired", false, "outcome " + r.outcome() + ": " + r.reason());
  }

  /** V4: T1·σ1²·m·m1 constant over several m (Thm E.26: T1 = C_T1/(σ1² m m1)); needs "systems". */
  static Check v4(SpecSection c) {
    CheckConfig.allowOnly(c, "systems", "band");
    List<String> set = CheckConfig.overrides(c);
    SpecSection list = c.child("systems");
    if (!list.node().isArray() || list.node().size() < 2) {
      throw list.error("must list at least two system files (the m sweep)");
    }
    List<String> systems = new ArrayList<>();
    list.node().forEach(x -> systems.add(x.asText()));
    double band = c.number("band", 0.25);
    return ctx -> {
      double[] ms = new double[systems.size()];
      double[] t1 = new double[systems.size()];
      double[] prod = new double[systems.size()];
      StringBuilder sb = new StringBuilder();
      double mean = 0;
      for (int k = 0; k < systems.size(); k++) {
        SystemSpec spec = ctx.spec(systems.get(k), set);
        Instance inst = InstanceReader.read(spec);
        RunView v = ctx.run(systems.get(k), set).view();
        ms[k] = inst.m();
        t1[k] = v.persistentOrFirstTime("E_T1");
        prod[k] = t1[k] * inst.sigma1() * inst.sigma1() * inst.m() * inst.m1();
        mean += prod[k] / systems.size();
        sb.append(String.format(Locale.ROOT, "m=%d: T1=%.5g, T1·σ1²mm1=%.4g; ", inst.m(), t1[k], prod[k]));
      }
      double dev = 0;
      for (double p : prod) {
        dev = Math.max(dev, Math.abs(p / mean - 1));
      }
      // log–log slope of T1 against m (predicted −1 at fixed σ1² m1)
      int n = ms.length;
      LeastSquaresLine logLog = new LeastSquaresLine();
      for (int k = 0; k < n; k++) {
        logLog.add(Math.log(ms[k]), Math.log(t1[k]));
      }
      double slope = logLog.slope();
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V4", "Phase-1 length scales as 1/(σ1² m m1)", "Thm E.26, Thm 3.1 (T1 = Õ(1/m))",
          "T1·σ1²·m·m1 constant within ±" + Math.round(band * 100) + "%",
          String.format(Locale.ROOT, "mean %.4g, max deviation %.1f%%", mean, 100 * dev),
          Double.isFinite(dev) && dev <= band, sb.toString().trim()));
      out.add(CheckResult.report("V4 slope", "log–log slope of T1 against m", "Thm E.26",
          "−1", CheckResult.fmt(slope), "least-squares fit over " + n + " systems"));
      return out;
    };
  }

  /** V5: initial gradients Ġ1,2(0) ≈ (U(0) + m1‖v(µ_k)‖²)/6 and |Ġ3(0)| small (Lemmas 4.1, 4.2). */
  static Check v5(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol", "commonRatio");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double relTol = c.number("relTol", 0.10);
    double ratio = c.number("commonRatio", 0.05);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      int m1 = ((CooccurrenceFlow) r.system().flow()).m1();
      double u0 = v.first("U");
      List<CheckResult> out = new ArrayList<>();
      for (int k = 1; k <= 2; k++) {
        double predicted = (u0 + m1 * v.first("VV" + k + k)) / 6;
        out.add(CheckResult.relative("V5 Ġ" + k + "(0)", "initial growth of G(µ" + k + ")",
            "Lemma 4.1 / E.4 (with exact type fractions, spec §11.3)", predicted, v.first("Gdot" + k), relTol,
            "U(0) = " + CheckResult.fmt(u0)));
      }
      double g3 = Math.abs(v.first("Gdot3"));
      double g1 = v.first("Gdot1");
      out.add(CheckResult.condition("V5 Ġ3(0)", "common token's initial gradient is small", "Lemma 4.2 / E.16",
          "|Ġ3(0)| ≤ " + ratio + "·Ġ1(0)", String.format(Locale.ROOT, "|Ġ3(0)|/Ġ1(0) = %.4g", g3 / g1),
          g3 <= ratio * g1, "Ġ(0) = (" + CheckResult.fmt(g1) + ", " + CheckResult.fmt(v.first("Gdot2")) + ", "
              + CheckResult.fmt(v.first("Gdot3")) + ")"));
      return out;
    };
  }

  /** V6: at T1: G1, G2 > 0 > G3, L̂(T1) = Θ(1), U nearly unchanged (Thm 3.1, E.27). */
  static Check v6(SpecSection c) {
    CheckConfig.allowOnly(c, "lossBand", "uGrowthMax");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double[] band = c.has("lossBand") ? c.child("lossBand").vector(2) : new double[] {0.1, 0.7};
    Double uMax = c.has("uGrowthMax") ? c.number("uGrowthMax") : null;
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      EventRecord e = v.persistentOrFirst("E_T1");
      if (e == null) {
        return List.of(noT1("V6", r));
      }
      var x = e.values();
      double g1 = x.get("G1");
      double g2 = x.get("G2");
      double g3 = x.get("G3");
      double loss = x.get("loss");
      double du = x.get("U") / v.first("U") - 1;
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V6 signs", "MLP aligned at T1", "Thm 3.1 item 1, Thm E.27",
          "G1, G2 > 0 > G3", String.format(Locale.ROOT, "G = (%.4g, %.4g, %.4g) at T1 = %.5g", g1, g2, g3, e.time()),
          g1 > 0 && g2 > 0 && g3 < 0, "E_T1 persisted: " + e.persisted()));
      out.add(CheckResult.condition("V6 loss", "loss still Θ(1) at T1", "Thm 3.1 item 4",
          "L̂(T1) ∈ [" + band[0] + ", " + band[1] + "]", CheckResult.fmt(loss), loss >= band[0] && loss <= band[1], ""));
      if (uMax != null) {
        out.add(CheckResult.condition("V6 U", "U = ‖Wᵀa‖² nearly constant over Phase 1", "Thm E.27",
            "U(T1)/U(0) − 1 ≤ " + uMax, CheckResult.fmt(du), du <= uMax, ""));
      } else {
        out.add(CheckResult.report("V6 U", "U(T1)/U(0) − 1 (report only: App.-A sizes violate m ≫ m1)",
            "Thm E.27", "small when m ≫ m1", CheckResult.fmt(du), ""));
      }
      return out;
    };
  }

  /** V7: attention and Grams nearly frozen over [0, T1] (Thm E.28, Cor. E.24). */
  static Check v7(SpecSection c) {
    CheckConfig.allowOnly(c, "c");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double cc = c.number("c", 1.0);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = v.persistentOrFirstTime("E_T1");
      if (!Double.isFinite(t1)) {
        return List.of(noT1("V7", r));
      }
      CooccurrenceFlow f = (CooccurrenceFlow) r.system().flow();
      double m = f.m();
      int len = f.data().length();
      double kq = maxOver(v, "dKQ", t1, true);
      double vv = maxOver(v, "dVV", t1, false);
      double kk = Math.max(maxOver(v, "dKK", t1, false), maxOver(v, "dQQ", t1, false));
      double p = v.maxAbs("attentionDrift", 0, t1);
      double kqBound = Math.pow(m, -1.5) * (1.0 / len + 1 / Math.sqrt(m));
      String src = "Thm E.28 (table), Cor. E.24";
      List<CheckResult> out = new ArrayList<>();
      out.add(bound("V7 KQ", "max|ΔKQ| among µ1..µ3 over [0, T1]", src, kq, kqBound, "m^{-3/2}(1/L + m^{-1/2})"));
      out.add(bound("V7 VV", "max|ΔVV| among µ1..µ3 over [0, T1]", src, vv, cc / m, cc + "/m"));
      out.add(bound("V7 KK/QQ", "max|ΔKK|, |ΔQQ| among µ1..µ3 over [0, T1]", src, kk, cc / (m * m), cc + "/m²"));
      out.add(bound("V7 p", "max|p − p(0)| over [0, T1]", "Cor. D.2, Prop. E.3", p, 1 / (len * m), "1/(Lm)"));
      return out;
    };
  }

  private static CheckResult bound(String id, String title, String src, double measured, double bound, String what) {
    return CheckResult.condition(id, title, src, "≤ " + what + " = " + CheckResult.fmt(bound),
        CheckResult.fmt(measured), measured <= bound, String.format(Locale.ROOT, "ratio %.3g", measured / bound));
  }

  private static double maxOver(RunView v, String prefix, double t1, boolean all) {
    double mx = 0;
    for (int a = 1; a <= 3; a++) {
      for (int b = all ? 1 : a; b <= 3; b++) {
        mx = Math.max(mx, v.maxAbs(prefix + a + b, 0, t1));
      }
    }
    return mx;
  }

  /** V8: the one-target losses rise, peak inside Phase 1, then fall (Fig. 1(b), Lemmas 4.2/4.3). */
  static Check v8(SpecSection c) {
    CheckConfig.allowOnly(c);
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = v.persistentOrFirstTime("E_T1");
      List<CheckResult> out = new ArrayList<>();
      for (int k = 2; k <= 3; k++) {
        EventRecord bump = r.firstEvent("E_bump_" + k);
        double l0 = v.first("lossType" + k);
        if (bump == null) {
          out.add(CheckResult.condition("V8 type " + k, "type-" + k + " loss rises then falls in Phase 1",
              "Fig. 1(b), Lemmas 4.2/4.3", "peak at 0 < t < T1 above ℓ̄(0)", "no peak (E_bump_" + k + " never fired)",
              false, "ℓ̄(0) = " + CheckResult.fmt(l0)));
          continue;
        }
        double peak = bump.values().get("lossType" + k);
        boolean ok = bump.time() > 0 && bump.time() < t1 && peak > l0;
        out.add(CheckResult.condition("V8 type " + k, "type-" + k + " loss rises then falls in Phase 1",
            "Fig. 1(b), Lemmas 4.2/4.3", "peak at 0 < t < T1 = " + CheckResult.fmt(t1) + ", above ℓ̄(0) = " + CheckResult.fmt(l0),
            String.format(Locale.ROOT, "peak %.5g at t = %.5g", peak, bump.time()), ok, ""));
      }
      return out;
    };
  }

  /** V9: the common-token crossover T0.5 < T1 and the Lemma 4.3 band on [T0.5, T1]. */
  static Check v9(SpecSection c) {
    CheckConfig.allowOnly(c);
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = v.persistentOrFirstTime("E_T1");
      double t05 = v.persistentOrFirstTime("E_T0.5");
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V9 T0.5", "common-token crossover before T1", "Lemma 4.3 / Thm E.19",
          "T0.5 < T1", String.format(Locale.ROOT, "T0.5 = %.5g, T1 = %.5g", t05, t1),
          Double.isFinite(t05) && t05 < t1, "T0.5: first crossing of −Ġ3 = max(Ġ1, Ġ2) that persists, else the first"));
      if (Double.isFinite(t05) && t05 < t1) {
        double rMin = v.min("gradientRatio", t05, t1);
        double rMax = v.max("gradientRatio", t05, t1);
        double[] upper = upperBand(v, t05, t1);
        out.add(CheckResult.condition("V9 band", "−Ġ3 between max(Ġ1,Ġ2) and Ġ1+Ġ2 on [T0.5, T1]", "Lemma 4.3",
            "r = −Ġ3/max(Ġ1,Ġ2) ∈ (1, 2) and −Ġ3 ≤ Ġ1+Ġ2",
            String.format(Locale.ROOT, "r ∈ [%.4g, %.4g]; max −Ġ3/(Ġ1+Ġ2) = %.4g over %d grid points", rMin, rMax,
                upper[0], (int) upper[1]),
            rMin > 1 && rMax < 2 && upper[0] <= 1, "grid points inside [T0.5, T1] only"));
      }
      return out;
    };
  }

  /** max over grid points in [from, to] of −Ġ3/(Ġ1+Ġ2), and the count. */
  static double[] upperBand(RunView v, double from, double to) {
    double[] g1 = v.column("Gdot1");
    double[] g2 = v.column("Gdot2");
    double[] g3 = v.column("Gdot3");
    double mx = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (int i = 0; i < v.size(); i++) {
      if (v.time(i) >= from && v.time(i) <= to) {
        mx = Math.max(mx, -g3[i] / (g1[i] + g2[i]));
        n++;
      }
    }
    return new double[] {mx, n};
  }
}
