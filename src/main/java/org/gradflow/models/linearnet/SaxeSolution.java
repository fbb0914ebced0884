package org.gradflow.models.linearnet;

/**
 * Saxe et al. (2014) closed form for balanced, aligned initialization on whitened inputs: with
 * Σ = U S Vᵀ and W2W1(0) = U diag(a0) Vᵀ, every mode's strength follows the logistic
 * a(t) = s·e^{2st} / (e^{2st} − 1 + s/a0), i.e. ȧ = 2a(s − a).
 */
public final class SaxeSolution {
  private SaxeSolution() {}

  public static double modeStrength(double s, double a0, double t) {
    // s / (1 + (s/a0 − 1)e^{−2st}): stable for large t
    return s / (1 + (s / a0 - 1) * Math.exp(-2 * s * t));
  }

  /** Time at which a mode of strength s started at a0 reaches a (a0 < a < s). */
  public static double timeToReach(double s, double a0, double a) {
    return Math.log((s / a0 - 1) / (s / a - 1)) / (2 * s);
  }
}
