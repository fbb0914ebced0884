package org.gradflow.gd;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The first-order modified equation of gradient descent with step η (backward error analysis):
 * dθ/dt = −∇L̃(θ), L̃ = L + (η/4)‖∇L‖², i.e. −∇L − (η/2)∇²L·∇L. GD with step η follows this
 * flow to O(η²) at fixed time, where it follows the plain flow only to O(η).
 *
 * <p>The double path is one gradient plus one Hessian-vector product per call (analytic when the
 * model provides it, else {@link CentralDifferenceHvp}). It writes −∇L̃ but returns the model's
 * own loss L, not L̃: the engine records that value as the {@code loss} column and watches it
 * for loss events and stop conditions, and those must mean the same on the modified flow as on
 * the flow and on GD ({@link #modifiedLoss} gives L̃). The field path (AD checks, Dfp) is L̃,
 * written from the base model's field gradient. Observables are the base model's, evaluated at
 * the modified velocity (so gradNorm there is ‖∇L̃‖).
 */
public final class ModifiedFlow implements GradientFlow {
  private final GradientFlow base;
  private final double eta;
  private final HessianVectorProduct hvp;
  private final double[] hv;

  public ModifiedFlow(GradientFlow base, double eta, HessianVectorProduct hvp) {
    if (!(eta > 0) || !Double.isFinite(eta)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + eta);
    }
    this.base = base;
    this.eta = eta;
    this.hvp = hvp;
    this.hv = new double[base.layout().dimension()];
  }

  public ModifiedFlow(GradientFlow base, double eta) {
    this(base, eta, HessianVectorProduct.of(base));
  }

  public double learningRate() {
    return eta;
  }

  public HessianVectorProduct hvp() {
    return hvp;
  }

  @Override
  public ParameterLayout layout() {
    return base.layout();
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double loss = base.negativeGradient(theta, out);
    // out = −∇L, so ∇²L·∇L = −∇²L·out and −∇L̃ = out + (η/2)·∇²L·out
    hvp.hessianVector(theta, out, hv);
    double g2 = 0;
    for (int i = 0; i < out.length; i++) {
      g2 += out[i] * out[i];
      out[i] += 0.5 * eta * hv[i];
    }
    return loss;
  }

  /**
   * L̃(θ) = L + (η/4)‖∇L‖², the loss this flow descends. (The double path returns the model's
   * loss L instead, see the class comment.) Allocates; not for the hot path.
   */
  public double modifiedLoss(double[] theta) {
    double[] g = new double[theta.length];
    double loss = base.negativeGradient(theta, g);
    double g2 = 0;
    for (double x : g) {
      g2 += x * x;
    }
    return loss + 0.25 * eta * g2;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T[] g = MathArrays.buildArray(theta[0].getField(), theta.length);
    T loss = base.negativeGradient(theta, g);
    T g2 = loss.getField().getZero();
    for (T gi : g) {
      g2 = g2.add(gi.multiply(gi));
    }
    return loss.add(g2.multiply(0.25 * eta));
  }

  @Override
  public List<Observable> observables() {
    return base.observables();
  }
}
