package org.gradflow.models.linattn;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.RunView;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/**
 * {@code linear-attention.limit} (the closed-form limit, ZFB Thm 4.1, and the factors it splits
 * into by the conserved balance), {@code linear-attention.timeCourse} (loss and event times
 * against the analytical solution from the aligned start) and {@code linear-attention.stages}
 * (saddle to saddle: one principal component at a time, in eigenvalue order, plateaus at the
 * PCR losses). The conserved quantities are checked by the generic {@code maxValue}.
 */
public final class LinearAttentionChecks implements CheckProvider {
  static final String ZFB = "Zhang, Frei & Bartlett, JMLR 2024, Thm 4.1";
  static final String ZSLS = "Zhang, Singh, Latham & Saxe, ICML 2025 (arXiv 2501.16265)";

  @Override
  public List<CheckType> checkTypes() {
    return List.of(GenericChecks.type("linear-attention.limit", LinearAttentionChecks::limit),
        GenericChecks.type("linear-attention.timeCourse", LinearAttentionChecks::timeCourse),
        GenericChecks.type("linear-attention.stages", LinearAttentionChecks::stages));
  }

  private static LinearAttentionFlow flow(RunResult r) {
    return (LinearAttentionFlow) r.system().flow();
  }

  /** Components the model can represent: all d (merged), min(H·R, d) (separate). */
  static int learnable(LinearAttentionFlow f) {
    int d = f.task().dimension();
    return f.rank() == 0 ? d : Math.min(f.heads() * f.rank(), d);
  }

