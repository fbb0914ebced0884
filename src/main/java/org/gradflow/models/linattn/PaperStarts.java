package org.gradflow.models.linattn;

import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecSection;

/** The initializations the two papers' theorems start from (docs/linear-attention.md). */
final class PaperStarts {
  private PaperStarts() {}

  /** Balanced and aligned: merged v_i = u0, W_KQ_i = u0·I/√d; separate (rank 1) v_i = u0, k_i = q_i = u0·e_i. */
  static double[] aligned(SpecSection c, InContextTask task, int heads, int rank, ParameterLayout layout) {
    double u0 = c.number("scale");
    int d = task.dimension();
    if (!(u0 > 0)) {
      throw c.error("scale", "must be positive, got " + u0);
    }
    if (rank > 1 || (rank == 1 && heads > d)) {
      throw c.error("aligned needs merged key-query, or rank-one heads with heads <= " + d);
    }
    double[] theta = new double[layout.dimension()];
    for (int i = 0; i < heads; i++) {
      theta[layout.offset("v") + i] = u0;
      for (int p = 0; p < d; p++) {
        if (rank == 0) {
          theta[layout.block("W_KQ").index(i * d + p, p)] = u0 / Math.sqrt(d);
        }
      }
      if (rank == 1) {
        theta[layout.block("W_K").index(i, i)] = u0;
        theta[layout.block("W_Q").index(i, i)] = u0;
      }
    }
    return theta;
  }

  /** ZFB's start: W^PV(0) has σ in its label entry, W^KQ(0) = σ ΘΘᵀ with ΘΘᵀ = I/‖Λ‖_F, so ‖ΘΘᵀΛ‖_F = 1. */
  static double[] zfb(SpecSection c, InContextTask task, int heads, int rank, ParameterLayout layout) {
    double sigma = c.number("sigma");
    if (!(sigma > 0) || rank != 0 || heads != 1) {
      throw c.error("sigma", "zfb needs sigma > 0, keyQuery \"merged\" and one head (got sigma " + sigma + ")");
    }
    double norm = 0;
    for (double l : task.lambda()) {
      norm += l * l;
    }
    double[] theta = new double[layout.dimension()];
    theta[layout.offset("v")] = sigma;
    for (int p = 0; p < task.dimension(); p++) {
      theta[layout.block("W_KQ").index(p, p)] = sigma / Math.sqrt(norm);
    }
    return theta;
  }
}
