package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalFlowTest {

  @ParameterizedTest
  @CsvSource({
    "0.2,0.3,0.05,0.05", "0.2,0.3,1,-1", "0.5,0.8,1.5,-0.5", "0.5,0.8,-0.7,0.3",
    "0.1,0.1,2,-2", "0.9,0.9,0.5,-0.3", "0.2,0.3,0.8,0.01"})
  void gradientMatchesDifferencesAndAd(double p, double q, double e, double w) {
    CanonicalFlow flow = new CanonicalFlow(new MarkovSource(p, q));
    GradientChecks.assertGradient(flow, new double[] {e, w}, 1e-13, 1e-8);
  }

  /** On w = 0, w|w| is C¹ but not C²: central differences are O(h) off there, AD is exact. */
  @Test
  void gradientOnTheInvariantLineWZero() {
    CanonicalFlow flow = new CanonicalFlow(new MarkovSource(0.2, 0.3));
    double[] g = GradientChecks.analytic(flow, new double[] {0.8, 0});
    double[] a = GradientChecks.ad(flow, new double[] {0.8, 0});
    assertThat(g[1]).isZero();
    assertThat(a[1]).isZero();
    assertThat(g[0]).isCloseTo(a[0], within(1e-15));
  }

  @ParameterizedTest
  @CsvSource({"0.2,0.3,0.05,0.05", "0.5,0.8,1.5,-0.5", "0.9,0.9,-0.5,-1.3"})
  void analyticFieldGradientEqualsAdOfGenericLoss(double p, double q, double e, double w) {
    CanonicalFlow flow = new CanonicalFlow(new MarkovSource(p, q));
    Binary64[] th = {new Binary64(e), new Binary64(w)};
    Binary64[] analytic = new Binary64[2];
    Binary64 l = flow.negativeGradient(th, analytic);
    double[] viaAd = GradientChecks.ad(flow, new double[] {e, w});
    assertThat(analytic[0].getReal()).isCloseTo(-viaAd[0], within(1e-15));
    assertThat(analytic[1].getReal()).isCloseTo(-viaAd[1], within(1e-15));
    assertThat(l.getReal()).isCloseTo(flow.loss(new double[] {e, w}), within(1e-15));
  }

  @ParameterizedTest
  @CsvSource({"0.2,0.3,0.05,0.05", "0.5,0.8,1,-1", "0.1,0.1,0.4,-0.9"})
  void envelopeGradientEqualsThreeDimensionalPartialsAtOptimalBias(double p, double q, double e, double w) {
    MarkovSource s = new MarkovSource(p, q);
    CanonicalFlow flow2 = new CanonicalFlow(s);
    FreeBiasFlow flow3 = new FreeBiasFlow(s);
    double[] g2 = new double[2];
    double[] g3 = new double[3];
    double l2 = flow2.negativeGradient(new double[] {e, w}, g2);
    double l3 = flow3.negativeGradient(new double[] {e, w, flow2.optimalBias(e, w)}, g3);
    assertThat(l3).isCloseTo(l2, within(1e-15));
    assertThat(g3[0]).isCloseTo(g2[0], within(1e-14));
    assertThat(g3[1]).isCloseTo(g2[1], within(1e-14));
    assertThat(g3[2]).isCloseTo(0, within(1e-15));
  }

  /** Spec §3.8 reference trajectories (scipy DOP853 rtol 1e-12) and the invariants of §6.1. */
  @Test
  void reproducesReferenceTrajectoriesAndConservesEnergy() {
    CanonicalFlow a = new CanonicalFlow(new MarkovSource(0.2, 0.3));
    double[][] expectA = {{1, 0.06361511, 0.05007702}, {5, 0.16600677, 0.05126219},
        {10, 0.52099734, 0.06531328}, {20, 1.36262009, 0.29368447}};
    for (double[] row : expectA) {
      double[] th = DirectFlow.integrate(a, new double[] {0.05, 0.05}, row[0], 1e-12, 1e-14);
      assertThat(th[0]).isCloseTo(row[1], within(1e-8));
      assertThat(th[1]).isCloseTo(row[2], within(1e-8));
      assertThat(Energy.of(th[0], th[1])).isCloseTo(Energy.of(0.05, 0.05), within(1e-10 * 2.995732));
    }
    CanonicalFlow b = new CanonicalFlow(new MarkovSource(0.5, 0.8));
    double[] th = DirectFlow.integrate(b, new double[] {1, 0.5}, 10, 1e-12, 1e-14);
    assertThat(th[0]).isCloseTo(0.14032952, within(1e-8));
    assertThat(th[1]).isCloseTo(0.22861423, within(1e-8));
    assertThat(b.loss(th)).isCloseTo(0.6678361343, within(1e-10));
    th = DirectFlow.integrate(b, new double[] {1, -1}, 5, 1e-12, 1e-14);
    assertThat(th[0]).isCloseTo(1.03751116, within(1e-8));
    assertThat(th[1]).isCloseTo(-1.06932587, within(1e-8));
  }

  @Test
  void energyIsExactlyConservedByTheVectorField() {
    // dE/dt = ∇E · θ̇ = 0 pointwise, not only along integrated trajectories
    CanonicalFlow flow = new CanonicalFlow(new MarkovSource(0.5, 0.8));
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      double e = rnd.nextDouble(-3, 3);
      double w = rnd.nextDouble(-3, 3);
      double[] v = new double[2];
      flow.negativeGradient(new double[] {e, w}, v);
      Gradient[] x = {Gradient.variable(2, 0, e), Gradient.variable(2, 1, w)};
      double[] gradE = Energy.of(x[0], x[1]).getGradient();
      double scale = Math.abs(gradE[0] * v[0]) + Math.abs(gradE[1] * v[1]) + 1e-300;
      assertThat((gradE[0] * v[0] + gradE[1] * v[1]) / scale).isCloseTo(0, within(1e-13));
    }
  }

  /**
   * The Dfp field path (velocity without the loss, and gradient with it) against forward-mode AD
   * of the generic loss over Dfp(40) (round-off of 40 digits through a few cancellations: ~5e-36 seen), on both branches of the root (Δ &gt; 0 and Δ &lt; 0) and both
   * orders of p and q.
   */
  @ParameterizedTest
  @CsvSource({"0.5, 0.8, 1, -1", "0.2, 0.3, 0.7, 0.4", "0.8, 0.3, 0.9, -0.6", "0.3, 0.1, 0.2, 0.5"})
  void dfpVelocityAndGradientMatchForwardModeAdTo1e34(String p, String q, String e, String w) {
    DfpField field = new DfpField(40);
    CanonicalFlow flow = new CanonicalFlow(new MarkovSource(new BigDecimal(p), new BigDecimal(q)));
    Dfp[] theta = {field.newDfp(e), field.newDfp(w)};
    FieldGradientField<Dfp> ad = FieldGradientField.getField(field, 2);
    FieldGradient<Dfp>[] vars = org.hipparchus.util.MathArrays.buildArray(ad, 2);
    vars[0] = FieldGradient.variable(2, 0, theta[0]);
    vars[1] = FieldGradient.variable(2, 1, theta[1]);
    FieldGradient<Dfp> loss = flow.loss(vars);
    Dfp[] velocity = org.hipparchus.util.MathArrays.buildArray(field, 2);
    Dfp[] gradient = org.hipparchus.util.MathArrays.buildArray(field, 2);
    flow.velocity(theta, velocity);
    Dfp l = flow.negativeGradient(theta, gradient);
    assertThat(l.subtract(loss.getValue()).abs().toDouble()).isLessThan(1e-34);
    for (int i = 0; i < 2; i++) {
      Dfp expected = loss.getPartialDerivative(i).negate();
      double scale = Math.max(1e-30, Math.abs(expected.toDouble()));
      assertThat(velocity[i].subtract(expected).abs().toDouble() / scale).as("velocity %d", i).isLessThan(1e-34);
      assertThat(gradient[i].subtract(expected).abs().toDouble() / scale).as("gradient %d", i).isLessThan(1e-34);
    }
  }
}
