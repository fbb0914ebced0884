package org.gradflow.models.condensation;

import static org.gradflow.models.condensation.CondensationFlow.WK;
import static org.gradflow.models.condensation.CondensationFlow.WQ;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * Stage 2 at leading order (Prop. 3, Eq. 14): dW_Q/dt = F W_K, dW_K/dt = Fᵀ W_Q with a constant
 * d×d force F. It is the gradient flow of the bilinear "loss" −tr(W_Qᵀ F W_K); its closed form
 * is {@link KeyQuerySolution}.
 */
public final class KeyQueryFlow implements GradientFlow {
  private final double[] f;
  private final int d;
  private final ParameterLayout layout;

  public KeyQueryFlow(double[] force, int d) {
    this.f = force.clone();
    this.d = d;
    this.layout = ParameterLayout.builder().matrix(WQ, d, d).matrix(WK, d, d).build();
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  public double[] force() {
    return f.clone();
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    int oK = d * d;
    double loss = 0;
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double fq = 0;
        double fk = 0;
        for (int b = 0; b < d; b++) {
          fq += f[i * d + b] * th[oK + b * d + k];
          fk += f[b * d + i] * th[b * d + k];
        }
        out[i * d + k] = fq;
        out[oK + i * d + k] = fk;
        loss -= th[i * d + k] * fq;
      }
    }
    return loss;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    T loss = th[0].getField().getZero();
    for (int i = 0; i < d; i++) {
      for (int b = 0; b < d; b++) {
        for (int k = 0; k < d; k++) {
          loss = loss.subtract(th[i * d + k].multiply(th[d * d + b * d + k]).multiply(f[i * d + b]));
        }
      }
    }
    return loss;
  }

  @Override
  public List<Observable> observables() {
    return CondensationObservables.attention(layout, d);
  }
}
