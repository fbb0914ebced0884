package org.gradflow.models.condensation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradflow.core.GradientCheck;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/** §6 checks 1 (invariants, energy identity) and 2 (gradient, F = Eq. 15). */
final class ModelChecks {
  private ModelChecks() {}

  static Check invariants(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol", "energyRelTol");
    CheckSupport.Base b = CheckSupport.Base.read(c, "invariants", "conserved quantities and dL/dt = −|∇L|²");
    double relTol = c.number("relTol", 1e-10);
    double energyTol = c.number("energyRelTol", 1e-7);
    return ctx -> {
      RunResult r = ctx.run(b.system(), b.set());
      CondensationFlow flow = (CondensationFlow) r.system().flow();
      var layout = flow.layout();
      double[] th0 = r.system().initialState();
      double scale = 0;
      for (double x : r.finalState()) {
        scale = Math.max(scale, x * x);
      }
      String src = "spec §1.2";
      String note = "max entrywise drift / max θ_i² at the end (" + CheckResult.fmt(scale) + "), t_end = "
          + CheckResult.fmt(r.finalTime());
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.absolute(b.id() + ": C_QK", "W_QᵀW_Q − W_KᵀW_K conserved", src, 0,
          Invariants.drift(layout, th0, r.finalState(), Invariants.Kind.QK) / scale, relTol, note));
      out.add(CheckResult.absolute(b.id() + ": C_V1", "W_VᵀW_V − W1W1ᵀ conserved", src, 0,
          Invariants.drift(layout, th0, r.finalState(), Invariants.Kind.V1) / scale, relTol, note));
      double c12 = Invariants.drift(layout, th0, r.finalState(), Invariants.Kind.TWELVE) / scale;
      if (flow.activation() == Activation.IDENTITY) {
        out.add(CheckResult.absolute(b.id() + ": C_12", "W1ᵀW1 − W2W2ᵀ conserved (identity)", src, 0, c12, relTol, note));
      } else {
        out.add(CheckResult.report(b.id() + ": C_12", "W1ᵀW1 − W2W2ᵀ with tanh (not conserved by design)", src,
            "drifts", CheckResult.fmt(c12), note));
      }
      SystemSpec spec = r.spec();
      double[] atol = r.options().atol();
      CondensationFlow fresh = (CondensationFlow) b.build(ctx).flow();
      double[] m = EnergyIdentity.measure(fresh, th0, r.finalTime(), atol, spec.integrator().rtol());
      out.add(CheckResult.relative(b.id() + ": energy", "L(0) − L(T) = ∫|∇L|² dt", "spec §1.2 energy identity",
          m[0], m[1], energyTol, "augmented DOP853 run to T = " + CheckResult.fmt(r.finalTime())));
      return out;
    };
  }

  static Check gradient(SpecSection c) {
    CheckConfig.allowOnly(c, "seed", "scale", "fdRelTol", "adRelTol", "forceRelTol");
    CheckSupport.Base b = CheckSupport.Base.read(c, "gradient", "analytic gradient");
    int seed = c.integer("seed", 11);
    double scale = c.number("scale", 0.8);
    double fdTol = c.number("fdRelTol", 1e-8);
    double adTol = c.number("adRelTol", 1e-12);
    double fTol = c.number("forceRelTol", 1e-13);
    return ctx -> {
      FlowSystem sys = b.build(ctx);
      CondensationFlow flow = (CondensationFlow) sys.flow();
      double[] th = InitialState.gaussian(flow.layout().dimension(), scale, seed);
      Map<String, Double> fd = GradientCheck.errors(GradientCheck.centralDifferences(flow, th, 0));
      Map<String, Double> ad = GradientCheck.automatic(flow, th);
      String note = "θ ~ N(0, " + scale + "²), seed " + seed + "; worst block";
      List<CheckResult> out = new ArrayList<>();
      out.add(CheckResult.absolute(b.id() + ": FD", "analytic vs central differences", "spec §1.1", 0,
          max(fd), fdTol, note + " " + fd));
      out.add(CheckResult.absolute(b.id() + ": AD", "analytic vs Hipparchus AD", "spec §1.1", 0, max(ad), adTol,
          note + " " + ad));
      if (flow.activation() == Activation.IDENTITY) {
        int d = flow.data().d();
        double[] f = new double[d * d];
        flow.keyQueryForce(th, f);
        double[] beta = outerProduct(flow, th);
        double[] eq15 = new PlateauProblem(flow.data(), flow.lossKind()).force(beta);
        double err = 0;
        double sc = 0;
        for (int k = 0; k < f.length; k++) {
          err = Math.max(err, Math.abs(f[k] - eq15[k]));
          sc = Math.max(sc, Math.abs(eq15[k]));
        }
        out.add(CheckResult.absolute(b.id() + ": F", "−dL/dM at M = 0 (backprop) = Eq. (15)", "spec §2.2", 0,
            err / sc, fTol, "relative to max |F|"));
      }
      return out;
    };
  }

  private static double max(Map<String, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** β = W_V W1 W2. */
  static double[] outerProduct(CondensationFlow flow, double[] th) {
    var l = flow.layout();
    int d = flow.data().d();
    int oV = l.offset(CondensationFlow.WV);
    int o1 = l.offset(CondensationFlow.W1);
    int o2 = l.offset(CondensationFlow.W2);
    double[] t = new double[d];
    double[] beta = new double[d];
    for (int b = 0; b < d; b++) {
      for (int c = 0; c < d; c++) {
        t[b] += th[o1 + b * d + c] * th[o2 + c];
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        beta[a] += th[oV + a * d + b] * t[b];
      }
    }
    return beta;
  }
}
