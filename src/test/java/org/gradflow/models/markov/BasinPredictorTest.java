package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasinPredictorTest {

  /** Spec §6.1 tables (scipy-verified limits). */
  @ParameterizedTest
  @CsvSource({
    "0.2,0.3,0.05,0.05,GLOBAL,1.374487,0.301899",
    "0.2,0.3,1,-1,GLOBAL,1.510682,-0.103155",
    "0.2,0.3,0.5,-1.5,LOCAL,0,-1.385981",
    "0.2,0.3,1.5,-1.5,GLOBAL,1.528492,-0.148252",
    "0.2,0.3,1,0.5,GLOBAL,1.138494,0.601342",
    "0.5,0.8,0.05,0.05,LOCAL,0,0.049876",
    "0.5,0.8,0.05,-0.05,LOCAL,0,-0.050126",
    "0.5,0.8,1,-0.5,GLOBAL,1.058145,-1.057858",
    "0.5,0.8,1.5,-0.5,GLOBAL,1.490943,-0.901010",
    "0.5,0.8,1,-1,GLOBAL,1.037607,-1.069492",
    "0.5,0.8,1,0.5,LOCAL,0,0.224568",
    "0.5,0.8,0.1,-2,GLOBAL,0.432716,-2.049844",
    "0.1,0.1,0.5,-2,LOCAL,0,-1.926847",
    "0.1,0.1,2,-2,GLOBAL,2.097561,-0.024575",
    "0.1,0.1,0.5,0.5,GLOBAL,1.247938,0.954398",
    "0.9,0.9,0.5,-0.3,LOCAL,0,-0.419953",
    "0.9,0.9,1.5,-0.3,GLOBAL,1.496820,-1.216840",
    "0.9,0.9,0.5,-1,GLOBAL,1.086748,-1.536374",
    "0.9,0.9,0.5,0.5,LOCAL,0,0.419365"})
  void predictsSpecTable(double p, double q, double e0, double w0, Basin basin, double e, double w) {
    MarkovSource s = new MarkovSource(p, q);
    LimitPrediction pr = new BasinPredictor(s).predict(e0, w0);
    assertThat(pr.basin()).isEqualTo(basin);
    assertThat(pr.e()).isCloseTo(e, within(1e-6));
    assertThat(pr.w()).isCloseTo(w, within(1e-6));
    assertThat(pr.loss()).isEqualTo(basin == Basin.GLOBAL ? s.entropyRate() : s.unigramEntropy());
    // the prediction lies on the start's level set and, if global, on Δ = Δ*
    if (basin == Basin.GLOBAL) {
      assertThat(Energy.of(pr.e(), pr.w())).isCloseTo(Energy.of(e0, w0), within(1e-12));
      assertThat(CanonicalFlow.delta(pr.e(), pr.w())).isCloseTo(s.deltaStar(), within(1e-12));
    } else {
      assertThat(Energy.of(1e-300, pr.w())).isCloseTo(Energy.of(e0, w0), within(1e-12));
    }
  }

  @ParameterizedTest
  @CsvSource({"0.2,0.3,0.05,0.05", "0.5,0.8,1,-1", "0.5,0.8,1,0.5", "0.1,0.1,0.5,-2", "0.9,0.9,1.5,-0.3"})
  void predictionAgreesWithLongIntegration(double p, double q, double e0, double w0) {
    MarkovSource s = new MarkovSource(p, q);
    LimitPrediction pr = new BasinPredictor(s).predict(e0, w0);
    double[] th = DirectFlow.integrate(new CanonicalFlow(s), new double[] {e0, w0}, 400, 1e-12, 1e-14);
    assertThat(th[0]).isCloseTo(pr.e(), within(1e-8));
    assertThat(th[1]).isCloseTo(pr.w(), within(1e-8));
  }

  @Test
  void separatrixAndLinesAreClassified() {
    MarkovSource sub = new MarkovSource(0.2, 0.3);
    MarkovSource sup = new MarkovSource(0.5, 0.8);
    BasinPredictor a = new BasinPredictor(sub);
    BasinPredictor b = new BasinPredictor(sup);
    assertThat(a.basin(0, 1)).isEqualTo(Basin.FIXED);
    assertThat(a.basin(0.3, 0)).isEqualTo(Basin.GLOBAL);
    assertThat(b.basin(0.3, 0)).isEqualTo(Basin.LOCAL);
    assertThat(a.predict(-0.3, 0).e()).isCloseTo(-Math.sqrt(sub.deltaStar()), within(1e-15));
    // just inside/outside the separatrix at w = −2 (p+q<1) and w = −0.3 (p+q>1)
    double es = Energy.separatrix(-2);
    assertThat(a.basin(es * (1 - 1e-9), -2)).isEqualTo(Basin.LOCAL);
    assertThat(a.basin(es * (1 + 1e-9), -2)).isEqualTo(Basin.GLOBAL);
    double et = Energy.separatrix(-0.3);
    assertThat(b.basin(et * (1 - 1e-9), -0.3)).isEqualTo(Basin.LOCAL);
    assertThat(b.basin(et * (1 + 1e-9), -0.3)).isEqualTo(Basin.GLOBAL);
    // data-independent guideline: w<0 with |e| > e_sep(w) is global for both signs of p+q−1
    for (double w : new double[] {-3, -1.2, -0.5, -0.1}) {
      double e = Energy.separatrix(w) + 0.05;
      assertThat(a.basin(e, w)).isEqualTo(Basin.GLOBAL);
      assertThat(b.basin(e, w)).isEqualTo(Basin.GLOBAL);
    }
  }

  @Test
  void localRateMatchesIntegration() {
    // spec §3.7: (0.5,0.8) from (1, 0.5): w∞ = 0.224568, λ = 0.1563, e(50)/e(20) = e^{−30λ}
    MarkovSource s = new MarkovSource(0.5, 0.8);
    CanonicalFlow flow = new CanonicalFlow(s);
    double lambda = new ConvergenceRates(s).towardLocalLine(new BasinPredictor(s).predict(1, 0.5).w());
    assertThat(lambda).isCloseTo(0.1563, within(1e-4));
    double[] at20 = DirectFlow.integrate(flow, new double[] {1, 0.5}, 20, 1e-12, 1e-16);
    double[] at50 = DirectFlow.integrate(flow, new double[] {1, 0.5}, 50, 1e-12, 1e-16);
    double measured = Math.log(at20[0] / at50[0]) / 30;
    assertThat(measured).isCloseTo(lambda, within(2e-3 * lambda));
  }
}
