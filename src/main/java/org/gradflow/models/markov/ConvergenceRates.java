package org.gradflow.models.markov;

/** The linear rates of §3.7 and the escape plateau of a tiny initialization. */
public final class ConvergenceRates {
  private final MarkovSource source;

  public ConvergenceRates(MarkovSource source) {
    this.source = source;
  }

  /** λ = 2ℓ'(0)(1 + 2w∞|w∞|): e decays like e^{−λt} toward the local-minimum point (0, w∞). */
  public double towardLocalLine(double wInf) {
    return 2 * source.slopeAtZero() * (1 + 2 * wInf * Math.abs(wInf));
  }

  /**
   * μ = ℓ''(Δ*)|∇Δ|² at the limit (e∞, w∞) on the global-minimum curve; the loss gap decays like
   * e^{−2μt}.
   */
  public double towardGlobalCurve(double eInf, double wInf) {
    double factor = 1 + 2 * wInf * Math.abs(wInf);
    double grad2 = 4 * eInf * eInf * factor * factor + 16 * Math.pow(eInf, 4) * wInf * wInf;
    return source.curvatureAtMinimum() * grad2;
  }

  /**
   * d(escape time)/d log(1/e0) = 1/(2|ℓ'(0)|(1 + 2w0|w0|)): near the repelling part of e = 0 the
   * flow is ė ≈ 2|ℓ'(0)|(1+2w0|w0|) e, so e needs that long per e-fold.
   */
  public double escapeSlope(double w0) {
    return 1 / (2 * Math.abs(source.slopeAtZero()) * (1 + 2 * w0 * Math.abs(w0)));
  }
}
