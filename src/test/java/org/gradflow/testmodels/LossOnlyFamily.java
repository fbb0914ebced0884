package org.gradflow.testmodels;

import java.util.SplittableRandom;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.CalculusFieldElement;

/**
 * Test-only family {@code loss-only}: a two-layer tanh network fitted to seeded data,
 * L = (1/2n) Σ_i (vᵀ tanh(W x_i) − y_i)², written as a loss and nothing else: its gradients,
 * double and field, are the reverse-sweep defaults.
 */
public final class LossOnlyFamily implements ModelFamily {
  @Override
  public String name() {
    return "loss-only";
  }

  @Override
  public String summary() {
    return "test only: a tanh network given by its loss alone";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    int k = 3;
    int h = 4;
    int n = 6;
    SplittableRandom rng = new SplittableRandom(spec.params().isPresent() ? spec.params().integer("seed") : 5);
    double[][] x = new double[n][k];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1];
    }
    ParameterLayout layout = ParameterLayout.builder().matrix("W", h, k).vector("v", h).build();
    GradientFlow flow = new GradientFlow() {
      @Override
      public ParameterLayout layout() {
        return layout;
      }

      @Override
      public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
        T total = theta[0].getField().getZero();
        for (int i = 0; i < n; i++) {
          T f = total.getField().getZero();
          for (int a = 0; a < h; a++) {
            T z = theta[0].getField().getZero();
            for (int j = 0; j < k; j++) {
              z = z.add(theta[a * k + j].multiply(x[i][j]));
            }
            f = f.add(theta[h * k + a].multiply(z.tanh()));
          }
          total = total.add(f.subtract(y[i]).square());
        }
        return total.divide(2 * n);
      }
    };
    double[] theta0 = new double[layout.dimension()];
    for (int i = 0; i < theta0.length; i++) {
      theta0[i] = 0.5 * rng.nextGaussian();
    }
    return FlowSystem.of(flow, theta0);
  }
}
