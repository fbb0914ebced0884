package org.gradflow.gd;

import org.gradflow.core.GradientFlow;

/**
 * ∇²L(θ)·v. A {@link GradientFlow} may implement this with its analytic Hessian-vector product;
 * for any other flow, {@link #of(GradientFlow)} falls back to a central directional difference
 * of the analytic gradient ({@link CentralDifferenceHvp}). Implementations keep workspaces and
 * must not allocate per call; one instance serves one integration at a time.
 */
public interface HessianVectorProduct {

  /** Writes ∇²L(θ)·v into {@code out} (length = dimension). */
  void hessianVector(double[] theta, double[] v, double[] out);

  /** How the product is computed, for run.json. */
  default String hvpMethod() {
    return "analytic (provided by the model)";
  }

  /** The model's own product when it has one, else the directional difference of its gradient. */
  static HessianVectorProduct of(GradientFlow flow) {
    if (flow instanceof HessianVectorProduct h) {
      return h;
    }
    return new CentralDifferenceHvp(flow);
  }
}
