package org.gradflow.models.linearnet;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.gradflow.core.Svd;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/**
 * {@code linear-network.saxe}: W2W1(t) against the Saxe closed form at every sample (balanced,
 * aligned init only); {@code linear-network.balance}: drift of the conserved W1W1ᵀ − W2ᵀW2.
 */
public final class LinearNetworkChecks implements CheckProvider {
  private static final String SAXE = "Saxe, McClelland & Ganguli 2014, Eq. (7): a(t) = s e^{2st}/(e^{2st} − 1 + s/a0)";

  @Override
  public List<CheckType> checkTypes() {
    return List.of(GenericChecks.type("linear-network.saxe", LinearNetworkChecks::saxe),
        GenericChecks.type("linear-network.balance", LinearNetworkChecks::balance),
        GenericChecks.type("linear-network.lossCrossing", LinearNetworkChecks::lossCrossing));
  }

  private static Check saxe(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("relTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double a0 = ctx.spec(system, set).init().child("balancedAligned").number("a0");
      double err = maxClosedFormError(r, a0);
      return List.of(CheckResult.absolute("saxe", "relative deviation of W2W1(t) from the closed form,"
          + " max over samples of ‖Δ‖_F/‖P‖_F", SAXE, 0.0, err, tol, r.trajectory().size() + " samples"));
    };
  }

  /** max over samples of ‖W2W1(t) − Σ_k a_k(t) u_k v_kᵀ‖_F / ‖Σ_k a_k(t) u_k v_kᵀ‖_F. */
  public static double maxClosedFormError(RunResult r, double a0) {
    LinearNetworkFlow flow = (LinearNetworkFlow) r.system().flow();
    DMatrixRMaj target = flow.target();
    Svd svd = LinearNetworkFamily.targetSvd(target);
    int hidden = r.system().flow().layout().block("W1").rows();
    int modes = Math.min(hidden, Math.min(target.numRows, target.numCols));
    Trajectory tr = r.trajectory();
    double worst = 0;
    DMatrixRMaj exact = new DMatrixRMaj(target.numRows, target.numCols);
    for (int i = 0; i < tr.size(); i++) {
      double t = tr.row(i)[0];
      CommonOps_DDRM.fill(exact, 0);
      for (int k = 0; k < modes; k++) {
        double a = SaxeSolution.modeStrength(svd.sigma(k), a0, t);
        for (int p = 0; p < exact.numRows; p++) {
          for (int q = 0; q < exact.numCols; q++) {
            exact.add(p, q, a * svd.u(p, k) * svd.v(q, k));
          }
        }
      }
      DMatrixRMaj got = flow.product(tr.state(i));
      CommonOps_DDRM.subtractEquals(got, exact);
      worst = Math.max(worst, NormOps_DDRM.normF(got) / NormOps_DDRM.normF(exact));
    }
    return worst;
  }

  /**
   * {@code linear-network.lossCrossing}: the event at which the loss falls through
   * {@code threshold} fires at the time the closed form predicts: the root of
   * ½Σ_k (s_k − a_k(t))² + ½Σ_{unlearnable} s_k² = threshold, found by a Brent solver.
   */
  private static Check lossCrossing(SpecSection c) {
    CheckConfig.allowOnly(c, "event", "relTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    String event = c.text("event", null);
    if (event == null) {
      throw c.error("event", "required: name of a loss threshold event (direction down)");
    }
    double tol = c.number("relTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double a0 = ctx.spec(system, set).init().child("balancedAligned").number("a0");
      double threshold = r.spec().events().stream().filter(s -> s.name().equals(event)).findFirst()
          .orElseThrow(() -> c.error("event", "no event '" + event + "' in " + system)).threshold();
      double predicted = SaxeSolution.lossCrossingTime(singularValues(r), hiddenModes(r), a0, threshold,
          r.spec().integrator().tEnd());
      EventRecord e = r.firstEvent(event);
      if (e == null) {
        return List.of(CheckResult.condition("lossCrossing", "event '" + event + "'", SAXE,
            CheckResult.fmt(predicted), "did not fire", false, ""));
      }
      return List.of(CheckResult.relative("lossCrossing", "time the loss falls through " + threshold, SAXE,
          predicted, e.time(), tol, "prediction: Brent root of the closed-form loss"));
    };
  }

  private static double[] singularValues(RunResult r) {
    return LinearNetworkFamily.targetSvd(((LinearNetworkFlow) r.system().flow()).target()).values();
  }

  private static int hiddenModes(RunResult r) {
    return r.system().flow().layout().block("W1").rows();
  }

  private static Check balance(SpecSection c) {
    CheckConfig.allowOnly(c, "absTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("absTol");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double drift = r.view().maxAbs("balanceDrift");
      return List.of(CheckResult.absolute("balance", "max |W1W1ᵀ − W2ᵀW2 − (same at 0)| along the run",
          "conservation law of two-layer linear gradient flow (d/dt(W1W1ᵀ − W2ᵀW2) = 0)", 0, drift, tol, ""));
    };
  }
}
