package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.integrate.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §1.2: C_QK, C_V1 (both activations), C_12 (identity only) and dL/dt = −|∇L|² along runs. */
class InvariantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"identity", "tanh"})
  void conservedQuantitiesHoldAlongAWholeRun(String activation) {
    RunResult r = TestSpecs.run(Instances.small(activation, 1e-2));
    assertThat(r.failed()).isFalse();
    Trajectory tr = r.trajectory();
    double[] th0 = r.system().initialState();
    double[] thEnd = r.finalState();
    var layout = r.system().flow().layout();
    double scale = 0;
    for (double x : thEnd) {
      scale = Math.max(scale, x * x);
    }
    assertThat(Invariants.drift(layout, th0, thEnd, Invariants.Kind.QK) / scale).isLessThan(1e-10);
    assertThat(Invariants.drift(layout, th0, thEnd, Invariants.Kind.V1) / scale).isLessThan(1e-10);
    double c12 = Invariants.drift(layout, th0, thEnd, Invariants.Kind.TWELVE) / scale;
    if (activation.equals("identity")) {
      assertThat(c12).isLessThan(1e-10);
    } else {
      // with tanh, W1ᵀW1 − W2W2ᵀ is not conserved: it drifts by O(1) of the parameter scale
      assertThat(c12).isGreaterThan(1e-4);
    }
    assertThat(tr.size()).isGreaterThan(10);
  }

  /** Integrates (θ, q) with q̇ = |∇L|² directly with Hipparchus DOP853; L(0) − L(T) must equal q(T). */
  @ParameterizedTest
  @ValueSource(strings = {"identity", "tanh"})
  void energyIdentityHoldsToTheOdeTolerance(String activation) {
    FlowSystem sys = Instances.build(Instances.small(activation, 1e-2));
    CondensationFlow flow = (CondensationFlow) sys.flow();
    int n = flow.layout().dimension();
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      final double[] g = new double[n];

      @Override
      public int getDimension() {
        return n + 1;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        flow.negativeGradient(y, g);
        double[] out = new double[n + 1];
        double s = 0;
        for (int i = 0; i < n; i++) {
          out[i] = g[i];
          s += g[i] * g[i];
        }
        out[n] = s;
        return out;
      }
    };
    double[] y0 = java.util.Arrays.copyOf(sys.initialState(), n + 1);
    double[] atol = new double[n + 1];
    java.util.Arrays.fill(atol, 1e-14);
    double[] rtol = new double[n + 1];
    java.util.Arrays.fill(rtol, 1e-11);
    DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 1e6, atol, rtol);
    ODEStateAndDerivative end = dp.integrate(ode, new ODEState(0, y0), 7000);
    double[] y = end.getPrimaryState();
    double[] th = java.util.Arrays.copyOf(y, n);
    double dissipated = flow.lossDeficit(th) - flow.lossDeficit(sys.initialState());
    assertThat(dissipated).isGreaterThan(0.1);
    assertThat(Math.abs(dissipated - y[n]) / y[n]).isLessThan(1e-8);
  }
}
