package org.gradflow.models.markov;

import org.gradflow.integrate.piecewise.KinkEvent;
import org.gradflow.integrate.piecewise.KinkRestartIntegrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/**
 * The Markov paper's §6 predictions as suite checks: limit points and limit losses against the
 * integration-free predictor, energy drift, rates, the basin grid, the escape-time slope of tiny
 * initializations, the double-vs-Dfp separatrix study, the full transformer's limits and the
 * kink restarts.
 */
public final class MarkovChecks implements CheckProvider {

  @Override
  public List<CheckType> checkTypes() {
    return List.of(
        GenericChecks.type("markov.limit", MarkovChecks::limit),
        GenericChecks.type("markov.rate", MarkovChecks::rate),
        GenericChecks.type("markov.basinGrid", BasinGridCheck::create),
        GenericChecks.type("markov.escapeSlope", EscapeSlopeCheck::create),
        GenericChecks.type("markov.separatrix", SeparatrixCheck::create),
        GenericChecks.type("markov.finalLoss", MarkovChecks::finalLoss),
        GenericChecks.type("markov.finalState", MarkovChecks::finalState),
        GenericChecks.type("markov.kink", MarkovChecks::kink));
  }

  static CanonicalFlow canonical(RunResult r, SpecSection c) {
    if (!(r.system().flow() instanceof CanonicalFlow f)) {
      throw c.error("system", "needs a markov-canonical system");
    }
    return f;
  }

  /** Runs a spec without writing a run folder (for checks that need many runs). */
  static RunResult runQuietly(SystemSpec s) {
    return org.gradflow.validate.LossMonotonicity.run(s, ModelRegistry.build(s), Progress.NONE);
  }

  private static String tag(SpecSection c, String fallback) {
    return c.text("id", fallback);
  }

  /** markov.limit: final (e, w), loss and energy against §3.5–3.6 (no integration in the prediction). */
  private static Check limit(SpecSection c) {
    CheckConfig.allowOnly(c, "pointTol", "lossTol", "energyTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double pointTol = c.number("pointTol", 1e-8);
    double lossTol = c.number("lossTol", 1e-10);
    double energyTol = c.number("energyTol", 1e-10);
    String id = tag(c, "limit");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      CanonicalFlow flow = canonical(r, c);
      LimitPrediction p = flow.predicted();
      double[] end = r.finalState();
      MarkovSource s = flow.source();
      String start = String.format(Locale.ROOT, "(p,q)=(%s,%s) start (%s, %s), t_end %.4g, %s",
          s.p(), s.q(), r.system().initialState()[0], r.system().initialState()[1], r.finalTime(), r.outcome());
      List<CheckResult> out = new ArrayList<>();
      boolean local = Math.abs(end[0]) < 1e-4 && Math.abs(flow.loss(end) - s.unigramEntropy()) < 1e-3;
      boolean global = Math.abs(flow.loss(end) - s.entropyRate()) < 1e-4;
      Basin measured = global ? Basin.GLOBAL : local ? Basin.LOCAL : Basin.SEPARATRIX;
      out.add(CheckResult.condition(id + " basin", "basin: energy rule vs where the run went", "§3.5",
          p.basin().toString(), measured.toString(), p.basin() == measured, start));
      out.add(CheckResult.absolute(id + " e∞", "limit e vs level-set root", "§3.6", p.e(), end[0], pointTol, start));
      out.add(CheckResult.absolute(id + " w∞", "limit w vs level-set root", "§3.6", p.w(), end[1], pointTol, start));
      double target = p.basin() == Basin.GLOBAL ? s.entropyRate() : s.unigramEntropy();
      out.add(CheckResult.absolute(id + " L∞", p.basin() == Basin.GLOBAL
              ? "final loss vs entropy rate (global)" : "final loss vs unigram entropy H(π) (local)",
          "§1, §3.2", target, flow.loss(end), lossTol, start));
      double drift = r.view().maxAbs("energyDrift");
      out.add(CheckResult.absolute(id + " energy", "max |E(t) − E0| / max(1,|E0|) over samples", "§3.3",
          0, drift, energyTol, r.trajectory().size() + " samples"));
      EventRecord near = r.firstEvent("near-predicted-limit");
      out.add(CheckResult.report(id + " t_conv", "time to loss within basinThreshold of the predicted limit",
          "§6.1", "—", near == null ? "not reached" : CheckResult.fmt(near.time()), "event near-predicted-limit"));
      return out;
    };
  }

