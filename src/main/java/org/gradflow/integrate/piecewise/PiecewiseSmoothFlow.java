package org.gradflow.integrate.piecewise;

import org.gradflow.core.GradientFlow;

/**
 * A gradient flow whose right-hand side is smooth except on switching surfaces h_k(θ) = 0 (ReLU
 * kinks): on each side of a surface a smooth field applies, and either one extends smoothly across
 * it. {@link KinkRestartIntegrator} integrates such flows with the side of every surface held
 * fixed, locates crossings with events, and restarts there (or slides, Filippov).
 */
public interface PiecewiseSmoothFlow extends GradientFlow {
  /** Side of a switching surface: the active (h &gt; 0) or inactive (h &lt; 0) smooth piece. */
  int INACTIVE = 0;
  int ACTIVE = 1;

  int switchCount();

  /** h_k(θ); the ReLU is active where h_k &gt; 0. */
  double switching(int k, double[] theta);

  /** ∇h_k(θ) into {@code out}. */
  void switchingGradient(int k, double[] theta, double[] out);

  /**
   * −∇L of the smooth piece selected by {@code sides[k]} ∈ {INACTIVE, ACTIVE} (held even where h_k
   * has the other sign), returns that piece's loss.
   */
  double negativeGradientOnSides(double[] theta, int[] sides, double[] out);
}
