package org.gradflow.core;

import org.hipparchus.stat.regression.SimpleRegression;

/**
 * The ordinary least-squares line y ≈ intercept + slope·x through points added one by one
 * (Hipparchus {@link SimpleRegression}, with intercept): slope, intercept, R², the slope's
 * standard error and confidence interval.
 *
 * <p>Precision: SimpleRegression keeps running means and centered sums, updated per point
 * (West 1979: Σ(x − x̄)² += n/(n+1)·(x − x̄ₙ)², …), never the one-pass n·Σxy − Σx·Σy, which
 * cancels to nothing once |x̄| ≫ spread. The slope's relative error is bounded by about
 * n·ε·max|x|/s_x (ε = 2⁻⁵², s_x the standard deviation of x): n times the floor
 * ε·|x̄|/s_x that rounding the data alone sets, and below 10⁻¹³ for the fits here (a dozen
 * points, |x̄|/s_x ≤ 10). The test checks the bound at |x̄|/s_x ≈ 3·10⁷, where the one-pass
 * formula has no correct digit. The intercept (Σy − slope·Σx)/n inherits the slope's error
 * times |x̄|; R² is Σxy²/(Σxx·Σyy) of the centered sums. Fewer than two points, or all at one
 * x, give NaN.
 */
public final class LeastSquaresLine {
  private final SimpleRegression regression = new SimpleRegression();

  /** The line through (x[i], y[i]) for i &lt; n. */
  public static LeastSquaresLine fit(double[] x, double[] y, int n) {
    if (n > x.length || n > y.length) {
      throw new IllegalArgumentException(n + " points asked of " + x.length + " x and " + y.length + " y values");
    }
    LeastSquaresLine line = new LeastSquaresLine();
    for (int i = 0; i < n; i++) {
      line.add(x[i], y[i]);
    }
    return line;
  }

  /** The line through all (x[i], y[i]); x and y have the same length. */
  public static LeastSquaresLine fit(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
    }
    return fit(x, y, x.length);
  }

  /** Adds the point (x, y); returns this line. */
  public LeastSquaresLine add(double x, double y) {
    regression.addData(x, y);
    return this;
  }

  public long n() {
    return regression.getN();
  }

  public double slope() {
    return regression.getSlope();
  }

  public double intercept() {
    return regression.getIntercept();
  }

  /** Coefficient of determination R² (NaN with fewer than two points). */
  public double rSquared() {
    return regression.getRSquare();
  }

  public double slopeStdErr() {
    return regression.getSlopeStdErr();
  }

  /**
   * Half-width of the slope's two-sided confidence interval at level 1 − alpha (Student t with
   * n − 2 degrees of freedom); NaN with fewer than three points.
   */
  public double slopeHalfWidth(double alpha) {
    return regression.getSlopeConfidenceInterval(alpha);
  }

  /** intercept + slope·x. */
  public double at(double x) {
    return regression.predict(x);
  }
}
