package org.gradflow.testmodels;

import org.gradflow.core.GradientFlow;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.CalculusFieldElement;

/** Test-only family {@code blow-up}: L = −θ³/3, so θ̇ = θ² explodes at t = 1/θ0. */
public final class BlowUpFamily implements ModelFamily {
  @Override
  public String name() {
    return "blow-up";
  }

  @Override
  public String summary() {
    return "test only: θ̇ = θ², finite-time blow-up at 1/θ0";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    ParameterLayout layout = ParameterLayout.builder().scalar("x").build();
    GradientFlow flow = new GradientFlow() {
      @Override
      public ParameterLayout layout() {
        return layout;
      }

      @Override
      public double negativeGradient(double[] theta, double[] out) {
        out[0] = theta[0] * theta[0];
        return -theta[0] * theta[0] * theta[0] / 3;
      }

      @Override
      public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
        return theta[0].multiply(theta[0]).multiply(theta[0]).divide(-3);
      }
    };
    return FlowSystem.of(flow, new double[] {spec.params().number("x0")});
  }
}
