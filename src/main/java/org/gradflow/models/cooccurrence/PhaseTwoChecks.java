package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.RunView;
import org.gradflow.core.LeastSquaresLine;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/** V10–V16: Phase 2 (Theorem 3.2, Lemmas 4.4/4.5, F.10, F.16, Theorem F.8, Theorem 3.3). */
final class PhaseTwoChecks {
  private PhaseTwoChecks() {}

  private static double t1(RunView v) {
    return v.persistentOrFirstTime("E_T1");
  }

  private static List<CheckResult> noT1(String id, RunResult r) {
    return List.of(CheckResult.condition(id, "needs the phase transition E_T1", "Thm 3.1", "E_T1 fires",
        "E_T1 never fired", false, "outcome " + r.outcome() + ": " + r.reason()));
  }

  /** V10: the seven derivative signs of Thm 3.2 items 1–2 on [1.1·T1, t_end]. */
  static Check v10(SpecSection c) {
    CheckConfig.allowOnly(c, "after");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double after = c.number("after", 1.1);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V10", r);
      }
      List<CheckResult> out = new ArrayList<>();
      RunView.Share a = v.share("attentionTrend", after * t1, v.tEnd(), x -> x > 0);
      RunView.Share b = v.share("valueTrend", after * t1, v.tEnd(), x -> x > 0);
      out.add(CheckResult.condition("V10 attention", "KQ21, KQ12 ↑ and KQ31, KQ32 ↓ on [" + after + "·T1, t_end]",
          "Thm 3.2 item 1, Lemma F.16", "all four signs at every grid point",
          String.format(Locale.ROOT, "%.1f%% of %d points; min of e = %.3g", 100 * a.fraction(), a.samples(),
              v.min("attentionTrend", after * t1, v.tEnd())), a.fraction() == 1.0,
          eventNote(v, "E_attn")));
      out.add(CheckResult.condition("V10 value", "VV12, VV11, VV22 ↑ and VV13, VV23 ↓ on [" + after + "·T1, t_end]",
          "Thm 3.2 item 2, Cor. F.13", "all five signs at every grid point",
          String.format(Locale.ROOT, "%.1f%% of %d points; min of e = %.3g", 100 * b.fraction(), b.samples(),
              v.min("valueTrend", after * t1, v.tEnd())), b.fraction() == 1.0,
          eventNote(v, "E_value")));
      return out;
    };
  }

  /** V11: automatic balancing (Lemmas 4.4, 4.5; Def. F.1 item 6). */
  static Check v11(SpecSection c) {
    CheckConfig.allowOnly(c, "balanceTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    Double balanceTol = c.has("balanceTol") ? c.number("balanceTol") : null;
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V11", r);
      }
      double te = v.tEnd();
      List<CheckResult> out = new ArrayList<>();
      double lo = v.min("S2overS3", t1, te);
      double hi = v.max("S2overS3", t1, te);
      out.add(CheckResult.condition("V11 S2/S3", "type-2/3 balance for t ≥ T1", "Lemma 4.4 / F.5, Def. F.1 item 6",
          "S2/S3 ∈ [1/2, 2]", String.format(Locale.ROOT, "[%.5g, %.5g]", lo, hi), lo >= 0.5 && hi <= 2, ""));
      if (balanceTol != null) {
        double dev = Math.max(Math.abs(lo - 1), Math.abs(hi - 1));
        out.add(CheckResult.condition("V11 S2/S3 tight", "S2/S3 close to 1 (ST)", "Lemma 4.4 (C ≪ 1)",
            "|S2/S3 − 1| ≤ " + balanceTol, CheckResult.fmt(dev), dev <= balanceTol, ""));
      }
      double[] ord = ordering(v, t1, te);
      out.add(CheckResult.condition("V11 order", "S4 ≤ min(S2,S3) ≤ max(S2,S3) ≤ S1 ≤ S2+S3+S4 for t ≥ T1",
          "Def. F.1 item 6", "at every grid point", String.format(Locale.ROOT, "%.1f%% of %d points", 100 * ord[0], (int) ord[1]),
          ord[0] == 1.0, ""));
      double rLo = v.min("R", 2 * t1, te);
      double rHi = v.max("R", 2 * t1, te);
      out.add(CheckResult.condition("V11 R", "R = (S2+S3+S4−S1)/(S1−S2) for t ≥ 2·T1", "Lemma 4.5 / F.6 (proof device)",
          "R ∈ [1, 3]", String.format(Locale.ROOT, "[%.4g, %.4g]", rLo, rHi), rLo >= 1 && rHi <= 3, ""));
      double lLo = v.min("R", te / 2, te);
      double lHi = v.max("R", te / 2, te);
      out.add(CheckResult.condition("V11 R late", "R settles in (1, 2) late (t ≥ t_end/2)", "Lemma 4.5 (root R* ∈ (1,2))",
          "R ∈ (1, 2)", String.format(Locale.ROOT, "[%.4g, %.4g]", lLo, lHi), lLo > 1 && lHi < 2,
          "derived asymptote 3/2 (spec §11.2)"));
      double rMin = v.min("gradientRatio", t1, te);
      double upper = PhaseOneChecks.upperBand(v, t1, te)[0];
      double cStar = Math.min(rMin - 1, 1 - upper);
      out.add(CheckResult.condition("V11 C", "(1+C)·max(Ġ1,Ġ2) ≤ −Ġ3 ≤ (1−C)(Ġ1+Ġ2) for t ≥ T1", "Lemma 4.5 / F.6",
          "some C > 0", String.format(Locale.ROOT, "largest C = %.4g (min r = %.4g, max −Ġ3/(Ġ1+Ġ2) = %.4g)", cStar, rMin, upper),
          cStar > 0, ""));
      return out;
    };
  }

  private static double[] ordering(RunView v, double from, double to) {
    double[] s1 = v.column("S1");
    double[] s2 = v.column("S2");
    double[] s3 = v.column("S3");
    double[] s4 = v.column("S4");
    int n = 0;
    int ok = 0;
    for (int i = 0; i < v.size(); i++) {
      if (v.time(i) >= from && v.time(i) <= to) {
        n++;
        boolean good = s4[i] <= Math.min(s2[i], s3[i]) && Math.max(s2[i], s3[i]) <= s1[i]
            && s1[i] <= s2[i] + s3[i] + s4[i];
        ok += good ? 1 : 0;
      }
    }
    return new double[] {n == 0 ? Double.NaN : (double) ok / n, n};
  }

  /** V12: Theorem F.8: 1/L̂ linear in t, slope Θ(U), κ in a narrow band. */
  static Check v12(SpecSection c) {
    CheckConfig.allowOnly(c, "minR2", "kappaSpread");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double minR2 = c.number("minR2", 0.99);
    double spread = c.number("kappaSpread", 1.5);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V12", r);
      }
      double from = 2 * t1;
      double te = v.tEnd();
      double[] loss = v.column("loss");
      LeastSquaresLine inverseLoss = new LeastSquaresLine();
      for (int i = 0; i < v.size(); i++) {
        if (v.time(i) >= from) {
          inverseLoss.add(v.time(i), 1 / loss[i]);
        }
      }
      long n = inverseLoss.n();
      double slope = inverseLoss.slope();
      double r2 = inverseLoss.rSquared();
      double u = v.last("U");
      double kLo = v.min("kappa", from, te);
      double kHi = v.max("kappa", from, te);
      String src = "Thm F.8: L̂(t) = 1/(Θ(σ1²mm1)(t − T1) + 1/L̂(T1))";
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V12 R²", "1/L̂ linear in t on [2·T1, t_end]", src, "R² ≥ " + minR2,
          CheckResult.fmt(r2), r2 >= minR2, n + " grid points, slope " + CheckResult.fmt(slope)));
      out.add(CheckResult.condition("V12 slope", "slope of 1/L̂ over U", src, "∈ [0.05, 0.5]",
          CheckResult.fmt(slope / u), slope / u >= 0.05 && slope / u <= 0.5, "U(t_end) = " + CheckResult.fmt(u)));
      out.add(CheckResult.condition("V12 κ", "κ = ‖θ̇‖²/(U L̂²) in a narrow band on [2·T1, t_end]", src,
          "max/min ≤ " + spread, String.format(Locale.ROOT, "κ ∈ [%.4g, %.4g], ratio %.4g", kLo, kHi, kHi / kLo),
          kHi / kLo <= spread, ""));
      return out;
    };
  }

  /** V13: U nearly constant in Phase 2 (Lemma F.10); report-only where m ≫ m1 fails. */
  static Check v13(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol", "reportOnly");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("relTol", 0.05);
    boolean reportOnly = c.bool("reportOnly", false);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V13", r);
      }
      double uT1 = v.at("U", t1);
      double dev = Math.max(Math.abs(v.max("U", t1, v.tEnd()) / uT1 - 1), Math.abs(v.min("U", t1, v.tEnd()) / uT1 - 1));
      String measured = String.format(Locale.ROOT, "max |U/U(T1) − 1| = %.4g (U: %.4g → %.4g)", dev, uT1, v.last("U"));
      if (reportOnly) {
        return List.of(CheckResult.report("V13", "U(t)/U(T1) over Phase 2 (report only: m < m1 here)", "Lemma F.10",
            "small when m ≫ m1", measured, ""));
      }
      return List.of(CheckResult.condition("V13", "U(t)/U(T1) over Phase 2", "Lemma F.10",
          "|U/U(T1) − 1| ≤ " + tol, measured, dev <= tol, ""));
    };
  }

  /** V14: target–target score grows like ∫L̂ (Lemma F.16), attention stays near uniform (Cor. F.17). */
  static Check v14(SpecSection c) {
    CheckConfig.allowOnly(c, "factor");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double factor = c.number("factor", 2.0);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V14", r);
      }
      double k0 = v.at("KQ21", t1);
      double[] kq = v.column("KQ21");
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (int i = 0; i < v.size(); i++) {
        if (v.time(i) >= 10 * t1) {
          double ratio = (kq[i] - k0) / v.integral("loss", t1, v.time(i));
          lo = Math.min(lo, ratio);
          hi = Math.max(hi, ratio);
          n++;
        }
      }
      CooccurrenceFlow f = (CooccurrenceFlow) r.system().flow();
      int len = f.data().length();
      double p = v.maxAbs("attentionDrift", 0, v.tEnd());
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V14 growth", "ΔKQ21 since T1 over ∫_{T1}^t L̂ dτ on [10·T1, t_end]",
          "Lemma F.16, Thm 3.3 (log-t growth)", "max/min ≤ " + factor,
          String.format(Locale.ROOT, "ratio ∈ [%.4g, %.4g], max/min %.4g over %d points", lo, hi, hi / lo, n),
          lo > 0 && hi / lo <= factor, "integral by the trapezoid rule on the log grid"));
      // the spec's [SIM] form: the same ratio on successive windows (not cumulative from T1)
      StringBuilder w = new StringBuilder();
      double a = 10 * t1;
      while (a < v.tEnd()) {
        double b = Math.min(v.tEnd(), a * Math.sqrt(10));
        w.append(String.format(Locale.ROOT, "[%.3g, %.3g]: %.3g; ", a, b,
            (v.at("KQ21", b) - v.at("KQ21", a)) / v.integral("loss", a, b)));
        a = b;
      }
      out.add(CheckResult.report("V14 windows", "ΔKQ21 / ∫L̂ dτ on successive windows (half decades)",
          "Lemma F.16", "about constant", w.toString().trim(),
          String.format(Locale.ROOT, "G1 grows from %.3g at T1 to %.3g at t_end: the Θ̃ rate constant carries the "
              + "spread of G over the tokens", v.at("G1", t1), v.last("G1"))));
      out.add(CheckResult.condition("V14 p", "max|p(t) − p(0)| over the run", "Cor. F.17, Def. F.1 item 2",
          "≤ 1/L² = " + CheckResult.fmt(1.0 / (len * len)), CheckResult.fmt(p), p <= 1.0 / (len * len), ""));
      return out;
    };
  }

  /** V15: the final attention W_KᵀW_Q − init = Σ C µµᵀ has the signs of Eq. (3) (Thm 3.3). */
  static Check v15(SpecSection c) {
    CheckConfig.allowOnly(c, "randomRatio");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double ratio = c.number("randomRatio", 0.2);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      CooccurrenceFlow f = (CooccurrenceFlow) r.system().flow();
      double[] th0 = r.system().initialState();
      double[] th = r.finalState();
      boolean[] used = f.data().usedTokens();
      int d = f.data().vocabulary();
      int m = f.m();
      int offK = f.m1() * m + m * d;
      int offQ = offK + m * d;
      double[][] change = new double[d][d];
      List<Double> randomPairs = new ArrayList<>();
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          if (!used[a] || !used[b]) {
            continue;
          }
          double s = 0;
          for (int row = 0; row < m; row++) {
            s += th[offK + row * d + a] * th[offQ + row * d + b] - th0[offK + row * d + a] * th0[offQ + row * d + b];
          }
          change[a][b] = s;
          if (a >= 3 || b >= 3) {
            randomPairs.add(Math.abs(s));
          }
        }
      }
      double c12 = change[0][1];
      double c21 = change[1][0];
      double c31 = change[2][0];
      double c32 = change[2][1];
      double[] rp = randomPairs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = rp.length == 0 ? 0 : rp[rp.length / 2];
      double minMain = Math.min(Math.min(Math.abs(c12), Math.abs(c21)), Math.min(Math.abs(c31), Math.abs(c32)));
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V15 signs", "C12, C21 > 0 and C31, C32 < 0 at t_end (key first)", "Thm 3.3, Eq. (3)",
          "signs (+, +, −, −)", String.format(Locale.ROOT, "C12 = %.4g, C21 = %.4g, C31 = %.4g, C32 = %.4g", c12, c21, c31, c32),
          c12 > 0 && c21 > 0 && c31 < 0 && c32 < 0, "t_end = " + CheckResult.fmt(r.finalTime())));
      out.add(CheckResult.condition("V15 random", "random-word coefficients smaller", "Thm 3.3 (factor ≈ n smaller)",
          "median |C| over pairs with a random word ≤ " + ratio + "·min main |C|",
          String.format(Locale.ROOT, "median %.4g = %.4g × min main (max %.4g, %d pairs)", median, median / minMain,
              rp.length == 0 ? 0 : rp[rp.length - 1], rp.length), median <= ratio * minMain,
          "uncharacterized: C13, C23, C11, C22, C33 = " + String.format(Locale.ROOT, "%.3g, %.3g, %.3g, %.3g, %.3g",
              change[0][2], change[1][2], change[0][0], change[1][1], change[2][2])));
      return out;
    };
  }

  /** V16: the AND-logic margins of the MLP (Thm 3.2 item 4) and Θ(1) ratios (Cor. F.7). */
  static Check v16(SpecSection c) {
    CheckConfig.allowOnly(c, "after");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double after = c.number("after", 3.0);
    return ctx -> {
      RunResult r = ctx.run(system, set);
      RunView v = r.view();
      double t1 = t1(v);
      if (!Double.isFinite(t1)) {
        return noT1("V16", r);
      }
      RunView.Share and = v.share("andMargin", after * t1, v.tEnd(), x -> x > 0);
      double[] g1 = v.column("G1");
      double[] g2 = v.column("G2");
      double[] g3 = v.column("G3");
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (int i = 0; i < v.size(); i++) {
        if (v.time(i) >= t1) {
          for (double x : new double[] {g1[i] / g2[i], g1[i] / -g3[i]}) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          }
        }
      }
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("V16 AND", "G1+G2+G3 > 0, G1+G3 < 0, G2+G3 < 0 (and signs) for t ≥ " + after + "·T1",
          "Thm 3.2 item 4", "at every grid point",
          String.format(Locale.ROOT, "%.1f%% of %d points", 100 * and.fraction(), and.samples()), and.fraction() == 1.0,
          eventNote(v, "E_AND")));
      out.add(CheckResult.condition("V16 ratios", "G1/G2 and G1/(−G3) for t ≥ T1", "Cor. F.7",
          "∈ [1/4, 4]", String.format(Locale.ROOT, "[%.4g, %.4g]", lo, hi), lo >= 0.25 && hi <= 4, ""));
      return out;
    };
  }

  private static String eventNote(RunView v, String event) {
    double t = v.persistentOrFirstTime(event);
    return Double.isFinite(t) ? event + " (first persistent crossing) at t = " + CheckResult.fmt(t)
        : event + " not located in this run (not among params.builtinEvents, or never fired)";
  }
}
