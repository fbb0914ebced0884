package org.gradflow.models.linattn;

import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * The analytical time course from the balanced, aligned initialization (docs/linear-attention.md,
 * "Analytical time course"). Merged key–query, white Λ = λI: the heads are hidden units of a
 * two-layer net on one mode of strength s = λ²√d and curvature c = A λ, so Γ = α Ĩ (Ĩ = I/√d)
 * with α̇ = 2α(s − cα): the logistic α(t) = α* / (1 + (α* / α0 − 1)e^{−2st}), α* = s/c, α0 = H u0².
 * Separate rank-one heads, head i on principal component i: γ_i = u³ with u̇ = u²(s − c u³),
 * s = λ_i², c = A_i λ_i, solved implicitly: t(u) = (1/s)[1/u0 − 1/u + F(u) − F(u0)],
 * F(u) = (1/3κ)[½ ln(u² + κu + κ²) − ln(κ − u)] − (1/(√3 κ)) atan((2u + κ)/(√3 κ)), κ³ = s/c.
 */
public final class AlignedSolution {
  private final InContextTask task;
  private final boolean merged;
  private final int heads;
  private final double u0;

  public AlignedSolution(InContextTask task, boolean merged, int heads, double u0) {
    this.task = task;
    this.merged = merged;
    this.heads = heads;
    this.u0 = u0;
  }

  /** Rate s of component p (merged: the single mode, any p). */
  private double s(int p) {
    double[] l = task.lambda();
    return merged ? l[0] * l[0] * Math.sqrt(task.dimension()) : l[p] * l[p];
  }

  private double c(int p) {
    return task.a(p) * task.lambda()[p];
  }

  /** Fraction Γ_pp/Γ*_pp of component p at time t (merged: α/α*, the same for every p). */
  public double fraction(int p, double t) {
    if (merged) {
      double ratio = s(0) / c(0) / (heads * u0 * u0);
      return 1 / (1 + (ratio - 1) * Math.exp(-2 * s(0) * t));
    }
    if (p >= heads) {
      return 0;
    }
    double kappa = Math.cbrt(s(p) / c(p));
    double top = Math.nextDown(kappa);
    if (t >= time(p, top)) {
      return 1;
    }
    double u = solver().solve(10_000, x -> time(p, x) - t, u0, top);
    return Math.pow(u / kappa, 3);
  }

  /** The time at which component p's fraction reaches f ∈ (fraction at 0, 1). */
  public double timeToFraction(int p, double f) {
    if (merged) {
      double ratio = s(0) / c(0) / (heads * u0 * u0);
      return Math.log((ratio - 1) / (1 / f - 1)) / (2 * s(0));
    }
    return time(p, Math.cbrt(s(p) / c(p) * f));
  }

  /** t(u) of a separate head: the implicit solution above. */
  double time(int p, double u) {
    double kappa = Math.cbrt(s(p) / c(p));
    return (1 / u0 - 1 / u + f(kappa, u) - f(kappa, u0)) / s(p);
  }

  /** A fresh solver per solve: Hipparchus solvers keep per-solve state, and these solves nest. */
  private static BracketingNthOrderBrentSolver solver() {
    return new BracketingNthOrderBrentSolver(1e-15, 1e-15, 1e-300, 5);
  }

  private static double f(double kappa, double u) {
    double log = 0.5 * Math.log(u * u + kappa * u + kappa * kappa) - Math.log(kappa - u);
    return log / (3 * kappa) - Math.atan((2 * u + kappa) / (Math.sqrt(3) * kappa)) / (Math.sqrt(3) * kappa);
  }

  /** L(t) = ½ tr Λ + Σ_p (½ A_p λ_p γ_p² − λ_p² γ_p), γ_p = fraction_p(t) · Γ*_pp. */
  public double loss(double t) {
    double[] l = task.lambda();
    double loss = 0.5 * task.trace();
    for (int p = 0; p < task.dimension(); p++) {
      double g = fraction(p, t) * task.optimum(p);
      loss += 0.5 * task.a(p) * l[p] * g * g - l[p] * l[p] * g;
    }
    return loss;
  }

  /** The time at which L(t) falls through {@code level}, by a Brent solver on [0, tMax]. */
  public double lossCrossing(double level, double tMax) {
    return solver().solve(10_000, t -> loss(t) - level, 0, tMax);
  }
}
