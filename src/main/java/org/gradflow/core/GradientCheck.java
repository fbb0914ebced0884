package org.gradflow.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gradflow.core.ad.Adjoint;
import org.gradflow.core.ad.RealTape;
import org.gradflow.core.ad.Tape;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.MathArrays;

/**
 * Compares a flow's gradient three ways: with the reverse-mode sweep of its generic loss (every
 * entry, any size), with central differences (per block, on a seeded sample of entries when the
 * block is large) and with Hipparchus forward mode ({@link Gradient}, O(dim) memory per
 * intermediate value, so only for small dimensions). The error of a block is
 * max_i |g_i − ref_i| / max(‖ref_block‖_∞, 1e-300): relative to the block's scale, so components
 * that are zero by symmetry do not produce meaningless ratios.
 */
public final class GradientCheck {
  /**
   * A block's gradient must exceed the differences' rounding floor by this factor before a
   * relative error of 1e-6 from differences means anything.
   */
  public static final double RESOLVED_FACTOR = 1e6;

  private GradientCheck() {}

  /**
   * One block's comparison with differences: the relative error, the block's gradient scale
   * ‖ref‖_∞, the rounding floor of central differences there (max_i ulp(L)/h_i: below it a
   * difference quotient is noise, whatever the gradient), and how many of its entries were checked.
   */
  public record BlockError(double error, double scale, double resolution, int checked, int size) {
    /** Differences can certify this block's gradient to ~1e-6 relative. */
    public boolean resolved() {
      return scale >= RESOLVED_FACTOR * resolution;
    }

    public boolean sampled() {
      return checked < size;
    }
  }

  /**
   * Central differences with step h_i = ε^{1/3}·max(1, |θ_i|) (balances truncation h² against
   * rounding ε/h), against the flow's own gradient. {@code maxPerBlock} distinct entries per
   * block are checked (all if ≤ 0 or the block is smaller), drawn with a fixed seed. Memory: θ
   * and one gradient; time: 2 loss evaluations per checked entry.
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
      err.put(b.name(), new BlockError(relativeError(got, ref), maxAbs(ref), resolution, idx.length, b.size()));
    }
    return err;
  }

  /** Just the relative errors of {@link #centralDifferences}, by block. */
  public static Map<String, Double> errors(Map<String, BlockError> blocks) {
    Map<String, Double> out = new LinkedHashMap<>();
    blocks.forEach((name, e) -> out.put(name, e.error()));
    return out;
  }

  /**
   * Forward-mode AD of {@link GradientFlow#loss(org.hipparchus.CalculusFieldElement[])} against
   * the flow's gradient: every intermediate value carries dim doubles, so O(dim²) time and
   * memory; for small systems only.
   */
  public static Map<String, Double> automatic(GradientFlow flow, double[] theta) {
    int n = theta.length;
    Gradient[] v = MathArrays.buildArray(GradientField.getField(n), n);
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, theta[i]);
    }
    return byBlock(flow.layout(), analytic(flow, theta), flow.loss(v).getGradient());
  }

  /** The result of one reverse sweep: ∇L and the tape's size. */
  public record Reverse(double[] gradient, double loss, int operations, long tapeBytes) {}

  /**
   * ∇L(θ) by one reverse sweep of the generic loss, on a fresh tape of at most {@code maxBytes}
   * (measured, then dropped).
   *
   * @throws org.gradflow.core.ad.TapeFullException if the loss records more than the bound holds
   */
  public static Reverse reverse(GradientFlow flow, double[] theta, long maxBytes) {
    RealTape tape = Tape.real(maxBytes);
    Adjoint<Binary64> l = flow.loss(tape.variables(theta));
    double[] g = new double[theta.length];
    tape.gradient(l, g);
    return new Reverse(g, l.getReal(), tape.size(), tape.retainedBytes());
  }

  /** The flow's gradient against the reverse sweep of its generic loss, every entry, by block. */
  public static Map<String, Double> againstReverse(GradientFlow flow, double[] theta, double[] reverseGradient) {
    return byBlock(flow.layout(), analytic(flow, theta), reverseGradient);
  }

  /** ∇L(θ) from the flow's negative gradient (its analytic kernel if it has one). */
  public static double[] analytic(GradientFlow flow, double[] theta) {
    double[] g = new double[theta.length];
    flow.negativeGradient(theta, g);
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    return g;
  }

  private static Map<String, Double> byBlock(ParameterLayout layout, double[] got, double[] ref) {
    Map<String, Double> err = new LinkedHashMap<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      double[] g = new double[b.size()];
      double[] r = new double[b.size()];
      System.arraycopy(got, b.offset(), g, 0, b.size());
      System.arraycopy(ref, b.offset(), r, 0, b.size());
      err.put(b.name(), relativeError(g, r));
    }
    return err;
  }

  /** {@code maxPerBlock} distinct entries of the block (partial Fisher–Yates), or all of them. */
  private static int[] sample(ParameterLayout.Block b, int maxPerBlock, SplittableRandom rng) {
    int n = b.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = b.offset() + i;
    }
    if (maxPerBlock <= 0 || n <= maxPerBlock) {
      return all;
    }
    for (int k = 0; k < maxPerBlock; k++) {
      int j = k + rng.nextInt(n - k);
      int t = all[k];
      all[k] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, maxPerBlock);
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
