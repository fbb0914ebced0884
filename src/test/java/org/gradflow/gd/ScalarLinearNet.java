package org.gradflow.gd;

import org.gradflow.core.GradientFlow;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * Test-only flow with an analytic Hessian-vector product: the depth-2 scalar linear net
 * L = ½(uv − y)², blocks {@code u}, {@code v} (scalars). ∇L = r(v, u) with r = uv − y;
 * ∇²L = [[v², 2uv − y], [2uv − y, u²]].
 */
final class ScalarLinearNet implements GradientFlow, HessianVectorProduct {
  private final double y;
  private final ParameterLayout layout = ParameterLayout.builder().scalar("u").scalar("v").build();
  int hvpCalls;

  ScalarLinearNet(double y) {
    this.y = y;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double r = theta[0] * theta[1] - y;
    out[0] = -r * theta[1];
    out[1] = -r * theta[0];
    return 0.5 * r * r;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T r = theta[0].multiply(theta[1]).subtract(y);
    return r.multiply(r).multiply(0.5);
  }

  @Override
  public void hessianVector(double[] theta, double[] v, double[] out) {
    hvpCalls++;
    double u = theta[0];
    double w = theta[1];
    double off = 2 * u * w - y;
    out[0] = w * w * v[0] + off * v[1];
    out[1] = off * v[0] + u * u * v[1];
  }
}
