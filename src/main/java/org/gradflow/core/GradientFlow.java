package org.gradflow.core;

import java.util.List;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.util.MathArrays;

/**
 * The gradient flow dθ/dt = −∇L(θ) of one model on one data set. A model is written once, here,
 * and serves the flow, discrete GD, the modified flow, sweeps and gradient checks.
 *
 * <p>The double path ({@link #negativeGradient(double[], double[])}) is the hot path: it must not
 * allocate. The generic loss ({@link #loss(CalculusFieldElement[])}) is the reference: automatic
 * differentiation of it checks the analytic gradient, and it drives the high-precision path.
 */
public interface GradientFlow {

  ParameterLayout layout();

  /** Writes −∇L(θ) into {@code out} (length = dimension) and returns L(θ). Allocation-free. */
  double negativeGradient(double[] theta, double[] out);

  /** L(θ). The default evaluates the gradient too; models override it where that is wasteful. */
  default double loss(double[] theta) {
    return negativeGradient(theta, new double[theta.length]);
  }

  /** L(θ) written once over any field: Gradient for AD checks, Dfp for high precision. */
  <T extends CalculusFieldElement<T>> T loss(T[] theta);

  /**
   * −∇L(θ) over a field, returning L. The default differentiates {@link #loss(CalculusFieldElement[])}
   * by forward-mode AD, O(dim) per operation: fine for the low-dimensional systems the
   * high-precision path is for; a model may override it with its analytic gradient.
   */
  default <T extends CalculusFieldElement<T>> T negativeGradient(T[] theta, T[] out) {
    int n = theta.length;
    FieldGradient<T>[] vars =
        MathArrays.buildArray(FieldGradientField.getField(theta[0].getField(), n), n);
    for (int i = 0; i < n; i++) {
      vars[i] = FieldGradient.variable(n, i, theta[i]);
    }
    FieldGradient<T> l = loss(vars);
    for (int i = 0; i < n; i++) {
      out[i] = l.getPartialDerivative(i).negate();
    }
    return l.getValue();
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
}
