package org.gradflow.integrate;

import org.gradflow.core.GradientFlow;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.util.MathArrays;

/**
 * θ̇ = −∇L(θ) over a field, as a Hipparchus field ODE: the flow's field gradient, a count of
 * evaluations, and a NaN/Inf guard on the gradient.
 */
public final class FieldFlowEquation<T extends CalculusFieldElement<T>> implements FieldOrdinaryDifferentialEquation<T> {
  private final GradientFlow flow;
  private final Field<T> field;
  private long evaluations;

  public FieldFlowEquation(GradientFlow flow, Field<T> field) {
    this.flow = flow;
    this.field = field;
  }

  @Override
  public int getDimension() {
    return flow.layout().dimension();
  }

  @Override
  public T[] computeDerivatives(T t, T[] theta) {
    T[] out = MathArrays.buildArray(field, theta.length);
    flow.velocity(theta, out);
    evaluations++;
    for (T v : out) {
      if (v.isNaN() || v.isInfinite()) {
        throw new NonFiniteStateException(t.getReal(), "the gradient is " + v);
      }
    }
    return out;
  }

  public long evaluations() {
    return evaluations;
  }
}
