package org.gradflow.models.markov;

import org.gradflow.integrate.piecewise.KinkRestartIntegrator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.InitialState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MarkovTransformerTest {

  @ParameterizedTest
  @CsvSource({"2,3,true,1", "2,3,false,2", "3,4,true,3"})
  void gradientMatchesDifferencesAndAd(int d, int n, boolean wo, long seed) {
    MarkovTransformer m = new MarkovTransformer(new MarkovSource(0.3, 0.45), d, n, wo);
    double[] th = InitialState.gaussian(m.layout().dimension(), 0.6, seed);
    GradientChecks.assertGradient(m, th, 1e-12, 1e-7);
  }

  @ParameterizedTest
  @CsvSource({"0.5,0.8,1,-0.5,0.3", "0.2,0.3,0.7,1.3,-0.4", "0.5,0.8,-1.2,-0.4,0.1", "0.9,0.9,0.4,-2,0"})
  void embeddingOfTheCanonicalModelIsExact(double p, double q, double e, double w, double b) {
    MarkovSource s = new MarkovSource(p, q);
    FreeBiasFlow canonical = new FreeBiasFlow(s);
    for (int[] dn : new int[][] {{2, 3}, {4, 6}}) {
      MarkovTransformer m = new MarkovTransformer(s, dn[0], dn[1], true);
      double[] th = TransformerEmbedding.phi(m, e, w, b, 0.5, 7);
      assertThat(m.loss(th)).isCloseTo(canonical.loss(new double[] {e, w, b}), within(1e-13));
    }
  }

  @Test
  void lossIsBoundedBelowByEntropyRateAndEqualsUnigramAtZeroEmbedding() {
    MarkovSource s = new MarkovSource(0.5, 0.8);
    MarkovTransformer m = new MarkovTransformer(s, 3, 5, true);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 20; i++) {
      double[] th = InitialState.gaussian(m.layout().dimension(), rng.nextDouble(0.1, 2), rng.nextLong());
      assertThat(m.loss(th)).isGreaterThanOrEqualTo(s.entropyRate());
      ParameterLayout.Block e = m.layout().block("e");
      java.util.Arrays.fill(th, e.offset(), e.offset() + e.size(), 0);
      th[m.layout().offset("b")] = Math.log(s.p() / s.q());
      assertThat(m.loss(th)).isCloseTo(s.unigramEntropy(), within(1e-14));
    }
  }

  /**
   * §3.11 / §6.3 identity 2: on the rank-one manifold with W_V = W_O = 0 the full gradient is
   * tangent to the manifold and equals the 5-scalar flow's gradient in block-norm coordinates.
   */
  @Test
  void fullGradientReducesToTheRankOneFlow() {
    MarkovSource s = new MarkovSource(0.5, 0.8);
    int d = 4;
    int n = 6;
    MarkovTransformer m = new MarkovTransformer(s, d, n, true);
    RankOneFlow r = new RankOneFlow(s, n);
    double[] nat = {1.2, -0.4, 0.7, -0.9, 0.1};
    double[] th = TransformerEmbedding.rankOne(m, nat[0], nat[1], nat[2], nat[3], nat[4], 0.3, 11);
    ParameterLayout l = m.layout();
    java.util.Arrays.fill(th, l.offset("W_O"), l.offset("W_O") + d * d, 0);
    double[] g = new double[th.length];
    double lossFull = m.negativeGradient(th, g);
    double[] phi = r.fromNatural(nat[0], nat[1], nat[2], nat[3], nat[4]);
    double[] gr = new double[5];
    double lossReduced = r.negativeGradient(phi, gr);
    assertThat(lossFull).isCloseTo(lossReduced, within(1e-13));
    // project the full velocity on the unit directions of each block; Frobenius coordinates
    assertThat(blockDot(g, th, l, "e", d)).isCloseTo(gr[RankOneFlow.ET], within(1e-13));
    assertThat(uniformBlockVelocity(g, l, "wpe"))
        .isCloseTo(gr[RankOneFlow.P], within(1e-13));
    assertThat(uniformBlockVelocity(g, l, "W_1"))
        .isCloseTo(gr[RankOneFlow.W1], within(1e-13));
    assertThat(uniformBlockVelocity(g, l, "W_2"))
        .isCloseTo(gr[RankOneFlow.W2], within(1e-13));
    assertThat(g[l.offset("b")]).isCloseTo(gr[RankOneFlow.B], within(1e-14));
    // attention gets no gradient at all when W_V = W_O = 0
    for (String name : new String[] {"W_Q", "W_K", "W_V", "W_O"}) {
      ParameterLayout.Block b = l.block(name);
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        assertThat(g[i]).isZero();
      }
    }
  }

  /**
   * Velocity along the unit-Frobenius all-equal direction D of a block whose velocity must be a
   * multiple of D (all entries equal): the block-norm coordinate's rate.
   */
  private static double uniformBlockVelocity(double[] g, ParameterLayout l, String name) {
    ParameterLayout.Block b = l.block(name);
    double first = g[b.offset()];
    for (int i = b.offset(); i < b.offset() + b.size(); i++) {
      assertThat(g[i]).as("block %s stays on the manifold", name).isCloseTo(first, within(1e-14));
    }
    return first * Math.sqrt(b.size());
  }

  private static double blockDot(double[] g, double[] th, ParameterLayout l, String name, int d) {
    ParameterLayout.Block b = l.block(name);
    double s = 0;
    for (int i = b.offset(); i < b.offset() + b.size(); i++) {
      s += g[i] / Math.sqrt(d);
    }
    return s;
  }

  /** §6.3 identity 2, verified number: 5-scalar GF (d=4, N=6, (0.5,0.8)) at T = 5. */
  @Test
  void rankOneFlowReproducesSpecTrajectory() {
    RankOneFlow r = new RankOneFlow(new MarkovSource(0.5, 0.8), 6);
    double[] end = new KinkRestartIntegrator(r, 1e-12, 1e-14, 100)
        .integrate(r.fromNatural(1.2, -0.4, 0.7, -0.9, 0.1), 5);
    double[] nat = r.toNatural(end);
    double[] expected = {1.19030502, -0.35626249, 0.71731618, -0.91353298, 0.26983543};
    for (int i = 0; i < 5; i++) {
      assertThat(nat[i]).isCloseTo(expected[i], within(1e-8));
    }
  }

  @ParameterizedTest
  @CsvSource({"1,-0.5,0.5,-0.5,0", "1.2,0.3,-0.7,0.9,0.1", "0.4,-0.1,0.8,-1.5,-0.3"})
  void rankOneGradientMatchesDifferencesAndAd(double et, double ep, double w1, double w2, double b) {
    RankOneFlow r = new RankOneFlow(new MarkovSource(0.5, 0.8), 3);
    GradientChecks.assertGradient(r, r.fromNatural(et, ep, w1, w2, b), 1e-13, 1e-8);
  }
}
