package org.gradflow.models.markov;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.FieldObservable;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * The (e, w, a) model of the paper's Fig. 2 — <b>a derived candidate, not the paper's formula</b>
 * (spec §3.10: no code computes it; the paper text was unavailable). Documented choice: the
 * spec's candidate logit_n = e²[s_n + 4w|w|·ReLU(s_n)] + b with s_n = (x_n − ½) + a(x̄_n − ½), in
 * its N → ∞ limit x̄_n → π1, and with the bias at its optimum (as for Fig. 1). The two logits then
 * differ by Δ = e²[1 + 4w|w|(ReLU(s1) − ReLU(s0))], s_x = x − ½ + a(π1 − ½), so the loss is ℓ(Δ)
 * and a = 0 gives the canonical flow. If p = q (π1 = ½) the attention scalar has no effect.
 * ReLU kinks at a(π1 − ½) = ±½.
 */
public final class AttentionScalarFlow implements GradientFlow {
  public static final int E = 0;
  public static final int W = 1;
  public static final int A = 2;

  private static final ParameterLayout LAYOUT =
      ParameterLayout.builder().scalar("e").scalar("w").scalar("a").build();

  private final MarkovSource source;
  private final double tilt;

  public AttentionScalarFlow(MarkovSource source) {
    this.source = source;
    this.tilt = source.pi1() - 0.5;
  }

  @Override
  public ParameterLayout layout() {
    return LAYOUT;
  }

  /** Δ(e, w, a). */
  public double delta(double e, double w, double a) {
    double s0 = -0.5 + a * tilt;
    double s1 = 0.5 + a * tilt;
    return e * e * (1 + 4 * w * Math.abs(w) * (Math.max(s1, 0) - Math.max(s0, 0)));
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    double e = th[E];
    double w = th[W];
    double s0 = -0.5 + th[A] * tilt;
    double s1 = 0.5 + th[A] * tilt;
    double r = Math.max(s1, 0) - Math.max(s0, 0);
    double hDiff = (s1 > 0 ? 1 : 0) - (s0 > 0 ? 1 : 0);
    double bracket = 1 + 4 * w * Math.abs(w) * r;
    double delta = e * e * bracket;
    double slope = source.reducedSlope(delta);
    out[E] = -2 * e * bracket * slope;
    out[W] = -e * e * 8 * Math.abs(w) * r * slope;
    out[A] = -e * e * 4 * w * Math.abs(w) * hDiff * tilt * slope;
    return source.reducedLoss(delta);
  }

  @Override
  public double loss(double[] th) {
    return source.reducedLoss(delta(th[E], th[W], th[A]));
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    T s0 = th[A].multiply(tilt).subtract(0.5);
    T s1 = th[A].multiply(tilt).add(0.5);
    T zero = s0.getField().getZero();
    T r = (s1.getReal() > 0 ? s1 : zero).subtract(s0.getReal() > 0 ? s0 : zero);
    T bracket = th[W].multiply(th[W].abs()).multiply(4).multiply(r).add(1);
    return source.reducedLoss(th[E].square().multiply(bracket));
  }

  @Override
  public List<Observable> observables() {
    double hRate = source.entropyRate();
    double hUni = source.unigramEntropy();
    return List.of(
        Observable.of("delta", th -> delta(th[E], th[W], th[A])),
        FieldObservable.component("absE", E, true),
        Observable.of("gapToEntropyRate", th -> loss(th) - hRate),
        Observable.of("gapToUnigram", th -> loss(th) - hUni));
  }
}
