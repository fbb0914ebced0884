package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkovSourceTest {

  @ParameterizedTest
  @CsvSource({
    "0.2,0.3,0.4,0.6730117,0.5445872",
    "0.5,0.8,0.384615,0.6662784,0.6190146",
    "0.1,0.1,0.5,0.6931472,0.3250830",
    "0.9,0.9,0.5,0.6931472,0.3250830",
    "0.7,0.9,0.4375,0.6853143,0.4858350"})
  void referenceValuesOfSpecTable(double p, double q, double pi1, double uni, double rate) {
    MarkovSource s = new MarkovSource(p, q);
    assertThat(s.pi1()).isCloseTo(pi1, within(1e-6));
    assertThat(s.unigramEntropy()).isCloseTo(uni, within(1e-7));
    assertThat(s.entropyRate()).isCloseTo(rate, within(1e-7));
    // ℓ(Δ*) = entropy rate, ℓ(0) = H(π), ℓ'(Δ*) = 0
    assertThat(s.reducedLoss(s.deltaStar())).isCloseTo(s.entropyRate(), within(1e-14));
    assertThat(s.reducedLoss(0)).isCloseTo(s.unigramEntropy(), within(1e-14));
    assertThat(s.reducedSlope(s.deltaStar())).isCloseTo(0, within(1e-15));
  }

  @ParameterizedTest
  @CsvSource({"0.2,0.3", "0.5,0.8", "0.1,0.1", "0.9,0.9", "0.7,0.9", "0.05,0.6"})
  void derivativesOfReducedLossMatchClosedFormsAndDifferences(double p, double q) {
    MarkovSource s = new MarkovSource(p, q);
    double pi0 = s.pi0();
    double pi1 = s.pi1();
    assertThat(s.reducedSlope(0)).isCloseTo(s.slopeAtZero(), within(1e-15));
    assertThat(s.reducedCurvature(0)).isCloseTo(pi0 * pi1 * pi0 * pi1, within(1e-15));
    assertThat(s.reducedCurvature(s.deltaStar())).isCloseTo(s.curvatureAtMinimum(), within(1e-15));
    double h = 1e-5;
    for (double d : new double[] {-3, -0.4, 0, 0.7, 2.5}) {
      double fd1 = (s.reducedLoss(d + h) - s.reducedLoss(d - h)) / (2 * h);
      double fd2 = (s.reducedSlope(d + h) - s.reducedSlope(d - h)) / (2 * h);
      assertThat(s.reducedSlope(d)).isCloseTo(fd1, within(1e-10));
      assertThat(s.reducedCurvature(d)).isCloseTo(fd2, within(1e-10));
      assertThat(s.reducedCurvature(d)).isPositive();
      // the bias is optimal: ∂L/∂b = g0 + g1 = 0 at f0*
      double f0 = s.optimalLogitAtZero(d);
      assertThat(s.dLossDf0(f0) + s.dLossDf1(f0 + d)).isCloseTo(0, within(1e-15));
    }
    assertThat(Math.signum(s.deltaStar())).isEqualTo(s.subcritical() ? 1.0 : -1.0);
  }

  @Test
  void optimalBiasIsStableForHugeGaps() {
    MarkovSource s = new MarkovSource(0.2, 0.3);
    for (double d : new double[] {-2000, -800, 800, 2000}) {
      double f0 = s.optimalLogitAtZero(d);
      assertThat(f0).isFinite();
      assertThat(s.dLossDf0(f0) + s.dLossDf1(f0 + d)).isCloseTo(0, within(1e-15));
      assertThat(s.reducedLoss(d)).isFinite();
    }
  }

  @Test
  void rejectsDegenerateAndOutOfRangeSources() {
    assertThatThrownBy(() -> new MarkovSource(0.4, 0.6)).hasMessageContaining("degenerate");
    assertThatThrownBy(() -> new MarkovSource(0, 0.6)).hasMessageContaining("(0,1)");
  }
}
