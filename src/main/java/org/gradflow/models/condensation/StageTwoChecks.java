package org.gradflow.models.condensation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.gradflow.core.LeastSquaresLine;
import org.gradflow.core.Svd;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.SuiteContext;

/**
 * §6 checks 6 (pointwise stage-2 rates), 7 (stage-2 ε-scaling) and 8 (plateau loss), each
 * preceded by the LP pre-check: with separable mean features there is no plateau and the
 * stage-2 predictions do not apply, which is reported instead of a meaningless comparison.
 */
final class StageTwoChecks {
  private StageTwoChecks() {}

  /** σ1, σ2 of F* (Eq. 15 at β*), L̃1(β*), or null when the mean features are separable. */
  record Plateau(double sigma1, double sigma2, double loss) {
    static Plateau of(CondensationFlow flow) {
      PlateauProblem p = new PlateauProblem(flow.data(), flow.lossKind());
      if (p.separable()) {
        return null;
      }
      var min = p.minimum();
      int d = flow.data().d();
      Svd svd = Svd.withVectors(d, d);
      svd.decompose(new DMatrixRMaj(d, d, true, p.force(min.getPoint())));
      return new Plateau(svd.sigma(0), d > 1 ? svd.sigma(1) : 0, min.getValue());
    }
  }

  static CheckResult separable(String id) {
    return CheckResult.condition(id + ": LP pre-check", "mean features y_i m_i not linearly separable",
        "spec §1 (b), §8", "not separable", "separable (LP feasible)", false,
        "L̃1 has no minimiser: no plateau, Assumption 2 fails, stage-2 predictions do not apply to this data");
  }

