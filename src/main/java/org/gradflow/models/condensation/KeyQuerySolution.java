package org.gradflow.models.condensation;

import org.ejml.data.DMatrixRMaj;
import org.gradflow.core.Svd;

/**
 * Closed form of Eq. (14) (spec §2.2): with F = U Σ Vᵀ, A = Uᵀ W_Q and B = Vᵀ W_K obey
 * A_i' = σ_i B_i, B_i' = σ_i A_i row by row, so A_i(t) = c_i cosh σ_i t + d_i sinh σ_i t and
 * B_i(t) = d_i cosh σ_i t + c_i sinh σ_i t with c = A(0), d = B(0).
 */
public final class KeyQuerySolution {
  private final int d;
  private final Svd svd;
  private final double[][] c;
  private final double[][] e;

  public KeyQuerySolution(double[] force, int d, double[] wq0, double[] wk0) {
    this.d = d;
    this.svd = Svd.withVectors(d, d);
    if (!svd.decompose(new DMatrixRMaj(d, d, true, force))) {
      throw new IllegalStateException("SVD of F failed");
    }
    c = new double[d][d];
    e = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        for (int a = 0; a < d; a++) {
          c[i][k] += svd.u(a, i) * wq0[a * d + k];
          e[i][k] += svd.v(a, i) * wk0[a * d + k];
        }
      }
    }
  }

  public double sigma(int i) {
    return svd.sigma(i);
  }

  /** (W_Q, W_K) at time t, laid out as the flow's θ. */
  public double[] at(double t) {
    double[][] a = new double[d][d];
    double[][] b = new double[d][d];
    for (int i = 0; i < d; i++) {
      double ch = Math.cosh(svd.sigma(i) * t);
      double sh = Math.sinh(svd.sigma(i) * t);
      for (int k = 0; k < d; k++) {
        a[i][k] = c[i][k] * ch + e[i][k] * sh;
        b[i][k] = e[i][k] * ch + c[i][k] * sh;
      }
    }
    double[] th = new double[2 * d * d];
    for (int r = 0; r < d; r++) {
      for (int k = 0; k < d; k++) {
        double q = 0;
        double kk = 0;
        for (int i = 0; i < d; i++) {
          q += svd.u(r, i) * a[i][k];
          kk += svd.v(r, i) * b[i][k];
        }
        th[r * d + k] = q;
        th[d * d + r * d + k] = kk;
      }
    }
    return th;
  }
}
