package org.gradflow.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Singular value decomposition of matrices of one fixed shape (EJML), sorted largest first,
 * with a reusable decomposition and input copy (EJML may overwrite its input).
 *
 * <p>{@link #valuesOnly} computes σ1 ≥ σ2 ≥ … alone (observables such as σ2/σ1 evaluated at
 * every sample); {@link #withVectors} also keeps the singular vectors u_k, v_k, sorted with
 * their values, for alignments and exact derivatives dσ_k/dt = u_kᵀ Ṁ v_k. After a failed
 * decomposition the values are NaN.
 */
public final class Svd {
  private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
  private final DMatrixRMaj copy;
  private final double[] sorted;
  private final DMatrixRMaj u;
  private final DMatrixRMaj w;
  private final DMatrixRMaj v;

  private Svd(int rows, int cols, boolean vectors) {
    this.svd = vectors ? DecompositionFactory_DDRM.svd(rows, cols, true, true, false)
        : DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    this.copy = new DMatrixRMaj(rows, cols);
    this.sorted = new double[Math.min(rows, cols)];
    this.u = vectors ? new DMatrixRMaj(rows, rows) : null;
    this.w = vectors ? new DMatrixRMaj(rows, cols) : null;
    this.v = vectors ? new DMatrixRMaj(cols, cols) : null;
  }

  /** Singular values only, of rows×cols matrices. */
  public static Svd valuesOnly(int rows, int cols) {
    return new Svd(rows, cols, false);
  }

  /** Singular values and vectors (full U, rows×rows, and V, cols×cols), of rows×cols matrices. */
  public static Svd withVectors(int rows, int cols) {
    return new Svd(rows, cols, true);
  }

  /** Decomposes m (not modified); false, with NaN values, if EJML fails. */
  public boolean decompose(DMatrixRMaj m) {
    copy.setTo(m);
    if (!svd.decompose(copy)) {
      Arrays.fill(sorted, Double.NaN);
      return false;
    }
    if (u == null) {
      double[] s = svd.getSingularValues();
      System.arraycopy(s, 0, sorted, 0, sorted.length);
      Arrays.sort(sorted);
      for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
        double t = sorted[i];
        sorted[i] = sorted[j];
        sorted[j] = t;
      }
    } else {
      svd.getU(u, false);
      svd.getW(w);
      svd.getV(v, false);
      SingularOps_DDRM.descendingOrder(u, false, w, v, false);
      for (int k = 0; k < sorted.length; k++) {
        sorted[k] = w.get(k, k);
      }
    }
    return true;
  }

  /** σ1 ≥ σ2 ≥ … of {@code m}; the returned array is this object's buffer. */
  public double[] of(DMatrixRMaj m) {
    decompose(m);
    return sorted;
  }

  /** σ_{k+1} of the last decomposition (k = 0 is the largest). */
  public double sigma(int k) {
    return sorted[k];
  }

  /** The last decomposition's values, largest first; this object's buffer. */
  public double[] values() {
    return sorted;
  }

  /** Component i of the k-th left singular vector. */
  public double u(int i, int k) {
    requireVectors();
    return u.get(i, k);
  }

  /** Component j of the k-th right singular vector. */
  public double v(int j, int k) {
    requireVectors();
    return v.get(j, k);
  }

  /** u_kᵀ A v_k for a matrix A of this shape. */
  public double project(DMatrixRMaj a, int k) {
    requireVectors();
    double s = 0;
    for (int i = 0; i < a.numRows; i++) {
      double row = 0;
      for (int j = 0; j < a.numCols; j++) {
        row += a.get(i, j) * v.get(j, k);
      }
      s += u.get(i, k) * row;
    }
    return s;
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
    for (double x : s) {
      total += x;
    }
    if (total == 0) {
      return 0;
    }
    double h = 0;
    for (double x : s) {
      if (x > 0) {
        double p = x / total;
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }

  private void requireVectors() {
    if (u == null) {
      throw new IllegalStateException("singular vectors not computed: use Svd.withVectors");
    }
  }
}