  static Check rate(SpecSection c) {
    CheckConfig.allowOnly(c, "levels", "growthRelTol", "ratioRelTol", "alignAbove");
    CheckSupport.Base b = CheckSupport.Base.read(c, "stage2-rate", "pointwise stage-2 rates");
    double[] levels = c.has("levels") ? c.child("levels").vector(-1) : new double[] {1e-7, 1e-6, 1e-5, 1e-4};
    double growthTol = c.number("growthRelTol", 1e-3);
    double ratioTol = c.number("ratioRelTol", 2e-2);
    double alignAbove = c.number("alignAbove", 0.999);
    return ctx -> {
      StringBuilder ev = new StringBuilder("events=[");
      for (int k = 0; k < levels.length; k++) {
        ev.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT,
            "{\"name\":\"M%d\",\"observable\":\"normM\",\"threshold\":%s,\"direction\":\"up\"}", k,
            Double.toString(levels[k])));
      }
      RunResult r = ctx.run(b.system(), b.with(ev.append(']').toString()));
      CondensationFlow flow = (CondensationFlow) r.system().flow();
      if (new PlateauProblem(flow.data(), flow.lossKind()).separable()) {
        return List.of(separable(b.id()));
      }
      double m0 = r.trajectory().row(0)[r.trajectory().columnIndex("normM")];
      EventRecord esc = r.firstEvent(CondensationEvents.ESCAPE);
      double tEsc = esc == null ? 0 : esc.time();
      List<CheckResult> out = new ArrayList<>();
      String src = "Eq. (14), Thm 3, spec §6.6";
      for (int k = 0; k < levels.length; k++) {
        if (!(levels[k] > 1e3 * m0 && levels[k] < 1e-3)) {
          continue;
        }
        EventRecord e = r.view().firstAfter("M" + k, tEsc);
        if (e == null) {
          out.add(CheckSupport.missing(b.id() + " |M|=" + levels[k], "|M| level", src, "M" + k, r));
          continue;
        }
        double s1 = e.values().get("sigma1F");
        double s2 = e.values().get("sigma2F");
        double align = e.values().get("alignF");
        String note = String.format(Locale.ROOT, "t = %.10g (t − t_esc = %.6g), alignF = %.7f", e.time(), e.time() - tEsc, align);
        CheckResult g = CheckResult.relative(b.id() + ": d ln|M|/dt at |M|=" + levels[k], "= 2σ1(F(θ))", src,
            2 * s1, e.values().get("growthRateM"), growthTol, note);
        CheckResult q = CheckResult.relative(b.id() + ": d ln(σ2/σ1)(M)/dt at |M|=" + levels[k],
            "≈ −2(σ1 − σ2)(F(θ))", src, -2 * (s1 - s2), e.values().get("sigmaRatioRateM"), ratioTol, note);
        if (align < alignAbove) {
          out.add(CheckResult.report(g.id(), g.title() + " (M not yet aligned with F)", src, g.predicted(), g.measured(), note));
          out.add(CheckResult.report(q.id(), q.title() + " (M not yet aligned with F)", src, q.predicted(), q.measured(), note));
        } else {
          out.add(g);
          out.add(q);
        }
      }
      if (out.isEmpty()) {
        out.add(CheckResult.condition(b.id(), "pointwise rates", src, "some level in (1e3|M(0)|, 1e-3)",
            "none of " + CheckSupport.list(levels) + " with |M(0)| = " + CheckResult.fmt(m0), false, ""));
      }
      return out;
    };
  }

  static Check scaling(SpecSection c) {
    CheckConfig.allowOnly(c, "epsilons", "tEndTimesEpsilon", "slopeRelTol", "rankAbsTol", "rankBelow");
    CheckSupport.Base b = CheckSupport.Base.read(c, "stage2-scaling", "stage-2 ε-scaling");
    double[] eps = CheckSupport.epsilons(c);
    double tEndEps = c.number("tEndTimesEpsilon", 40);
    double slopeTol = c.number("slopeRelTol", 1e-4);
    double rankTol = c.number("rankAbsTol", 1e-2);
    double rankBelow = c.number("rankBelow", 1e-4);
    return ctx -> {
      double[] lnInv = new double[eps.length];
      double[] kq = new double[eps.length];
      double[] rank = new double[eps.length];
      double[] lnRatio = new double[eps.length];
      double[] lnEps = new double[eps.length];
      double[] localSigma = new double[eps.length];
      Plateau plateau = null;
      Activation act = null;
      String src = "spec §3 (d)–(e), §6.7";
      List<CheckResult> out = new ArrayList<>();
      for (int k = 0; k < eps.length; k++) {
        RunResult r = b.runAt(ctx, eps[k], tEndEps);
        CondensationFlow flow = (CondensationFlow) r.system().flow();
        if (k == 0) {
          plateau = Plateau.of(flow);
          act = flow.activation();
          if (plateau == null) {
            return List.of(separable(b.id()));
          }
        }
        EventRecord esc = r.firstEvent(CondensationEvents.ESCAPE);
        EventRecord kqE = esc == null ? null : r.view().firstAfter(CondensationEvents.KQ_ACTIVE, esc.time());
        EventRecord rk = esc == null ? null : r.view().firstAfter(CondensationEvents.RANK_COLLAPSE_M, esc.time());
        if (kqE == null) {
          out.add(CheckSupport.missing(b.id() + " ε=" + eps[k], "stage-2 events", src,
              esc == null ? "ESCAPE" : "KQ_ACTIVE", r));
          return out;
        }
        if (rk == null) {
          out.add(CheckSupport.missing(b.id() + " ε=" + eps[k], "rank collapse of M before |M| = 3", src,
              CondensationEvents.RANK_COLLAPSE_M, r));
        }
        lnInv[k] = Math.log(1 / eps[k]);
        lnEps[k] = Math.log(eps[k]);
        kq[k] = kqE.time() - esc.time();
        rank[k] = rk == null ? Double.NaN : rk.time() - esc.time();
        lnRatio[k] = Math.log(kqE.values().get("sigmaRatioM"));
        localSigma[k] = (rk == null ? kqE : rk).values().get("sigma1F");
      }
      double slope = LeastSquaresLine.fit(lnInv, kq).slope();
      String note = "t_kq − t_esc = " + CheckSupport.list(kq) + " at ε = " + CheckSupport.list(eps);
      if (act == Activation.IDENTITY) {
        out.add(CheckResult.relative(b.id() + ": ln(1/ε) slope", "slope of t_kq − t_esc vs ln(1/ε) = 1/σ1(F*)", src,
            1 / plateau.sigma1(), slope, slopeTol, note));
      } else {
        double local = localSigma[localSigma.length - 1];
        out.add(CheckResult.report(b.id() + ": ln(1/ε) slope", "slope vs 1/σ1(F) (tanh: local F at RANK_COLLAPSE_M, else KQ_ACTIVE)", src,
            CheckResult.fmt(1 / local) + " (linear F*: " + CheckResult.fmt(1 / plateau.sigma1()) + ")",
            CheckResult.fmt(slope), note));
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int used = 0;
      for (int k = 0; k < eps.length; k++) {
        if (eps[k] <= rankBelow && !Double.isNaN(rank[k])) {
          min = Math.min(min, rank[k]);
          max = Math.max(max, rank[k]);
          used++;
        }
      }
      if (used >= 2) {
        out.add(CheckResult.condition(b.id() + ": t_rank", "t_rankM − t_esc is ε-independent (ε ≤ " + rankBelow + ")",
            src, "spread ≤ " + CheckResult.fmt(rankTol), "spread " + CheckResult.fmt(max - min),
            max - min <= rankTol, "t_rankM − t_esc = " + CheckSupport.list(rank)));
      }
      out.add(CheckResult.report(b.id() + ": σ2/σ1(M) at t_kq", "slope of ln(σ2/σ1)(M) at t_kq vs ln ε → 2(1 − σ2/σ1)(F*)",
          src + " (converges slowly)", CheckResult.fmt(2 * (1 - plateau.sigma2() / plateau.sigma1())),
          CheckResult.fmt(LeastSquaresLine.fit(lnEps, lnRatio).slope()), "ln(σ2/σ1) = " + CheckSupport.list(lnRatio)));
      return out;
    };
  }

  static Check plateau(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol");
    CheckSupport.Base b = CheckSupport.Base.read(c, "plateau", "plateau loss");
    double relTol = c.number("relTol", 1e-5);
    return ctx -> {
      RunResult r = ctx.run(b.system(), b.set());
      CondensationFlow flow = (CondensationFlow) r.system().flow();
      Plateau p = Plateau.of(flow);
      if (p == null) {
        return List.of(separable(b.id()));
      }
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition(b.id() + ": LP pre-check", "mean features y_i m_i not linearly separable",
          "spec §1 (b)", "not separable", "not separable (LP infeasible)", true,
          "the premise of Assumption 2 holds; it also needs σ1(F*) small against the outer convergence rate (spec §8)"));
      EventRecord esc = r.firstEvent(CondensationEvents.ESCAPE);
      EventRecord pl = esc == null ? null : r.view().firstAfter(CondensationEvents.PLATEAU, esc.time());
      if (pl == null) {
        out.add(CheckSupport.missing(b.id(), "plateau", "Assumption 2", CondensationEvents.PLATEAU, r));
        return out;
      }
      double eps = r.spec().init().number("epsilon");
      String note = String.format(Locale.ROOT, "at PLATEAU t = %.10g; min |∇_out L| = %s = %s·ε", pl.time(),
          CheckResult.fmt(pl.values().get("gradOutNorm")), CheckResult.fmt(pl.values().get("gradOutNorm") / eps));
      if (flow.activation() == Activation.IDENTITY) {
        out.add(CheckResult.relative(b.id() + ": L_plat", "plateau loss = min_β mean exp(−y m β) (Hipparchus CG + Levenberg–Marquardt)",
            "spec §6.8, Assumption 2", p.loss(), pl.values().get("loss"), relTol, note));
      } else {
        out.add(CheckResult.report(b.id() + ": L_plat", "plateau loss vs the linear convex minimum (tanh drifts)",
            "spec §5 PLATEAU", CheckResult.fmt(p.loss()), CheckResult.fmt(pl.values().get("loss")), note));
      }
      return out;
    };
  }
}
