package org.gradflow.models.cooccurrence;

import java.util.SplittableRandom;

/** Draws a and θ0 = [W, W_V, W_K, W_Q] for given scales, seeded (§4.1). */
public final class Initializer {
  private Initializer() {}

  /** a_j i.i.d. Uniform{±1}. */
  public static double[] signs(int m1, SplittableRandom rng) {
    double[] a = new double[m1];
    for (int j = 0; j < m1; j++) {
      a[j] = rng.nextBoolean() ? 1.0 : -1.0;
    }
    return a;
  }

  /**
   * θ0 with W ~ σ1·ξ and W_V, W_K, W_Q ~ σ0·ξ, ξ standard normal (or uniform with unit variance
   * when {@code uniform}). Blocks are drawn in the order W, W_V, W_K, W_Q, row-major.
   */
  public static double[] weights(int m1, int m, int d, double sigma0, double sigma1,
      boolean uniform, SplittableRandom rng) {
    double[] theta = new double[m1 * m + 3 * m * d];
    int split = m1 * m;
    double root3 = Math.sqrt(3.0);
    for (int i = 0; i < theta.length; i++) {
      double xi = uniform ? root3 * (2 * rng.nextDouble() - 1) : rng.nextGaussian();
      theta[i] = (i < split ? sigma1 : sigma0) * xi;
    }
    return theta;
  }
}
