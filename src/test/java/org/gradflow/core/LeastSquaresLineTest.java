package org.gradflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeastSquaresLineTest {

  @Test
  void recoversAnExactLine() {
    double[] x = {-2, -1, 0.5, 3, 7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 - 0.5 * x[i];
    }
    LeastSquaresLine line = LeastSquaresLine.fit(x, y);
    assertThat(line.slope()).isCloseTo(-0.5, within(1e-15));
    assertThat(line.intercept()).isCloseTo(2, within(1e-15));
    assertThat(line.rSquared()).isCloseTo(1, within(1e-15));
    assertThat(line.slopeStdErr()).isLessThan(1e-15);
    assertThat(line.at(10)).isCloseTo(-3, within(1e-14));
    assertThat(line.n()).isEqualTo(5);
  }

  /** Three points with the normal equations in closed form; n = 3 gives a t-interval with one degree of freedom. */
  @Test
  void noisyFitMatchesTheNormalEquations() {
    double[] x = {0, 1, 2};
    double[] y = {0, 2, 1};
    LeastSquaresLine line = LeastSquaresLine.fit(x, y);
    // x̄ = 1, ȳ = 1, Sxy = 1, Sxx = 2: slope 1/2, intercept 1/2; SSE = 1.5, s² = 1.5, se = √(1.5/2)
    assertThat(line.slope()).isEqualTo(0.5);
    assertThat(line.intercept()).isEqualTo(0.5);
    assertThat(line.rSquared()).isCloseTo(0.25, within(1e-15));
    assertThat(line.slopeStdErr()).isCloseTo(Math.sqrt(0.75), within(1e-15));
    // t_{0.975, 1} = 12.7062047361747
    assertThat(line.slopeHalfWidth(0.05)).isCloseTo(12.7062047361747 * Math.sqrt(0.75), within(1e-9));
  }

  /** The javadoc's precision claim, at an offset where the one-pass formula has no digit left. */
  @Test
  void slopeKeepsItsDigitsFarFromTheOrigin() {
    int n = 12;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1e7 + 0.1 * i + 0.01 * Math.sin(i);
      y[i] = 3 * x[i] + 0.5;
    }
    double mean = 0;
    double max = 0;
    for (double v : x) {
      mean += v / n;
      max = Math.max(max, Math.abs(v));
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / n;
    }
    double bound = n * Math.ulp(1.0) * max / Math.sqrt(var);
    assertThat(mean / Math.sqrt(var)).isGreaterThan(2e7);
    assertThat(Math.abs(LeastSquaresLine.fit(x, y).slope() / 3 - 1)).isLessThan(bound).isLessThan(1e-6);
    assertThat(Math.abs(onePassSlope(x, y) / 3 - 1)).as("the formula this class replaced").isGreaterThan(1e-3);
  }

  @Test
  void fitsAPrefixAndRefusesMismatchedLengths() {
    double[] x = {1, 2, 3, 100};
    double[] y = {1, 2, 3, -50};
    assertThat(LeastSquaresLine.fit(x, y, 3).slope()).isCloseTo(1, within(1e-15));
    assertThat(LeastSquaresLine.fit(x, y, 1).slope()).isNaN();
    assertThatThrownBy(() -> LeastSquaresLine.fit(x, new double[3])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeastSquaresLine.fit(x, y, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double onePassSlope(double[] x, double[] y) {
    int n = x.length;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
      sxx += x[i] * x[i];
      sxy += x[i] * y[i];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
