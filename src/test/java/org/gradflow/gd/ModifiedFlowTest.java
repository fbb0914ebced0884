package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gradflow.core.GradientFlow;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;

class ModifiedFlowTest {

  /** −∇ of the modified loss L + (η/4)‖∇L‖² by forward AD (nested over the model's field gradient). */
  static double[] adNegativeGradient(GradientFlow f, double[] theta) {
    int n = theta.length;
    Gradient[] x = MathArrays.buildArray(GradientField.getField(n), n);
    for (int i = 0; i < n; i++) {
      x[i] = Gradient.variable(n, i, theta[i]);
    }
    double[] g = x[0].getField().getZero().getGradient().clone();
    Gradient l = f.loss(x);
    for (int i = 0; i < n; i++) {
      g[i] = -l.getPartialDerivative(i);
    }
    return g;
  }

  @Test
  void analyticHvpPathMatchesAdOfModifiedLoss() {
    ScalarLinearNet net = new ScalarLinearNet(1.5);
    ModifiedFlow m = new ModifiedFlow(net, 0.1);
    double[] theta = {0.7, -1.3};
    double[] out = new double[2];
    double loss = m.negativeGradient(theta, out);
    double[] want = adNegativeGradient(m, theta);
    assertThat(net.hvpCalls).isEqualTo(1);
    assertThat(out[0]).isCloseTo(want[0], within(1e-14));
    assertThat(out[1]).isCloseTo(want[1], within(1e-14));
    double r = 0.7 * -1.3 - 1.5;
    double g2 = r * r * (1.3 * 1.3 + 0.7 * 0.7);
    // the double path reports the model's loss L (what loss columns and events watch) ...
    assertThat(loss).isCloseTo(0.5 * r * r, within(1e-15));
    // ... while the flow descends L̃ = L + (η/4)‖∇L‖², which is also the field loss
    assertThat(m.modifiedLoss(theta)).isCloseTo(0.5 * r * r + 0.025 * g2, within(1e-15));
    assertThat(m.loss(new org.hipparchus.util.Binary64[] {new org.hipparchus.util.Binary64(0.7),
        new org.hipparchus.util.Binary64(-1.3)}).getReal()).isCloseTo(m.modifiedLoss(theta), within(1e-15));
  }

  @Test
  void differenceHvpPathOnLinearNetworkMatchesAd() {
    GradientFlow flow = Toys.build(Toys.spec(Toys.LINEAR_NET)).flow();
    ModifiedFlow m = new ModifiedFlow(flow, 0.05);
    assertThat(m.hvp()).isInstanceOf(CentralDifferenceHvp.class);
    double[] theta = Toys.build(Toys.spec(Toys.LINEAR_NET)).initialState();
    double[] out = new double[theta.length];
    m.negativeGradient(theta, out);
    double[] want = adNegativeGradient(m, theta);
    double[] plain = new double[theta.length];
    flow.negativeGradient(theta, plain);
    // the correction (η/2)∇²L∇L must be resolved to 1e-8 of itself, not only of −∇L
    double corr = 0;
    double err = 0;
    for (int i = 0; i < theta.length; i++) {
      corr += (want[i] - plain[i]) * (want[i] - plain[i]);
      err += (out[i] - want[i]) * (out[i] - want[i]);
    }
    assertThat(Math.sqrt(corr)).isGreaterThan(1e-3);
    assertThat(Math.sqrt(err / corr)).isLessThan(1e-8);
  }

  @Test
  void rejectsNonPositiveLearningRate() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModifiedFlow(new ScalarLinearNet(1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
