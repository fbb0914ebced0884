package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttentionScalarFlowTest {

  @ParameterizedTest
  @CsvSource({"0.2,0.3,0.5,0.4,0.7", "0.5,0.8,1,-1,-2", "0.2,0.5,0.8,-0.3,3.1"})
  void gradientMatchesDifferencesAndAd(double p, double q, double e, double w, double a) {
    GradientChecks.assertGradient(new AttentionScalarFlow(new MarkovSource(p, q)),
        new double[] {e, w, a}, 1e-13, 1e-8);
  }

  @ParameterizedTest
  @CsvSource({"0.2,0.3,0.5,0.4", "0.5,0.8,1,-1"})
  void reducesToTheCanonicalFlowAtAZero(double p, double q, double e, double w) {
    MarkovSource s = new MarkovSource(p, q);
    double[] g3 = new double[3];
    double[] g2 = new double[2];
    double l3 = new AttentionScalarFlow(s).negativeGradient(new double[] {e, w, 0}, g3);
    double l2 = new CanonicalFlow(s).negativeGradient(new double[] {e, w}, g2);
    assertThat(l3).isEqualTo(l2);
    assertThat(g3[0]).isCloseTo(g2[0], within(1e-15));
    assertThat(g3[1]).isCloseTo(g2[1], within(1e-15));
  }
}
