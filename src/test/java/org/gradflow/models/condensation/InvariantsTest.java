package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
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

  /** (θ, q) with q̇ = |∇L|² integrated with Hipparchus DOP853; L(0) − L(T) must equal q(T). */
  @ParameterizedTest
  @ValueSource(strings = {"identity", "tanh"})
  void energyIdentityHoldsToTheOdeTolerance(String activation) {
    FlowSystem sys = Instances.build(Instances.small(activation, 1e-2));
    CondensationFlow flow = (CondensationFlow) sys.flow();
    double[] atol = new double[flow.layout().dimension()];
    java.util.Arrays.fill(atol, 1e-14);
    double[] m = EnergyIdentity.measure(flow, sys.initialState(), 7000, atol, 1e-11);
    assertThat(m[1]).isGreaterThan(0.1);
    assertThat(Math.abs(m[1] - m[0]) / m[0]).isLessThan(1e-8);
  }
}
