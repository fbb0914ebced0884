package org.gradflow.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Singular values of matrices of one fixed shape, with a reusable EJML decomposition and
 * input copy (EJML may overwrite its input). Values come back sorted, largest first.
 */
public final class SingularValues {
  private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
  private final DMatrixRMaj copy;
  private final double[] sorted;

  public SingularValues(int rows, int cols) {
    this.svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    this.copy = new DMatrixRMaj(rows, cols);
    this.sorted = new double[Math.min(rows, cols)];
  }

  /** σ1 ≥ σ2 ≥ … of {@code m}; the returned array is this object's buffer. */
  public double[] of(DMatrixRMaj m) {
    copy.setTo(m);
    if (!svd.decompose(copy)) {
      Arrays.fill(sorted, Double.NaN);
      return sorted;
    }
    double[] s = svd.getSingularValues();
    System.arraycopy(s, 0, sorted, 0, sorted.length);
    Arrays.sort(sorted);
    for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    return sorted;
  }

  /** σ2/σ1: 0 for a rank-one (or one-row/column) matrix, NaN for the zero matrix. */
  public double ratio(DMatrixRMaj m) {
    double[] s = of(m);
    if (s.length < 2) {
      return 0.0;
    }
    return s[0] == 0 ? Double.NaN : s[1] / s[0];
  }

  /** Entropy effective rank exp(−Σ p_i log p_i), p_i = σ_i/Σσ (Roy &amp; Vetterli 2007). */
  public double effectiveRank(DMatrixRMaj m) {
    double[] s = of(m);
    double total = 0;
    for (double v : s) {
      total += v;
    }
    if (total == 0) {
      return 0;
    }
    double h = 0;
    for (double v : s) {
      if (v > 0) {
        double p = v / total;
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }
}