  /**
   * markov.rate: the §3.7 linear rates. Local basin: |e| ∝ e^{−λt}, λ = 2ℓ'(0)(1 + 2w∞|w∞|);
   * global basin: loss gap ∝ e^{−2μt}, μ = ℓ''(Δ*)|∇Δ|² at the limit. Measured from the two
   * last samples inside the window where the quantity is small but well above round-off.
   */
  private static Check rate(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("relTol", 1e-2);
    String id = tag(c, "rate");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      CanonicalFlow flow = canonical(r, c);
      LimitPrediction p = flow.predicted();
      ConvergenceRates rates = new ConvergenceRates(flow.source());
      Trajectory tr = r.trajectory();
      double[] t = tr.times();
      boolean local = p.basin() == Basin.LOCAL;
      double[] q = local ? tr.column("absE") : tr.column("gapToEntropyRate");
      double lo = local ? 1e-9 : 1e-12;
      double hi = local ? 1e-3 : 1e-6;
      int i1 = -1;
      int i0 = -1;
      for (int i = q.length - 1; i >= 0; i--) {
        if (q[i] > lo && q[i] < hi) {
          if (i1 < 0) {
            i1 = i;
          } else if (t[i1] - t[i] > 0.2 * t[i1]) {
            i0 = i;
            break;
          }
        }
      }
      double predicted = local ? rates.towardLocalLine(p.w()) : 2 * rates.towardGlobalCurve(p.e(), p.w());
      if (i0 < 0) {
        return List.of(CheckResult.condition(id, "rate window", "§3.7", "two samples in (" + lo + ", " + hi + ")",
            "not found", false, "run longer or sample more densely"));
      }
      double measured = Math.log(q[i0] / q[i1]) / (t[i1] - t[i0]);
      return List.of(CheckResult.relative(id, local ? "decay rate of |e| toward the unigram line (λ)"
              : "decay rate of the loss gap toward the global curve (2μ)", "§3.7", predicted, measured, tol,
          String.format(Locale.ROOT, "from samples t=%.4g and t=%.4g", t[i0], t[i1])));
    };
  }

  /** markov.finalLoss: final loss vs the entropy rate (expect global) or H(π) (expect local). */
  private static Check finalLoss(SpecSection c) {
    CheckConfig.allowOnly(c, "expect", "tol", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String expect = c.text("expect", "global");
    if (!expect.equals("global") && !expect.equals("local")) {
      throw c.error("expect", "must be global or local, got " + expect);
    }
    double tol = c.number("tol", 1e-6);
    String source = c.text("source", "§6.3");
    String id = tag(c, "finalLoss");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      SystemSpec s = r.spec();
      MarkovSource m = MarkovSpecs.source(s.data());
      double target = expect.equals("global") ? m.entropyRate() : m.unigramEntropy();
      double l = r.system().flow().loss(r.finalState());
      return List.of(CheckResult.absolute(id, "final loss vs " + (expect.equals("global")
              ? "entropy rate (global minimum)" : "unigram entropy H(π) (local minimum)"), source, target, l, tol,
          String.format(Locale.ROOT, "%s at t=%.4g, %d RHS evaluations", r.outcome(), r.finalTime(),
              r.stats().rhsEvaluations())));
    };
  }

  /** markov.finalState: final θ against reference values (e.g. the spec's scipy tables). */
  private static Check finalState(SpecSection c) {
    CheckConfig.allowOnly(c, "expected", "tol", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double[] expected = c.child("expected").vector(-1);
    double tol = c.number("tol", 1e-6);
    String source = c.text("source", "spec reference");
    String id = tag(c, "finalState");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double[] end = r.finalState();
      if (end.length != expected.length) {
        throw c.error("expected", "has " + expected.length + " entries, the state has " + end.length);
      }
      List<CheckResult> out = new ArrayList<>();
      for (int i = 0; i < end.length; i++) {
        out.add(CheckResult.absolute(id + " " + r.system().flow().layout().describe(i),
            "final " + r.system().flow().layout().describe(i) + " vs reference", source, expected[i], end[i], tol,
            String.format(Locale.ROOT, "t=%.4g", r.finalTime())));
      }
      return out;
    };
  }

  /**
   * markov.kink: the rank-one flow across its ReLU kink with {@link KinkRestartIntegrator}
   * (restart at the located crossing, Filippov sliding), against the plain engine run.
   */
  private static Check kink(SpecSection c) {
    CheckConfig.allowOnly(c, "expectLoss", "tol", "crossingTime", "timeTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double expectLoss = c.number("expectLoss");
    double tol = c.number("tol", 1e-6);
    double crossing = c.number("crossingTime");
    double timeTol = c.number("timeTol", 1e-7);
    String id = tag(c, "kink");
    return ctx -> {
      SystemSpec s = ctx.spec(system, set);
      org.gradflow.models.FlowSystem fs = ModelRegistry.build(s);
      if (!(fs.flow() instanceof RankOneFlow flow)) {
        throw c.error("system", "needs a markov-rank-one system");
      }
      KinkRestartIntegrator it = new KinkRestartIntegrator(flow, s.integrator().rtol(), 1e-12, 1000);
      long t0 = System.nanoTime();
      double[] end = it.integrate(fs.initialState(), s.integrator().tEnd());
      double wall = (System.nanoTime() - t0) * 1e-9;
      List<CheckResult> out = new ArrayList<>();
      KinkEvent first = it.events().isEmpty() ? null : it.events().get(0);
      out.add(CheckResult.absolute(id + " crossing", "time the trajectory reaches the kink (event located)",
          "§6.4", crossing, first == null ? Double.NaN : first.time(), timeTol,
          "scipy DOP853 reference on the smooth piece; the spec's prose says t ≈ 10"));
      out.add(CheckResult.condition(id + " sliding", "continuation at the kink", "§6.4 (Filippov)", "sliding",
          first == null ? "no kink reached" : first.to(), first != null && first.to().equals("sliding"),
          it.events().size() + " kink events, " + it.evaluations() + " RHS evaluations, "
              + String.format(Locale.ROOT, "%.3f s", wall)));
      out.add(CheckResult.absolute(id + " L", "loss at t_end after sliding", "§6.4", expectLoss, flow.loss(end), tol,
          "entropy rate " + CheckResult.fmt(flow.source().entropyRate())));
      RunResult plain = ctx.run(system, set);
      out.add(CheckResult.report(id + " plain", "plain Dormand–Prince on the same system (engine)", "§8",
          "stalls on the kink", plain.outcome() + " at t=" + CheckResult.fmt(plain.finalTime()) + ", "
              + plain.stats().rhsEvaluations() + " RHS evaluations", plain.reason()));
      return out;
    };
  }

}
