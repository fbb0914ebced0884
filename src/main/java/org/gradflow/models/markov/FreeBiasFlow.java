package org.gradflow.models.markov;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.FieldObservable;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * The three-parameter Markov-Fixed model with a free bias (spec §3.1, §3.9): logits
 * f0 = b − e²/2 and f1 = b + e²/2 + 2e²w|w|. Its energy is not conserved (dE/dt = 2e²∂L/∂b).
 */
public final class FreeBiasFlow implements GradientFlow {
  public static final int E = 0;
  public static final int W = 1;
  public static final int B = 2;

  private static final ParameterLayout LAYOUT =
      ParameterLayout.builder().scalar("e").scalar("w").scalar("b").build();

  private final MarkovSource source;

  public FreeBiasFlow(MarkovSource source) {
    this.source = source;
  }

  public MarkovSource source() {
    return source;
  }

  @Override
  public ParameterLayout layout() {
    return LAYOUT;
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double e = theta[E];
    double w = theta[W];
    double b = theta[B];
    double e2 = e * e;
    double f0 = b - e2 / 2;
    double f1 = b + e2 / 2 + 2 * e2 * w * Math.abs(w);
    double g0 = source.dLossDf0(f0);
    double g1 = source.dLossDf1(f1);
    out[E] = -(g1 * e * (1 + 4 * w * Math.abs(w)) - g0 * e);
    out[W] = -g1 * 4 * e2 * Math.abs(w);
    out[B] = -(g0 + g1);
    return source.loss(f0, f1);
  }

  @Override
  public double loss(double[] theta) {
    double e2 = theta[E] * theta[E];
    double w = theta[W];
    return source.loss(theta[B] - e2 / 2, theta[B] + e2 / 2 + 2 * e2 * w * Math.abs(w));
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T e2 = theta[E].square();
    T w = theta[W];
    T f0 = theta[B].subtract(e2.multiply(0.5));
    T f1 = theta[B].add(e2.multiply(0.5)).add(e2.multiply(w).multiply(w.abs()).multiply(2));
    return source.loss(f0, f1);
  }

  @Override
  public List<Observable> observables() {
    double hRate = source.entropyRate();
    double hUni = source.unigramEntropy();
    return List.of(
        FieldObservable.component("e", E, false),
        FieldObservable.component("w", W, false),
        Observable.of("b", th -> th[B]),
        FieldObservable.component("absE", E, true),
        Observable.of("delta", th -> CanonicalFlow.delta(th[E], th[W])),
        Observable.of("energy", th -> Energy.of(th[E], th[W])),
        Observable.of("gapToEntropyRate", th -> loss(th) - hRate),
        Observable.of("gapToUnigram", th -> loss(th) - hUni));
  }
}
