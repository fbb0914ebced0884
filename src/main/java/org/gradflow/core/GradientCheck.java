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
  /**
   * A block's gradient must exceed the differences' rounding floor by this factor before a
   * relative error of 1e-6 from differences means anything.
   */
  public static final double RESOLVED_FACTOR = 1e6;

  private GradientCheck() {}

  /**
   * One block's comparison: the relative error, the block's gradient scale ‖ref‖_∞, and the
   * rounding floor of central differences there, max_i ulp(L)/h_i: below it a difference
   * quotient is noise, whatever the analytic gradient.
   */
  public record BlockError(double error, double scale, double resolution) {
    /** Differences can certify this block's gradient to ~1e-6 relative. */
    public boolean resolved() {
      return scale >= RESOLVED_FACTOR * resolution;
    }
  }

  /**
   * Central differences with step h_i = ε^{1/3}·max(1, |θ_i|) (balances truncation h² against
   * rounding ε/h). {@code maxPerBlock} components per block are checked (all if ≤ 0), chosen
   * with a fixed seed.
   */
  public static Map<String, BlockError> centralDifferences(GradientFlow flow, double[] theta, int maxPerBlock) {
    double[] g = analytic(flow, theta);
    double[] x = theta.clone();
    double lossUlp = Math.ulp(Math.abs(flow.loss(theta)));
    Map<String, BlockError> err = new LinkedHashMap<>();
    SplittableRandom rng = new SplittableRandom(17);
    double eps3 = Math.cbrt(Math.ulp(1.0));
    for (ParameterLayout.Block b : flow.layout().blocks()) {
      int[] idx = sample(b, maxPerBlock, rng);
      double[] ref = new double[idx.length];
      double[] got = new double[idx.length];
      double resolution = 0;
      for (int k = 0; k < idx.length; k++) {
        int i = idx[k];
        double h = eps3 * Math.max(1.0, Math.abs(theta[i]));
        resolution = Math.max(resolution, lossUlp / h);
        x[i] = theta[i] + h;
        double up = flow.loss(x);
        x[i] = theta[i] - h;
        double down = flow.loss(x);
        x[i] = theta[i];
        ref[k] = (up - down) / (2 * h);
        got[k] = g[i];
      }
      err.put(b.name(), new BlockError(relativeError(got, ref), maxAbs(ref), resolution));
    }
    return err;
  }

  /** Just the relative errors of {@link #centralDifferences}, by block. */
  public static Map<String, Double> errors(Map<String, BlockError> blocks) {
    Map<String, Double> out = new LinkedHashMap<>();
    blocks.forEach((name, e) -> out.put(name, e.error()));
    return out;
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

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
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