  private static Check limit(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("relTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      LinearAttentionFlow f = flow(r);
      InContextTask task = f.task();
      int m = learnable(f);
      double[] gamma = new LinearAttentionObservables(f, r.finalState()).gamma(r.finalState());
      double[] target = new double[gamma.length];
      for (int p = 0; p < m; p++) {
        target[p * task.dimension() + p] = task.optimum(p);
      }
      double err = 0;
      double norm = 0;
      for (int i = 0; i < gamma.length; i++) {
        err += (gamma[i] - target[i]) * (gamma[i] - target[i]);
        norm += target[i] * target[i];
      }
      String what = m == task.dimension() ? "Γ* = ((1 + 1/N)Λ + (tr Λ/N) I)⁻¹" : "PCR with " + m + " components";
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.absolute("limit", "‖Γ(T) − Γ_lim‖_F / ‖Γ_lim‖_F, Γ_lim = " + what, ZFB, 0,
          Math.sqrt(err / norm), tol, "t = " + CheckResult.fmt(r.finalTime())));
      out.add(CheckResult.relative("limitLoss", "final loss = closed-form loss at the limit", ZFB,
          task.plateauLoss(m), r.trajectory().last("loss"), tol, ""));
      if (f.rank() == 0 && f.heads() == 1) {
        // v² − ‖W_KQ‖²_F is conserved and v·W_KQ → Γ*: v∞² = (C + √(C² + 4‖Γ*‖²))/2
        double cons = -LinearAttentionObservables.conserved(f, r.system().initialState())[0];
        double g2 = norm;
        double v = Math.sqrt((cons + Math.sqrt(cons * cons + 4 * g2)) / 2);
        double[] th = r.finalState();
        out.add(CheckResult.relative("limitValue", "v(T) from conservation of v² − ‖W_KQ‖²_F", ZFB + " (the c of its limit)",
            v, th[f.layout().offset("v")], tol, "C = " + CheckResult.fmt(cons)));
        out.add(CheckResult.relative("limitKeyQuery", "‖W_KQ(T)‖_F = ‖Γ*‖_F / v∞", ZFB, Math.sqrt(g2) / v,
            f.layout().blockNorm(th, "W_KQ"), tol, ""));
      }
      return out;
    };
  }

  private static Check timeCourse(SpecSection c) {
    CheckConfig.allowOnly(c, "lossTol", "timeRelTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double lossTol = c.number("lossTol");
    double timeTol = c.number("timeRelTol");
    return ctx -> {
      SpecSection init = ctx.spec(system, set).init();
      if (!init.has("aligned")) {
        throw c.error("system", "the analytical time course needs init.aligned in " + system);
      }
      RunResult r = ctx.run(system, set);
      LinearAttentionFlow f = flow(r);
      InContextTask task = f.task();
      double[] l = task.lambda();
      if (f.rank() == 0 && l[0] != l[l.length - 1]) {
        throw c.error("system", "the merged time course is analytical for a white covariance only");
      }
      AlignedSolution exact = new AlignedSolution(task, f.rank() == 0, f.heads(), init.child("aligned").number("scale"));
      Trajectory tr = r.trajectory();
      double[] t = tr.times();
      double[] loss = tr.column("loss");
      double worst = 0;
      for (int i = 0; i < t.length; i++) {
        worst = Math.max(worst, Math.abs(loss[i] - exact.loss(t[i])));
      }
      double drop = task.plateauLoss(0) - task.plateauLoss(learnable(f));
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.absolute("timeCourse", "max over samples |L(t) − L_exact(t)| / (L(0) − L_lim)", ZSLS, 0,
          worst / drop, lossTol, t.length + " samples"));
      for (EventSpec e : r.system().builtinEvents()) {
        double predicted = e.observable().equals("loss") ? exact.lossCrossing(e.threshold(), r.spec().integrator().tEnd())
            : exact.timeToFraction(Integer.parseInt(e.observable().substring(2)) - 1, e.threshold());
        EventRecord got = r.firstEvent(e.name());
        out.add(got == null
            ? CheckResult.condition("time:" + e.name(), "event '" + e.name() + "'", ZSLS, CheckResult.fmt(predicted),
                "did not fire", false, "")
            : CheckResult.relative("time:" + e.name(), "time of '" + e.name() + "'", ZSLS, predicted, got.time(),
                timeTol, "analytical solution"));
      }
      return out;
    };
  }

  private static Check stages(SpecSection c) {
    CheckConfig.allowOnly(c, "plateauTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("plateauTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      LinearAttentionFlow f = flow(r);
      if (f.rank() == 0) {
        throw c.error("system", "stages are the separate key-query claim; " + system + " is merged");
      }
      InContextTask task = f.task();
      int m = learnable(f);
      double[] times = new double[m];
      StringBuilder order = new StringBuilder();
      boolean ordered = true;
      RunView v = r.view();
      for (int k = 1; k <= m; k++) {
        times[k - 1] = v.firstTime("pc" + k + " learned");
        ordered &= !Double.isNaN(times[k - 1]) && (k == 1 || times[k - 1] > times[k - 2]);
        order.append(k == 1 ? "" : " < ").append(CheckResult.fmt(times[k - 1]));
      }
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.condition("stageOrder", "components learned in eigenvalue order, one after another", ZSLS,
          "t(pc1) < ... < t(pc" + m + ")", order.toString(), ordered, ""));
      Trajectory tr = r.trajectory();
      double[] t = tr.times();
      double[] loss = tr.column("loss");
      for (int k = 1; ordered && k < m; k++) {
        double mid = Math.sqrt(times[k - 1] * times[k]);
        int i = nearest(t, mid);
        double drop = task.plateauLoss(k - 1) - task.plateauLoss(k + 1);
        double dev = Math.abs(loss[i] - task.plateauLoss(k)) / drop;
        out.add(new CheckResult("plateau" + k, "loss on the plateau after " + k + " component(s), at t = "
            + CheckResult.fmt(t[i]) + " (log-midpoint of the events)", ZSLS + ": in-context PCR, small-init limit",
            CheckResult.fmt(task.plateauLoss(k)), CheckResult.fmt(loss[i]),
            "|ΔL| / (L_" + (k - 1) + " − L_" + (k + 1) + ") ≤ " + CheckResult.fmt(tol) + " (got " + CheckResult.fmt(dev) + ")",
            dev <= tol ? org.gradflow.validate.Verdict.PASS : org.gradflow.validate.Verdict.FAIL, ""));
      }
      return out;
    };
  }

  private static int nearest(double[] t, double x) {
    int best = 0;
    for (int i = 1; i < t.length; i++) {
      if (Math.abs(Math.log(t[i] / x)) < Math.abs(Math.log(t[best] / x))) {
        best = i;
      }
    }
    return best;
  }
}
