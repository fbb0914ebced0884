package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.gradflow.core.GradientFlow;
import org.gradflow.models.FlowSystem;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

class HessianVectorProductTest {

  /** The full Hessian by second-order forward AD of the model's generic loss. */
  static double[][] adHessian(GradientFlow flow, double[] theta) {
    int n = theta.length;
    DSFactory f = new DSFactory(n, 2);
    DerivativeStructure[] x = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      x[i] = f.variable(i, theta[i]);
    }
    DerivativeStructure l = flow.loss(x);
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] orders = new int[n];
        orders[i]++;
        orders[j]++;
        h[i][j] = l.getPartialDerivative(orders);
      }
    }
    return h;
  }

  static double relativeError(double[] got, double[] want) {
    double d = 0;
    double s = 0;
    for (int i = 0; i < got.length; i++) {
      d += (got[i] - want[i]) * (got[i] - want[i]);
      s += want[i] * want[i];
    }
    return Math.sqrt(d / s);
  }

  @Test
  void centralDifferenceMatchesAdHessianToBetterThan1e8OnTheLinearNetwork() {
    FlowSystem system = Toys.build(Toys.spec(Toys.LINEAR_NET));
    GradientFlow flow = system.flow();
    assertThat(HessianVectorProduct.of(flow)).isInstanceOf(CentralDifferenceHvp.class);
    CentralDifferenceHvp hvp = new CentralDifferenceHvp(flow);
    SplittableRandom rng = new SplittableRandom(3);
    int n = flow.layout().dimension();
    double worst = 0;
    double worstEstimate = 0;
    for (int trial = 0; trial < 5; trial++) {
      double[] theta = new double[n];
      double[] v = new double[n];
      double scale = trial == 0 ? 1e-3 : Math.pow(10, trial - 2); // tiny to large weights
      for (int i = 0; i < n; i++) {
        theta[i] = scale * (2 * rng.nextDouble() - 1);
        v[i] = 2 * rng.nextDouble() - 1;
      }
      double[][] h = adHessian(flow, theta);
      double[] want = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          want[i] += h[i][j] * v[j];
        }
      }
      double[] got = new double[n];
      hvp.hessianVector(theta, v, got);
      worst = Math.max(worst, relativeError(got, want));
      worstEstimate = Math.max(worstEstimate, hvp.estimateRelativeError(theta, v));
    }
    System.out.printf("central-difference HVP: worst relative error %.2e, worst self-estimate %.2e%n", worst, worstEstimate);
    assertThat(worst).isLessThan(1e-8);
    assertThat(worstEstimate).isLessThan(1e-8);
  }

  @Test
  void analyticProductIsUsedWhenTheModelHasOneAndAgreesWithAd() {
    ScalarLinearNet net = new ScalarLinearNet(1.5);
    assertThat(HessianVectorProduct.of(net)).isSameAs(net);
    double[] theta = {0.7, -1.3};
    double[] v = {0.4, 2.0};
    double[][] h = adHessian(net, theta);
    double[] got = new double[2];
    net.hessianVector(theta, v, got);
    assertThat(got[0]).isCloseTo(h[0][0] * v[0] + h[0][1] * v[1], org.assertj.core.api.Assertions.within(1e-14));
    assertThat(got[1]).isCloseTo(h[1][0] * v[0] + h[1][1] * v[1], org.assertj.core.api.Assertions.within(1e-14));
    double[] fd = new double[2];
    new CentralDifferenceHvp(net).hessianVector(theta, v, fd);
    assertThat(relativeError(fd, got)).isLessThan(1e-8);
  }

  @Test
  void zeroDirectionGivesZero() {
    CentralDifferenceHvp hvp = new CentralDifferenceHvp(new ScalarLinearNet(1));
    double[] out = {5, 5};
    hvp.hessianVector(new double[] {1, 2}, new double[] {0, 0}, out);
    assertThat(out).containsExactly(0, 0);
  }
}
