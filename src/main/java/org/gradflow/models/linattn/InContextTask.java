package org.gradflow.models.linattn;

/**
 * The in-context regression task's statistics: the diagonal Λ = diag(λ) of the token
 * covariance (any covariance is diagonal in its eigenbasis, and the loss is equivariant under
 * that rotation) and the context length N. Closed forms of the population loss live here.
 */
public record InContextTask(double[] lambda, int contextLength) {

  public InContextTask {
    lambda = lambda.clone();
  }

  public int dimension() {
    return lambda.length;
  }

  public double trace() {
    double s = 0;
    for (double l : lambda) {
      s += l;
    }
    return s;
  }

  /** A_p, the diagonal of A = E[Λ̂²] = (1 + 1/N) Λ² + (tr Λ / N) Λ (Wishart second moment). */
  public double a(int p) {
    return (1 + 1.0 / contextLength) * lambda[p] * lambda[p] + trace() / contextLength * lambda[p];
  }

  /** Γ*_pp = λ_p / A_p: Γ* = ((1 + 1/N) Λ + (tr Λ / N) I)⁻¹, Zhang, Frei &amp; Bartlett Thm 4.1. */
  public double optimum(int p) {
    return lambda[p] / a(p);
  }

  /**
   * The loss once the top k principal components are learned (Γ = Γ* on them, 0 elsewhere):
   * ½ tr Λ − ½ Σ_{p&lt;k} λ_p³ / A_p. k = 0: the plateau at Γ = 0; k = d: the global minimum.
   * Components are taken in the order of {@code lambda}, which specs list decreasing.
   */
  public double plateauLoss(int k) {
    double l = 0.5 * trace();
    for (int p = 0; p < k; p++) {
      l -= 0.5 * lambda[p] * lambda[p] * lambda[p] / a(p);
    }
    return l;
  }

  public double minimumLoss() {
    return plateauLoss(lambda.length);
  }
}
