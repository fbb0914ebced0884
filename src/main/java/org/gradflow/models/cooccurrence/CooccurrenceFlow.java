package org.gradflow.models.cooccurrence;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * Gradient flow of the mean logistic loss (Eq. (2)) of the one-layer transformer of Eq. (1),
 * F(X) = Σ_l Σ_j a_j w_jᵀ W_V X softmax(Xᵀ W_Kᵀ W_Q x_l / √m), on one co-occurrence data set.
 * State θ = [W (m1×m), W_V, W_K, W_Q (m×d each)], row-major; a is fixed.
 */
public final class CooccurrenceFlow implements GradientFlow {
  private final CooccurrenceData data;
  private final double[] a;
  private final int m;
  private final ParameterLayout layout;
  private final AttentionKernel kernel;
  private List<Observable> observables = List.of();

  public CooccurrenceFlow(CooccurrenceData data, double[] a, int m) {
    this.data = data;
    this.a = a.clone();
    this.m = m;
    int d = data.vocabulary();
    this.layout = ParameterLayout.builder()
        .matrix("W", a.length, m)
        .matrix("W_V", m, d)
        .matrix("W_K", m, d)
        .matrix("W_Q", m, d)
        .build();
    this.kernel = new AttentionKernel(data, a, m);
  }

  public CooccurrenceData data() {
    return data;
  }

  public double[] a() {
    return a.clone();
  }

  public int m() {
    return m;
  }

  public int m1() {
    return a.length;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double loss = kernel.forward(theta);
    kernel.backward(theta, out);
    return loss;
  }

  @Override
  public double loss(double[] theta) {
    return kernel.forward(theta);
  }

  /** Attaches the observables (built for one initial state, see {@link CooccurrenceObservables}). */
  void setObservables(List<Observable> list) {
    this.observables = List.copyOf(list);
  }

  @Override
  public List<Observable> observables() {
    return observables;
  }

  /**
   * The same loss over any field, written directly from Eq. (1)–(2) (column selection for the
   * one-hot tokens, explicit softmax): the reference that AD checks the kernel against.
   */
  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    int d = data.vocabulary();
    int len = data.length();
    int m1 = a.length;
    int offV = m1 * m;
    int offK = offV + m * d;
    int offQ = offK + m * d;
    T zero = theta[0].getField().getZero();
    T[] u = org.hipparchus.util.MathArrays.buildArray(theta[0].getField(), m);
    for (int r = 0; r < m; r++) {
      T s = zero;
      for (int j = 0; j < m1; j++) {
        s = s.add(theta[j * m + r].multiply(a[j]));
      }
      u[r] = s;
    }
    double invSqrtM = 1.0 / Math.sqrt(m);
    T total = zero;
    for (int i = 0; i < data.n(); i++) {
      int[] t = data.tokens(i);
      T f = zero;
      for (int l = 0; l < len; l++) {
        T[] scores = org.hipparchus.util.MathArrays.buildArray(theta[0].getField(), len);
        double max = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < len; h++) {
          T s = zero;
          for (int r = 0; r < m; r++) {
            s = s.add(theta[offK + r * d + t[h]].multiply(theta[offQ + r * d + t[l]]));
          }
          scores[h] = s.multiply(invSqrtM);
          max = Math.max(max, scores[h].getReal());
        }
        T norm = zero;
        for (int h = 0; h < len; h++) {
          scores[h] = scores[h].subtract(max).exp();
          norm = norm.add(scores[h]);
        }
        for (int h = 0; h < len; h++) {
          T g = zero; // G(x_h) = uᵀ W_V x_h
          for (int r = 0; r < m; r++) {
            g = g.add(u[r].multiply(theta[offV + r * d + t[h]]));
          }
          f = f.add(g.multiply(scores[h].divide(norm)));
        }
      }
      T margin = f.multiply(data.label(i));
      // ℓ(M) = log(1 + e^{−M}), split by sign to stay finite
      T l = margin.getReal() > 0 ? margin.negate().exp().log1p()
          : margin.negate().add(margin.exp().log1p());
      total = total.add(l);
    }
    return total.divide(data.n());
  }
}
