package org.gradflow.core;

import java.util.List;
import org.gradflow.core.ad.ReverseGradient;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.Binary64;

/**
 * The gradient flow dθ/dt = −∇L(θ) of one model on one data set. A model is written once, here,
 * and serves the flow, discrete GD, the modified flow, sweeps and gradient checks.
 *
 * <p>A family must supply {@link #layout()} and its loss written once over any field,
 * {@link #loss(CalculusFieldElement[])}; everything else has a default. The gradients then come
 * from one reverse-mode sweep of that loss ({@link org.gradflow.core.ad.Adjoint}): exact, at a
 * small constant times the cost of the loss, in double and in any field (Dfp). A family with
 * an analytic kernel overrides {@link #negativeGradient(double[], double[])} as its fast path
 * (allocation-free); the spec's {@code "gradient": "reverse-ad"} still selects the reverse
 * sweep for a run ({@link ReverseAdFlow}), to cross-check the kernel end to end.
 */
public interface GradientFlow {

  ParameterLayout layout();

  /**
   * Writes −∇L(θ) into {@code out} (length = dimension) and returns L(θ). The default is one
   * reverse sweep of {@link #loss(CalculusFieldElement[])} on this thread's reused tape; an
   * analytic override must not allocate.
   */
  default double negativeGradient(double[] theta, double[] out) {
    return ReverseGradient.negativeGradient(this::loss, theta, out);
  }

  /**
   * L(θ). The default evaluates the analytic gradient too where the family has one (its kernel
   * is the fast path), else the generic loss in double; models override it where that is wasteful.
   */
  default double loss(double[] theta) {
    if (hasAnalyticGradient(this)) {
      return negativeGradient(theta, new double[theta.length]);
    }
    Binary64[] x = new Binary64[theta.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new Binary64(theta[i]);
    }
    return loss(x).getReal();
  }

  /** L(θ) written once over any field: Adjoint for gradients, Gradient for AD checks, Dfp for high precision. */
  <T extends CalculusFieldElement<T>> T loss(T[] theta);

  /**
   * −∇L(θ) over a field, returning L. The default is one reverse sweep of
   * {@link #loss(CalculusFieldElement[])} over θ's field: O(1) loss evaluations whatever the
   * dimension. A model may override it with its analytic gradient.
   */
  default <T extends CalculusFieldElement<T>> T negativeGradient(T[] theta, T[] out) {
    return ReverseGradient.negativeGradient(this::loss, theta, out);
  }

  /**
   * θ̇ = −∇L(θ) over a field, without L: the right-hand side of the high-precision flow. The
   * default is {@link #negativeGradient(CalculusFieldElement[], CalculusFieldElement[])}; a model
   * whose loss costs more than its gradient (logarithms on Dfp) overrides it.
   */
  default <T extends CalculusFieldElement<T>> void velocity(T[] theta, T[] out) {
    negativeGradient(theta, out);
  }

  /** Named scalar functions of (θ, θ̇) this model offers for trajectories, events and checks. */
  default List<Observable> observables() {
    return List.of();
  }

  /** True when {@code flow}'s class overrides the double {@link #negativeGradient(double[], double[])}. */
  static boolean hasAnalyticGradient(GradientFlow flow) {
    return AnalyticGradients.declared(flow.getClass());
  }
}
