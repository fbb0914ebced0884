package org.gradflow.models.linattn;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * One-layer multi-head linear self-attention trained on in-context linear regression, under its
 * population loss (docs/linear-attention.md). A prompt holds x_1..x_N, x_q ~ N(0, Λ), a task
 * w ~ N(0, I), labels y_n = wᵀx_n and the query label 0. On the invariant subspace both papers
 * train in, the attention's output at the query label is ŷ = hᵀ Γ x_q with
 * h = (1/N) Σ_n y_n x_n, Γ = Σ_i v_i U_i, and U_i = W_KQ_i (merged key–query) or W_K_iᵀ W_Q_i
 * (separate, rank R). Its expectation over prompts is the polynomial
 * L = ½ tr(Γᵀ A Γ Λ) − tr(Γᵀ Λ²) + ½ tr Λ, A = (1 + 1/N) Λ² + (tr Λ / N) Λ.
 * Only the loss is written here: the gradient comes from automatic differentiation.
 */
public final class LinearAttentionFlow implements GradientFlow {
  private final InContextTask task;
  private final int heads;
  private final int rank;
  private final ParameterLayout layout;
  private final double[] curvature; // A_p λ_q, row-major: the loss's quadratic weights
  private final List<Observable> observables;

  /** {@code rank} 0: merged key–query, one d×d W_KQ per head; R ≥ 1: W_K, W_Q of R×d per head. */
  LinearAttentionFlow(InContextTask task, int heads, int rank, double[] theta0) {
    this.task = task;
    this.heads = heads;
    this.rank = rank;
    this.layout = layout(task.dimension(), heads, rank);
    int d = task.dimension();
    this.curvature = new double[d * d];
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        curvature[p * d + q] = task.a(p) * task.lambda()[q];
      }
    }
    this.observables = new LinearAttentionObservables(this, theta0).all();
  }

  static ParameterLayout layout(int d, int heads, int rank) {
    ParameterLayout.Builder b = ParameterLayout.builder().vector("v", heads);
    return rank == 0 ? b.matrix("W_KQ", heads * d, d).build()
        : b.matrix("W_K", heads * rank, d).matrix("W_Q", heads * rank, d).build();
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    int d = task.dimension();
    double[] lambda = task.lambda();
    T[] gamma = gamma(theta);
    T loss = theta[0].getField().getZero().add(0.5 * task.trace());
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        T g = gamma[p * d + q];
        loss = loss.add(g.multiply(g).multiply(0.5 * curvature[p * d + q]));
      }
      loss = loss.subtract(gamma[p * d + p].multiply(lambda[p] * lambda[p]));
    }
    return loss;
  }

  /** Γ = Σ_i v_i U_i (d×d, row-major): the prediction is hᵀ Γ x_q. */
  public <T extends CalculusFieldElement<T>> T[] gamma(T[] theta) {
    int d = task.dimension();
    T zero = theta[0].getField().getZero();
    T[] gamma = MathArrays.buildArray(theta[0].getField(), d * d);
    int v = layout.offset("v");
    ParameterLayout.Block keyQuery = rank == 0 ? layout.block("W_KQ") : null;
    ParameterLayout.Block key = rank == 0 ? null : layout.block("W_K");
    ParameterLayout.Block query = rank == 0 ? null : layout.block("W_Q");
    for (int i = 0; i < heads; i++) {
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          T u = zero;
          if (rank == 0) {
            u = theta[keyQuery.index(i * d + p, q)];
          }
          for (int r = i * rank; r < (i + 1) * rank; r++) { // (W_K_iᵀ W_Q_i)_pq = Σ_r K_rp Q_rq
            u = u.add(theta[key.index(r, p)].multiply(theta[query.index(r, q)]));
          }
          gamma[p * d + q] = gamma[p * d + q].add(u.multiply(theta[v + i]));
        }
      }
    }
    return gamma;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public List<Observable> observables() {
    return observables;
  }

  public InContextTask task() {
    return task;
  }

  public int heads() {
    return heads;
  }

  /** 0 for merged key–query. */
  public int rank() {
    return rank;
  }
}
