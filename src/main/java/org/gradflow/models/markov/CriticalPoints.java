package org.gradflow.models.markov;

/** The critical set of the reduced loss L̃(e, w) (spec §3.4). */
public final class CriticalPoints {

  /** What kind of critical point (e, w) is. */
  public enum Kind { LOCAL_MINIMUM, LOCAL_MAXIMUM, SADDLE, GLOBAL_MINIMUM, NOT_CRITICAL }

  private final MarkovSource source;

  public CriticalPoints(MarkovSource source) {
    this.source = source;
  }

  /**
   * e ≥ 0 branch of the global-minimum curve e² (1 + 2w|w|) = Δ*, or NaN where it does not exist
   * (sign(1 + 2w|w|) ≠ sign Δ*).
   */
  public double globalMinimumE(double w) {
    double factor = 1 + 2 * w * Math.abs(w);
    double e2 = source.deltaStar() / factor;
    return e2 > 0 ? Math.sqrt(e2) : Double.NaN;
  }

  /** Classification by the §3.4 table; {@code tol} decides "on the curve/line". */
  public Kind classify(double e, double w, double tol) {
    if (Math.abs(e) <= tol) {
      if (Math.abs(w - Energy.SADDLE_W) <= tol) {
        return Kind.SADDLE;
      }
      boolean above = w > Energy.SADDLE_W;
      return above == source.subcritical() ? Kind.LOCAL_MAXIMUM : Kind.LOCAL_MINIMUM;
    }
    double gap = CanonicalFlow.delta(e, w) - source.deltaStar();
    return Math.abs(gap) <= tol ? Kind.GLOBAL_MINIMUM : Kind.NOT_CRITICAL;
  }
}
