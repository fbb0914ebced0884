package org.gradflow.models.condensation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.SuiteContext;

/** §6 checks 3 (Eq. 7 blow-up law), 4 (stage-1 ε-scaling, escape profile) and 5 (condensation time). */
final class StageOneChecks {
  private StageOneChecks() {}

  /** E crossing 1e4, 1e6, 1e8, 1e10: where E(T̄* − t̄)³ is read off. */
  static final String LEVEL_EVENTS = "[{\"name\":\"E4\",\"observable\":\"E\",\"threshold\":1e4,\"direction\":\"up\"},"
      + "{\"name\":\"E6\",\"observable\":\"E\",\"threshold\":1e6,\"direction\":\"up\"},"
      + "{\"name\":\"E8\",\"observable\":\"E\",\"threshold\":1e8,\"direction\":\"up\"},"
      + "{\"name\":\"E10\",\"observable\":\"E\",\"threshold\":1e10,\"direction\":\"up\"}]";

  /** Blow-up time and t̄_cond of Eq. (7) from the system's θ̄0. */
  record Effective(double tStar, double tCond, RunResult run) {
    static Effective of(SuiteContext ctx, CheckSupport.Base b, double tEnd) {
      RunResult r = ctx.run(b.system(), b.with("model=condensation-stage1", "integrator.tEnd=" + tEnd,
          "integrator.atol=1e-14", "integrator.grid.linear=2000", "events=" + LEVEL_EVENTS));
      EventRecord blow = r.firstEvent(EffectiveDynamicsFamily.BLOWUP);
      double tStar = blow == null ? Double.NaN : blow.time() + Math.pow(blow.values().get("E"), -1.0 / 3);
      return new Effective(tStar, r.view().firstTime(CondensationEvents.COND_V), r);
    }
  }

