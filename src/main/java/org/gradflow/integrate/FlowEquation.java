package org.gradflow.integrate;

import org.gradflow.core.GradientFlow;

/**
 * θ̇ = −∇L(θ) as a Hipparchus ODE. A non-finite derivative aborts the integration with
 * {@link NonFiniteStateException}.
 *
 * <p>The returned array is one buffer, overwritten by the next call: Hipparchus integrators
 * call this through {@link org.hipparchus.ode.ExpandableODE}, which copies the primary
 * derivative into a stage array of its own, so a fresh array per call would only be garbage
 * (760 KB per evaluation on the paper-size co-occurrence model). Callers outside Hipparchus must
 * copy what they keep. The engine's integrators skip both copies ({@link InPlaceDerivative}).
 */
public final class FlowEquation implements InPlaceDerivative {
  private final GradientFlow flow;
  private long evaluations;
  private double[] out;

  public FlowEquation(GradientFlow flow) {
    this.flow = flow;
  }

  @Override
  public int getDimension() {
    return flow.layout().dimension();
  }

  @Override
  public double[] computeDerivatives(double t, double[] theta) {
    if (out == null || out.length != theta.length) {
      out = new double[theta.length];
    }
    computeDerivatives(t, theta, out);
    return out;
  }

  @Override
  public void computeDerivatives(double t, double[] theta, double[] thetaDot) {
    double loss = flow.negativeGradient(theta, thetaDot);
    evaluations++;
    if (!Double.isFinite(loss)) {
      throw new NonFiniteStateException(t, "loss is " + loss);
    }
    for (int i = 0; i < thetaDot.length; i++) {
      if (!Double.isFinite(thetaDot[i])) {
        throw new NonFiniteStateException(t, "gradient component " + flow.layout().describe(i) + " is " + thetaDot[i]);
      }
    }
  }

  public long evaluations() {
    return evaluations;
  }
}
