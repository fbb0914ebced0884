package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriticalPointsTest {

  @ParameterizedTest
  @CsvSource({"0.2,0.3", "0.5,0.8", "0.1,0.1", "0.9,0.9"})
  void classifiedPointsAreCriticalWithTheRightLocalShape(double p, double q) {
    MarkovSource s = new MarkovSource(p, q);
    CanonicalFlow flow = new CanonicalFlow(s);
    CriticalPoints cp = new CriticalPoints(s);
    double[] g = new double[2];
    // line e = 0: loss H(π), zero gradient; the e-direction curvature sign gives min / max
    for (double w : new double[] {-2.5, -1, -0.2, 0, 0.4, 2}) {
      flow.negativeGradient(new double[] {0, w}, g);
      assertThat(g[0]).isZero();
      assertThat(g[1]).isZero();
      double bump = flow.loss(new double[] {1e-3, w}) - s.unigramEntropy();
      CriticalPoints.Kind k = cp.classify(0, w, 1e-12);
      assertThat(k).isEqualTo(bump > 0 ? CriticalPoints.Kind.LOCAL_MINIMUM : CriticalPoints.Kind.LOCAL_MAXIMUM);
    }
    assertThat(cp.classify(0, Energy.SADDLE_W, 1e-12)).isEqualTo(CriticalPoints.Kind.SADDLE);
    // the global-minimum curve exists on w > −1/√2 (p+q<1) or w < −1/√2 (p+q>1)
    for (double w : new double[] {-2.5, -1, -0.5, 0, 0.4, 2}) {
      double e = cp.globalMinimumE(w);
      boolean exists = s.subcritical() ? w > Energy.SADDLE_W : w < Energy.SADDLE_W;
      assertThat(Double.isNaN(e)).isEqualTo(!exists);
      if (exists) {
        double l = flow.negativeGradient(new double[] {e, w}, g);
        assertThat(l).isCloseTo(s.entropyRate(), within(1e-14));
        assertThat(Math.hypot(g[0], g[1])).isLessThan(1e-14);
        assertThat(cp.classify(e, w, 1e-12)).isEqualTo(CriticalPoints.Kind.GLOBAL_MINIMUM);
      }
    }
  }
}
