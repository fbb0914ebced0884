package org.gradflow.models.cooccurrence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.MathArrays;

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
   *
   * <p>Written for reverse AD: every dot product is one {@code linearCombination} (one n-ary
   * tape node instead of 2m two-input ones), G(x) = uᵀW_V x is computed once per vocabulary
   * token used, a score k_hᵀq_l once per distinct token pair, and each query's output
   * Σ_h G(x_h) e_h / Σ_h e_h takes one division.
   */
  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    Field<T> field = theta[0].getField();
    int d = data.vocabulary();
    int len = data.length();
    int m1 = a.length;
    int offV = m1 * m;
    int offK = offV + m * d;
    int offQ = offK + m * d;
    T[] u = MathArrays.buildArray(field, m);
    T[] column = MathArrays.buildArray(field, m1);
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < m1; j++) {
        column[j] = theta[j * m + r];
      }
      u[r] = column[0].linearCombination(a, column);
    }
    T[] values = MathArrays.buildArray(field, d); // G(x) per token, valid where known
    boolean[] known = new boolean[d];
    Map<Long, T> scoreOf = new HashMap<>(); // k_hᵀq_l / √m per (key, query) token pair
    T[] work = MathArrays.buildArray(field, m);
    T[] work2 = MathArrays.buildArray(field, m);
    T[] g = MathArrays.buildArray(field, len);
    T[] e = MathArrays.buildArray(field, len);
    double invSqrtM = 1.0 / Math.sqrt(m);
    T total = field.getZero();
    for (int i = 0; i < data.n(); i++) {
      int[] t = data.tokens(i);
      for (int h = 0; h < len; h++) {
        if (!known[t[h]]) {
          values[t[h]] = u[0].linearCombination(u, column(theta, offV, t[h], work));
          known[t[h]] = true;
        }
        g[h] = values[t[h]];
      }
      T f = field.getZero();
      for (int l = 0; l < len; l++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < len; h++) {
          Long pair = (long) t[h] * d + t[l];
          T s = scoreOf.get(pair);
          if (s == null) {
            s = column(theta, offK, t[h], work)[0].linearCombination(work, column(theta, offQ, t[l], work2))
                .multiply(invSqrtM);
            scoreOf.put(pair, s);
          }
          e[h] = s;
          max = Math.max(max, e[h].getReal());
        }
        T norm = field.getZero();
        for (int h = 0; h < len; h++) {
          e[h] = e[h].subtract(max).exp();
          norm = norm.add(e[h]);
        }
        f = f.add(g[0].linearCombination(g, e).divide(norm));
      }
      T margin = f.multiply(data.label(i));
      // ℓ(M) = log(1 + e^{−M}), split by sign to stay finite
      T l = margin.getReal() > 0 ? margin.negate().exp().log1p()
          : margin.negate().add(margin.exp().log1p());
      total = total.add(l);
    }
    return total.divide(data.n());
  }

  /** Column {@code token} of the m×d block at {@code offset}, into {@code out}. */
  private <T> T[] column(T[] theta, int offset, int token, T[] out) {
    int d = data.vocabulary();
    for (int r = 0; r < m; r++) {
      out[r] = theta[offset + r * d + token];
    }
    return out;
  }
}
