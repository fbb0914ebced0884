package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.gradflow.core.GradientCheck;
import org.gradflow.models.InitialState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CondensationGradientTest {

  /** An O(1) state where softmax is far from uniform and tanh far from linear. */
  static double[] state(int dim, long seed) {
    return InitialState.gaussian(dim, 0.8, seed);
  }

  @ParameterizedTest
  @CsvSource({"tanh,exponential", "identity,exponential", "tanh,logistic", "identity,logistic"})
  void analyticGradientMatchesCentralDifferencesAndAutomaticDifferentiation(String act, String loss) {
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small(act, 1e-2),
        "params.loss=" + loss, "data.generator.tokenScale=1.0").flow();
    double[] theta = state(flow.layout().dimension(), 11);
    Map<String, Double> ad = GradientCheck.automatic(flow, theta);
    Map<String, Double> fd = GradientCheck.centralDifferences(flow, theta, 0);
    assertThat(ad.values()).allSatisfy(e -> assertThat(e).isLessThan(1e-13));
    assertThat(fd.values()).allSatisfy(e -> assertThat(e).isLessThan(1e-8));
    double[] out = new double[theta.length];
    double l = flow.negativeGradient(theta, out);
    assertThat(flow.loss(toBinary(theta)).getReal())
        .isCloseTo(l, org.assertj.core.api.Assertions.within(1e-14 * Math.abs(l)));
  }

  private static org.hipparchus.util.Binary64[] toBinary(double[] t) {
    org.hipparchus.util.Binary64[] b = new org.hipparchus.util.Binary64[t.length];
    for (int i = 0; i < t.length; i++) {
      b[i] = new org.hipparchus.util.Binary64(t[i]);
    }
    return b;
  }

  @Test
  void backpropForceAtZeroMEqualsEquationFifteenForTheLinearModel() {
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small("identity", 1e-2)).flow();
    int d = flow.data().d();
    double[] theta = state(flow.layout().dimension(), 5);
    double[] f = new double[d * d];
    flow.keyQueryForce(theta, f);
    double[] beta = ModelChecks.outerProduct(flow, theta);
    double[] eq15 = new PlateauProblem(flow.data(), flow.lossKind()).force(beta);
    double scale = 0;
    double err = 0;
    for (int k = 0; k < f.length; k++) {
      scale = Math.max(scale, Math.abs(eq15[k]));
      err = Math.max(err, Math.abs(f[k] - eq15[k]));
    }
    assertThat(err / scale).isLessThan(1e-14);
  }

  @Test
  void lossDeficitKeepsDigitsWhereOneMinusLossRoundsToZero() {
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small("identity", 1e-2)).flow();
    double[] theta = state(flow.layout().dimension(), 5);
    double[] tiny = theta.clone();
    for (int i = 0; i < tiny.length; i++) {
      tiny[i] *= 1e-7;
    }
    double deficit = flow.lossDeficit(tiny);
    // f = O(ε³) = 1e-21: 1 − L is below double resolution of L but the deficit is exact to leading order
    assertThat(1 - flow.loss(tiny)).isEqualTo(0.0);
    assertThat(Math.abs(deficit)).isBetween(1e-24, 1e-18);
    double[] f = new double[flow.data().n()];
    flow.outputs(tiny, f);
    double want = 0;
    for (int i = 0; i < f.length; i++) {
      want += flow.data().label(i) * f[i];
    }
    assertThat(deficit).isCloseTo(want / f.length, org.assertj.core.api.Assertions.within(1e-12 * Math.abs(deficit)));
  }

  @Test
  void negativeGradientDoesNotAllocate() {
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small("tanh", 1e-2)).flow();
    double[] theta = state(flow.layout().dimension(), 2);
    double[] out = new double[theta.length];
    var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) {
      flow.negativeGradient(theta, out);
    }
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1000; i++) {
      flow.negativeGradient(theta, out);
    }
    assertThat(bean.getCurrentThreadAllocatedBytes() - before).isLessThan(1024);
  }
}
