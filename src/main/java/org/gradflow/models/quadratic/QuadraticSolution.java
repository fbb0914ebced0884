package org.gradflow.models.quadratic;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The closed-form flow of a quadratic: in A's eigenbasis (A = QΛQᵀ, EJML symmetric
 * eigendecomposition) each coordinate c solves ċ = β − λc, so
 * c(t) = c0·e^{−λt} + β·(1 − e^{−λt})/λ, with expm1 keeping (1 − e^{−λt})/λ exact for small λt
 * and its λ → 0 limit c0 + βt.
 */
public final class QuadraticSolution {
  private final DMatrixRMaj q;
  private final double[] lambda;
  private final double[] c0;
  private final double[] beta;

  public QuadraticSolution(double[][] a, double[] b, double[] theta0) {
    int n = b.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(new DMatrixRMaj(a))) {
      throw new IllegalStateException("eigendecomposition failed");
    }
    q = new DMatrixRMaj(n, n);
    lambda = new double[n];
    for (int k = 0; k < n; k++) {
      lambda[k] = eig.getEigenvalue(k).getReal();
      DMatrixRMaj v = eig.getEigenVector(k);
      for (int i = 0; i < n; i++) {
        q.set(i, k, v.get(i));
      }
    }
    c0 = project(theta0);
    beta = project(b);
  }

  private double[] project(double[] x) {
    int n = x.length;
    double[] c = new double[n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        c[k] += q.get(i, k) * x[i];
      }
    }
    return c;
  }

  /** θ(t). */
  public double[] at(double t) {
    int n = lambda.length;
    double[] c = new double[n];
    for (int k = 0; k < n; k++) {
      double lt = lambda[k] * t;
      double growth = lt == 0 ? t : -Math.expm1(-lt) / lambda[k];
      c[k] = c0[k] * Math.exp(-lt) + beta[k] * growth;
    }
    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        theta[i] += q.get(i, k) * c[k];
      }
    }
    return theta;
  }
}
