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

  /** ½Σ_k (s_k − a_k(t))², modes beyond {@code modes} (no hidden unit for them) stay at a = 0. */
  public static double loss(double[] s, int modes, double a0, double t) {
    double l = 0;
    for (int k = 0; k < s.length; k++) {
      double a = k < modes ? modeStrength(s[k], a0, t) : 0;
      l += 0.5 * (s[k] - a) * (s[k] - a);
    }
    return l;
  }

  /** The time in (0, tMax) at which the closed-form loss falls through {@code level}. */
  public static double lossCrossingTime(double[] s, int modes, double a0, double level, double tMax) {
    var solver = new org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver(1e-15, 1e-15, 1e-300, 5);
    return solver.solve(10_000, t -> loss(s, modes, a0, t) - level, 0, tMax);
  }
}
