package org.gradflow.integrate;

import org.gradflow.core.GradientFlow;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * θ̇ = −∇L(θ) as a Hipparchus ODE. Returns a fresh array per call because Hipparchus keeps
 * each stage's derivative; that is the only allocation on the hot path. A non-finite
 * derivative aborts the integration with {@link NonFiniteStateException}.
 */
final class FlowEquation implements OrdinaryDifferentialEquation {
  private final GradientFlow flow;
  private long evaluations;

  FlowEquation(GradientFlow flow) {
    this.flow = flow;
  }

  @Override
  public int getDimension() {
    return flow.layout().dimension();
  }

  @Override
  public double[] computeDerivatives(double t, double[] theta) {
    double[] out = new double[theta.length];
    double loss = flow.negativeGradient(theta, out);
    evaluations++;
    if (!Double.isFinite(loss)) {
      throw new NonFiniteStateException(t, "loss is " + loss);
    }
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i])) {
        throw new NonFiniteStateException(t, "gradient component " + flow.layout().describe(i) + " is " + out[i]);
      }
    }
    return out;
  }

  long evaluations() {
    return evaluations;
  }
}
