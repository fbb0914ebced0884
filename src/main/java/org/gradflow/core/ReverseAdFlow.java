package org.gradflow.core;

import java.util.List;
import org.hipparchus.CalculusFieldElement;

/**
 * A flow whose gradients (double and field) are the reverse sweep of another flow's generic
 * loss, ignoring any analytic kernel it has: what {@code "gradient": "reverse-ad"} integrates.
 * Loss, layout and observables are the original's.
 */
public final class ReverseAdFlow implements GradientFlow {
  private final GradientFlow original;

  public ReverseAdFlow(GradientFlow original) {
    this.original = original;
  }

  public GradientFlow original() {
    return original;
  }

  @Override
  public ParameterLayout layout() {
    return original.layout();
  }

  @Override
  public double loss(double[] theta) {
    return original.loss(theta);
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    return original.loss(theta);
  }

  @Override
  public List<Observable> observables() {
    return original.observables();
  }
}
