package org.gradflow.models.condensation;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Full SVD of square d×d matrices with singular vectors, sorted largest first (EJML). The
 * core {@link org.gradflow.core.SingularValues} gives values only; the stage-2 observables need
 * u_k, v_k (alignment with F, exact dσ_k/dt = u_kᵀ Ṁ v_k).
 */
final class Svd {
  private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
  private final DMatrixRMaj copy;
  private final DMatrixRMaj u;
  private final DMatrixRMaj w;
  private final DMatrixRMaj v;

  Svd(int d) {
    svd = DecompositionFactory_DDRM.svd(d, d, true, true, false);
    copy = new DMatrixRMaj(d, d);
    u = new DMatrixRMaj(d, d);
    w = new DMatrixRMaj(d, d);
    v = new DMatrixRMaj(d, d);
  }

  /** Decomposes m (not modified); false if EJML fails. */
  boolean decompose(DMatrixRMaj m) {
    copy.setTo(m);
    if (!svd.decompose(copy)) {
      return false;
    }
    svd.getU(u, false);
    svd.getW(w);
    svd.getV(v, false);
    SingularOps_DDRM.descendingOrder(u, false, w, v, false);
    return true;
  }

  double sigma(int k) {
    return w.get(k, k);
  }

  /** Component i of the k-th left singular vector. */
  double u(int i, int k) {
    return u.get(i, k);
  }

  double v(int i, int k) {
    return v.get(i, k);
  }

  /** u_kᵀ A v_k. */
  double project(DMatrixRMaj a, int k) {
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
}
