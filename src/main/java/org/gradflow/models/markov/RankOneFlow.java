package org.gradflow.models.markov;

import org.gradflow.integrate.piecewise.PiecewiseSmoothFlow;
import java.util.List;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * The full model's GF restricted to its invariant rank-one manifold with W_V = W_O = 0 (spec
 * §3.11): e_vec = e_t α, p_n = e_p α, W_1 = w1 u αᵀ, W_2 = w2 α uᵀ, b, with
 * logit(x) = e_t[s + 4 w2 ReLU(w1 s)] + b, s = e_t x + e_p. On the manifold the full GF is the GF of
 * these five scalars under the metric diag(1, 1/N, 1/4, 1/4, 1). This class integrates it as a
 * plain (Euclidean) gradient flow in the block-norm coordinates
 * θ = (e_t, √N·e_p, 2w1, 2w2, b) = (‖e_vec‖, ‖wpe‖_F, ‖W_1‖_F, ‖W_2‖_F, b) with signs, in which
 * the metric becomes the identity: logit(x) = e_t[s + w_2 ReLU(w_1 s)] + b, s = e_t x + p/√N.
 * The two ReLU kinks are h_x = w_1 s_x = 0 for x = 0, 1 (spec §6.4).
 */
public final class RankOneFlow implements PiecewiseSmoothFlow {
  public static final int ET = 0;
  public static final int P = 1;
  public static final int W1 = 2;
  public static final int W2 = 3;
  public static final int B = 4;

  private static final ParameterLayout LAYOUT = ParameterLayout.builder()
      .scalar("e_t").scalar("p").scalar("w_1").scalar("w_2").scalar("b").build();

  private final MarkovSource source;
  private final double sqrtN;
  private final int[] actualSides = new int[2];

  public RankOneFlow(MarkovSource source, int sequenceLength) {
    if (sequenceLength < 1) {
      throw new IllegalArgumentException("sequence length must be >= 1, got " + sequenceLength);
    }
    this.source = source;
    this.sqrtN = Math.sqrt(sequenceLength);
  }

  /** θ from the paper's scalars (e_t, e_p, w1, w2, b). */
  public double[] fromNatural(double et, double ep, double w1, double w2, double b) {
    return new double[] {et, sqrtN * ep, 2 * w1, 2 * w2, b};
  }

  /** The paper's scalars (e_t, e_p, w1, w2, b) of θ. */
  public double[] toNatural(double[] th) {
    return new double[] {th[ET], th[P] / sqrtN, th[W1] / 2, th[W2] / 2, th[B]};
  }

  public MarkovSource source() {
    return source;
  }

  @Override
  public ParameterLayout layout() {
    return LAYOUT;
  }

  @Override
  public int switchCount() {
    return 2;
  }

  @Override
  public double switching(int x, double[] th) {
    return th[W1] * (th[ET] * x + th[P] / sqrtN);
  }

  @Override
  public void switchingGradient(int x, double[] th, double[] out) {
    java.util.Arrays.fill(out, 0);
    out[ET] = th[W1] * x;
    out[P] = th[W1] / sqrtN;
    out[W1] = th[ET] * x + th[P] / sqrtN;
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    actualSides[0] = switching(0, th) > 0 ? ACTIVE : INACTIVE;
    actualSides[1] = switching(1, th) > 0 ? ACTIVE : INACTIVE;
    return negativeGradientOnSides(th, actualSides, out);
  }

  @Override
  public double negativeGradientOnSides(double[] th, int[] sides, double[] out) {
    double et = th[ET];
    double w1 = th[W1];
    double w2 = th[W2];
    double s0 = th[P] / sqrtN;
    double s1 = et + s0;
    double a0 = sides[0] == ACTIVE ? w1 * s0 : 0;
    double a1 = sides[1] == ACTIVE ? w1 * s1 : 0;
    double h0 = sides[0] == ACTIVE ? 1 : 0;
    double h1 = sides[1] == ACTIVE ? 1 : 0;
    double f0 = et * (s0 + w2 * a0) + th[B];
    double f1 = et * (s1 + w2 * a1) + th[B];
    double g0 = source.dLossDf0(f0);
    double g1 = source.dLossDf1(f1);
    // ∂f_x/∂e_t = s + w2 a + e_t x (1 + w2 H w1); ∂f_x/∂p = e_t(1 + w2 H w1)/√N
    double dEt = g0 * (s0 + w2 * a0) + g1 * (s1 + w2 * a1 + et * (1 + w2 * h1 * w1));
    double dP = (g0 * et * (1 + w2 * h0 * w1) + g1 * et * (1 + w2 * h1 * w1)) / sqrtN;
    double dW1 = g0 * et * w2 * h0 * s0 + g1 * et * w2 * h1 * s1;
    double dW2 = g0 * et * a0 + g1 * et * a1;
    out[ET] = -dEt;
    out[P] = -dP;
    out[W1] = -dW1;
    out[W2] = -dW2;
    out[B] = -(g0 + g1);
    return source.loss(f0, f1);
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    T s0 = th[P].divide(sqrtN);
    T s1 = th[ET].add(s0);
    T f0 = th[ET].multiply(s0.add(th[W2].multiply(relu(th[W1].multiply(s0))))).add(th[B]);
    T f1 = th[ET].multiply(s1.add(th[W2].multiply(relu(th[W1].multiply(s1))))).add(th[B]);
    return source.loss(f0, f1);
  }

  private static <T extends CalculusFieldElement<T>> T relu(T v) {
    return v.getReal() > 0 ? v : v.getField().getZero();
  }

  @Override
  public List<Observable> observables() {
    double hRate = source.entropyRate();
    return List.of(
        Observable.of("kink0", th -> switching(0, th)),
        Observable.of("kink1", th -> switching(1, th)),
        Observable.of("gapToEntropyRate", th -> loss(th) - hRate));
  }
}