  static Check blowup(SpecSection c) {
    CheckConfig.allowOnly(c, "tEnd", "productTol", "lawTol");
    CheckSupport.Base b = CheckSupport.Base.read(c, "blowup", "effective dynamics Eq. (7)");
    double tEnd = c.number("tEnd", 5);
    double productTol = c.number("productTol", 1e-3);
    double lawTol = c.number("lawTol", 1e-9);
    return ctx -> {
      Effective eff = Effective.of(ctx, b, tEnd);
      RunResult r = eff.run();
      String src = "Thm 1, Prop. 2, spec §6.3";
      if (Double.isNaN(eff.tStar())) {
        return List.of(CheckSupport.missing(b.id(), "finite-time blow-up", src, EffectiveDynamicsFamily.BLOWUP, r));
      }
      Trajectory tr = r.trajectory();
      double[] t = tr.times();
      double[] e = tr.column("E");
      double[] ratio = tr.column("blowupRateRatio");
      double minRatio = Double.POSITIVE_INFINITY;
      double product = Double.NaN;
      double tProduct = Double.NaN;
      int iMid = 0;
      for (int i = 0; i < t.length; i++) {
        if (e[i] > 0) {
          minRatio = Math.min(minRatio, ratio[i]);
        }
        if (e[i] < 1e3) {
          iMid = i;
        }
      }
      StringBuilder profile = new StringBuilder();
      for (String level : new String[] {"E4", "E6", "E8", "E10"}) {
        EventRecord ev = r.firstEvent(level);
        if (ev != null) {
          product = ev.values().get("E") * Math.pow(eff.tStar() - ev.time(), 3);
          tProduct = ev.time();
          profile.append(level).append(": ").append(CheckResult.fmt(product)).append("; ");
        }
      }
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition(b.id() + ": rate bound", "dE/dt̄ ≥ 3E^{4/3} wherever E > 0", src, "min ratio ≥ 1",
          CheckResult.fmt(minRatio), minRatio >= 1 - lawTol, "over " + t.length + " samples"));
      out.add(CheckResult.absolute(b.id() + ": ratio → 1", "dE/dt̄ / 3E^{4/3} at the blow-up event", src, 1,
          tr.last("blowupRateRatio"), productTol, ""));
      out.add(CheckResult.absolute(b.id() + ": E(T̄*−t̄)³", "E (T̄* − t̄)³ → 1", src, 1, product, productTol,
          String.format(Locale.ROOT, "at E = 1e10, t̄ = %.10g, T̄* = %.10g (t̄ + E^{-1/3} at E = 1e12); E(T̄*−t̄)³ at E = 1e4…1e10: %s",
              tProduct, eff.tStar(), profile)));
      double e0 = e[0];
      if (e0 > 0) {
        out.add(CheckResult.condition(b.id() + ": T̄* bound", "T̄* ≤ E(0)^{-1/3}", src,
            "≤ " + CheckResult.fmt(Math.pow(e0, -1.0 / 3)), CheckResult.fmt(eff.tStar()),
            eff.tStar() <= Math.pow(e0, -1.0 / 3), ""));
      } else {
        out.add(CheckResult.report(b.id() + ": T̄* bound", "T̄* ≤ E(0)^{-1/3}", src, "applies only if E(0) > 0",
            "E(0) = " + CheckResult.fmt(e0) + ", T̄* = " + CheckResult.fmt(eff.tStar()), ""));
      }
      EffectiveDynamicsFlow flow = (EffectiveDynamicsFlow) r.system().flow();
      double[] c0 = flow.balances(r.system().initialState());
      double[] c1 = flow.balances(tr.state(iMid));
      double drift = 0;
      for (int k = 0; k < c0.length; k++) {
        drift = Math.max(drift, Math.abs(c1[k] - c0[k]));
      }
      double scale = Math.pow(e[iMid], 2.0 / 3);
      out.add(CheckResult.absolute(b.id() + ": Prop. 2", "row/column balances of w_v, W1, W2 conserved", src, 0,
          drift / scale, lawTol, "drift / E^{2/3} at t̄ = " + CheckResult.fmt(t[iMid]) + " (E = " + CheckResult.fmt(e[iMid]) + ")"));
      out.add(CheckResult.condition(b.id() + ": condensation", "min_k |cos(W_V[:,k], v)| → 1 at blow-up", "Thm 2",
          "> 0.999", CheckResult.fmt(tr.last("minColCosV")), tr.last("minColCosV") > 0.999, ""));
      return out;
    };
  }

  static Check scaling(SpecSection c) {
    CheckConfig.allowOnly(c, "epsilons", "tEndTimesEpsilon", "escRelTol", "offsetRelTol", "condRelTol", "condBelow",
        "profileRelTol");
    CheckSupport.Base b = CheckSupport.Base.read(c, "stage1-scaling", "stage-1 ε-scaling");
    double[] eps = CheckSupport.epsilons(c);
    double tEndEps = c.number("tEndTimesEpsilon", 40);
    double escTol = c.number("escRelTol", 1e-4);
    double offsetTol = c.number("offsetRelTol", 1e-4);
    double condTol = c.number("condRelTol", 1e-8);
    double condBelow = c.number("condBelow", 1e-4);
    double profileTol = c.number("profileRelTol", 1e-4);
    return ctx -> {
      Effective eff = Effective.of(ctx, b, 5);
      List<CheckResult> out = new ArrayList<>();
      String src = "Eq. (6)–(7), spec §3 (a)–(b), §6.4–6.5";
      if (Double.isNaN(eff.tStar())) {
        return List.of(CheckSupport.missing(b.id(), "effective blow-up", src, EffectiveDynamicsFamily.BLOWUP, eff.run()));
      }
      double[] offsets = new double[eps.length];
      double smallest = Double.POSITIVE_INFINITY;
      double escAtSmallest = Double.NaN;
      double scale = Double.NaN;
      for (int k = 0; k < eps.length; k++) {
        double e = eps[k];
        // escape profile: (v·β)^{-1/3} is linear in t with slope −|u|/(n s) while E ∈ [1e5, 1e7]
        String events = String.format(Locale.ROOT,
            "events=[{\"name\":\"E1e5\",\"observable\":\"vBeta\",\"threshold\":%s,\"direction\":\"up\"},"
                + "{\"name\":\"E1e7\",\"observable\":\"vBeta\",\"threshold\":%s,\"direction\":\"up\"}]",
            Double.toString(1e5 * e * e * e), Double.toString(1e7 * e * e * e));
        RunResult r = b.runAt(ctx, e, tEndEps, events);
        CondensationFlow flow = (CondensationFlow) r.system().flow();
        scale = flow.data().stageOneScale();
        EventRecord esc = r.firstEvent(CondensationEvents.ESCAPE);
        EventRecord cond = r.firstEvent(CondensationEvents.COND_V);
        if (esc == null) {
          out.add(CheckSupport.missing(b.id() + " ε=" + e, "escape", src, CondensationEvents.ESCAPE, r));
          continue;
        }
        offsets[k] = esc.time() - scale * eff.tStar() / e;
        if (e < smallest) {
          smallest = e;
          escAtSmallest = esc.time();
        }
        if (cond != null && e <= condBelow) {
          out.add(CheckResult.relative(b.id() + ": t_cond ε=" + e, "ε·t_cond = (n s/|u|) t̄_cond", "spec §3 (b)",
              scale * eff.tCond(), e * cond.time(), condTol, ""));
        } else if (cond == null) {
          out.add(CheckSupport.missing(b.id() + ": t_cond ε=" + e, "condensation", src, CondensationEvents.COND_V, r));
        }
        EventRecord p1 = r.firstEvent("E1e5");
        EventRecord p2 = r.firstEvent("E1e7");
        if (p1 != null && p2 != null) {
          double slope = (Math.pow(p2.values().get("vBeta"), -1.0 / 3) - Math.pow(p1.values().get("vBeta"), -1.0 / 3))
              / (p2.time() - p1.time());
          CheckResult pr = CheckResult.relative(b.id() + ": profile ε=" + e, "slope of (v·β)^{-1/3} in t = −|u|/(n s)",
              "spec §3 (a)", -1 / scale, slope, profileTol, "between E = 1e5 and E = 1e7 (rescaled)");
          out.add(e <= condBelow ? pr : CheckResult.report(pr.id(), pr.title() + " (ε above condBelow: O(ε) corrections)",
              pr.source(), pr.predicted(), pr.measured(), pr.tolerance()));
        }
      }
      out.add(CheckResult.relative(b.id() + ": t_esc", "ε·t_esc → (n s/|u|) T̄* at the smallest ε", "spec §3 (a)",
          scale * eff.tStar(), smallest * escAtSmallest, escTol,
          "ε = " + smallest + "; T̄* = " + CheckResult.fmt(eff.tStar()) + ", n s/|u| = " + CheckResult.fmt(scale)));
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < eps.length; k++) {
        if (eps[k] <= condBelow) {
          min = Math.min(min, offsets[k]);
          max = Math.max(max, offsets[k]);
        }
      }
      double allowed = offsetTol * Math.abs(min);
      int used = 0;
      for (double e : eps) {
        used += e <= condBelow ? 1 : 0;
      }
      if (used < 2) {
        out.add(CheckResult.report(b.id() + ": offset", "t_esc − (n s/(ε|u|)) T̄* (needs two ε ≤ " + condBelow + " to test)",
            "spec §3 (a)", "ε-independent", "offsets " + CheckSupport.list(offsets), "ε = " + CheckSupport.list(eps)));
        return out;
      }
      out.add(CheckResult.condition(b.id() + ": offset", "t_esc − (n s/(ε|u|)) T̄* is ε-independent (ε ≤ " + condBelow + ")",
          "spec §3 (a)", "spread ≤ " + CheckResult.fmt(allowed) + " (" + offsetTol + " relative)",
          "spread " + CheckResult.fmt(max - min), max - min <= allowed,
          "offsets " + CheckSupport.list(offsets) + " at ε = " + CheckSupport.list(eps)));
      return out;
    };
  }
}
