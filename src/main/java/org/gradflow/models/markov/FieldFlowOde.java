package org.gradflow.models.markov;

import org.gradflow.core.GradientFlow;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.util.MathArrays;

/** θ̇ = −∇L(θ) over a field (Dfp for the high-precision studies), via the flow's field gradient. */
final class FieldFlowOde<T extends CalculusFieldElement<T>> implements FieldOrdinaryDifferentialEquation<T> {
  private final GradientFlow flow;
  private final org.hipparchus.Field<T> field;
  private long evaluations;

  FieldFlowOde(GradientFlow flow, org.hipparchus.Field<T> field) {
    this.flow = flow;
    this.field = field;
  }

  @Override
  public int getDimension() {
    return flow.layout().dimension();
  }

  @Override
  public T[] computeDerivatives(T t, T[] y) {
    evaluations++;
    T[] out = MathArrays.buildArray(field, y.length);
    flow.negativeGradient(y, out);
    return out;
  }

  long evaluations() {
    return evaluations;
  }
}
