package org.gradflow.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.util.MathArrays;

/**
 * Compares a flow's analytic gradient with central differences and with forward-mode
 * automatic differentiation (Hipparchus {@link Gradient}) of its generic loss. The error of a
 * block is max_i |g_i − ref_i| / max(‖ref_block‖_∞, 1e-300): relative to the block's scale, so
 * components that are zero by symmetry do not produce meaningless ratios.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * Central differences with step h_i = ε^{1/3}·max(1, |θ_i|) (balances truncation h² against
   * rounding ε/h). {@code maxPerBlock} components per block are checked (all if ≤ 0), chosen
   * with a fixed seed.
   */
  public static Map<String, Double> centralDifferences(GradientFlow flow, double[] theta, int maxPerBlock) {
    double[] g = analytic(flow, theta);
    double[] x = theta.clone();
    Map<String, Double> err = new LinkedHashMap<>();
    SplittableRandom rng = new SplittableRandom(17);
    double eps3 = Math.cbrt(Math.ulp(1.0));
    for (ParameterLayout.Block b : flow.layout().blocks()) {
      int[] idx = sample(b, maxPerBlock, rng);
      double[] ref = new double[idx.length];
      double[] got = new double[idx.length];
      for (int k = 0; k < idx.length; k++) {
        int i = idx[k];
        double h = eps3 * Math.max(1.0, Math.abs(theta[i]));
        x[i] = theta[i] + h;
        double up = flow.loss(x);
        x[i] = theta[i] - h;
        double down = flow.loss(x);
        x[i] = theta[i];
        ref[k] = (up - down) / (2 * h);
        got[k] = g[i];
      }
      err.put(b.name(), relativeError(got, ref));
    }
    return err;
  }

  /** Forward-mode AD of {@link GradientFlow#loss(org.hipparchus.CalculusFieldElement[])}: O(dim²). */
  public static Map<String, Double> automatic(GradientFlow flow, double[] theta) {
    int n = theta.length;
    Gradient[] v = MathArrays.buildArray(GradientField.getField(n), n);
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, theta[i]);
    }
    double[] ad = flow.loss(v).getGradient();
    double[] g = analytic(flow, theta);
    Map<String, Double> err = new LinkedHashMap<>();
    for (ParameterLayout.Block b : flow.layout().blocks()) {
      double[] got = new double[b.size()];
      double[] ref = new double[b.size()];
      System.arraycopy(g, b.offset(), got, 0, b.size());
      System.arraycopy(ad, b.offset(), ref, 0, b.size());
      err.put(b.name(), relativeError(got, ref));
    }
    return err;
  }

  /** ∇L(θ) from the analytic negative gradient. */
  public static double[] analytic(GradientFlow flow, double[] theta) {
    double[] g = new double[theta.length];
    flow.negativeGradient(theta, g);
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    return g;
  }

  private static int[] sample(ParameterLayout.Block b, int maxPerBlock, SplittableRandom rng) {
    int n = b.size();
    if (maxPerBlock <= 0 || n <= maxPerBlock) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = b.offset() + i;
      }
      return all;
    }
    int[] some = new int[maxPerBlock];
    for (int k = 0; k < maxPerBlock; k++) {
      some[k] = b.offset() + rng.nextInt(n);
    }
    return some;
  }

  private static double relativeError(double[] got, double[] ref) {
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      scale = Math.max(scale, Math.abs(ref[i]));
      worst = Math.max(worst, Math.abs(got[i] - ref[i]));
    }
    return worst / Math.max(scale, 1e-300);
  }
}
