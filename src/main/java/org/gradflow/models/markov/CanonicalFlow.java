package org.gradflow.models.markov;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.FieldObservable;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * The paper's canonical 2-D flow (spec §3.2, Fig. 1): θ = (e, w), the bias at its optimum
 * b*(e,w), so the loss is ℓ(Δ) with Δ = e²(1 + 2w|w|) and
 * ė = −2e(1+2w|w|)ℓ'(Δ), ẇ = −4e²|w|ℓ'(Δ).
 */
public final class CanonicalFlow implements GradientFlow {
  public static final int E = 0;
  public static final int W = 1;

  private static final ParameterLayout LAYOUT =
      ParameterLayout.builder().scalar("e").scalar("w").build();

  private final MarkovSource source;
  private final LimitPrediction predicted;

  public CanonicalFlow(MarkovSource source) {
    this(source, null);
  }

  /** With the predicted limit of this run's start, which adds the observables that compare to it. */
  public CanonicalFlow(MarkovSource source, LimitPrediction predicted) {
    this.source = source;
    this.predicted = predicted;
  }

  /** The limit predicted for this run's start, or null. */
  public LimitPrediction predicted() {
    return predicted;
  }

  public MarkovSource source() {
    return source;
  }

  @Override
  public ParameterLayout layout() {
    return LAYOUT;
  }

  /** Δ = e²(1 + 2w|w|): the logit gap f1 − f0, the only thing the loss sees. */
  public static double delta(double e, double w) {
    return e * e * (1 + 2 * w * Math.abs(w));
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double e = theta[E];
    double w = theta[W];
    double factor = 1 + 2 * w * Math.abs(w);
    double delta = e * e * factor;
    double slope = source.reducedSlope(delta);
    out[E] = -2 * e * factor * slope;
    out[W] = -4 * e * e * Math.abs(w) * slope;
    return source.reducedLoss(delta);
  }

  @Override
  public double loss(double[] theta) {
    return source.reducedLoss(delta(theta[E], theta[W]));
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T e = theta[E];
    T w = theta[W];
    return source.reducedLoss(e.square().multiply(w.multiply(w.abs()).multiply(2).add(1)));
  }

  /** Analytic field gradient (the Dfp path uses it instead of AD: cheaper, same value). */
  @Override
  public <T extends CalculusFieldElement<T>> T negativeGradient(T[] theta, T[] out) {
    T factor = factor(theta[W]);
    MarkovSource.Reduced<T> reduced = source.reduced(theta[E].square().multiply(factor));
    velocity(theta, factor, reduced.slope(), out);
    return reduced.loss();
  }

  /** The field velocity alone needs ℓ'(Δ) but not ℓ(Δ): no logarithm on Dfp. */
  @Override
  public <T extends CalculusFieldElement<T>> void velocity(T[] theta, T[] out) {
    T factor = factor(theta[W]);
    velocity(theta, factor, source.reducedSlope(theta[E].square().multiply(factor)), out);
  }

  /** 1 + 2w|w|. */
  private static <T extends CalculusFieldElement<T>> T factor(T w) {
    return w.multiply(w.abs()).multiply(2).add(w.getField().getOne());
  }

  /** (ė, ẇ) = (−2e(1+2w|w|)ℓ', −4e²|w|ℓ'). */
  private static <T extends CalculusFieldElement<T>> void velocity(T[] theta, T factor, T slope, T[] out) {
    T e = theta[E];
    out[E] = e.multiply(factor).multiply(slope).multiply(-2);
    out[W] = e.square().multiply(theta[W].abs()).multiply(slope).multiply(-4);
  }

  /** b*(e,w) = e²/2 + log z: the optimal bias the 2-D flow implicitly carries. */
  public double optimalBias(double e, double w) {
    return e * e / 2 + source.optimalLogitAtZero(delta(e, w));
  }

  @Override
  public List<Observable> observables() {
    double hRate = source.entropyRate();
    double hUni = source.unigramEntropy();
    List<Observable> list = new java.util.ArrayList<>(List.of(
        FieldObservable.component("e", E, false),
        FieldObservable.component("w", W, false),
        FieldObservable.component("absE", E, true),
        Observable.of("delta", th -> delta(th[E], th[W])),
        Observable.of("energy", th -> Energy.of(th[E], th[W])),
        Observable.of("bias", th -> optimalBias(th[E], th[W])),
        Observable.of("gapToEntropyRate", th -> loss(th) - hRate),
        Observable.of("gapToUnigram", th -> loss(th) - hUni),
        Observable.of("saddleDistance",
            th -> Math.hypot(th[E], th[W] - Energy.SADDLE_W))));
    if (predicted != null) {
      double limitLoss = predicted.loss();
      double energy0 = predicted.energy();
      list.add(Observable.of("gapToPredictedLimit", th -> loss(th) - limitLoss));
      list.add(Observable.of("distanceToPredictedLimit",
          th -> Math.hypot(th[E] - predicted.e(), th[W] - predicted.w())));
      list.add(Observable.of("energyDrift", th -> (Energy.of(th[E], th[W]) - energy0)
          / Math.max(1, Math.abs(energy0))));
    }
    return list;
  }
}
