package org.gradflow.models.condensation;

import static org.gradflow.models.condensation.CondensationFlow.W1;
import static org.gradflow.models.condensation.CondensationFlow.W2;
import static org.gradflow.models.condensation.CondensationFlow.WK;
import static org.gradflow.models.condensation.CondensationFlow.WQ;
import static org.gradflow.models.condensation.CondensationFlow.WV;

import org.gradflow.core.ParameterLayout;

/**
 * The exact conservation laws of §1.2, from the symmetries L(W_Q G, W_K G⁻ᵀ) = L and
 * L(W_V G, G⁻¹ W1) = L: C_QK = W_QᵀW_Q − W_KᵀW_K and C_V1 = W_VᵀW_V − W1W1ᵀ for either
 * activation; C_12 = W1ᵀW1 − W2W2ᵀ only for the identity (tanh breaks the W1–W2 rescaling).
 */
public final class Invariants {
  private Invariants() {}

  /** Which conserved matrix. */
  public enum Kind { QK, V1, TWELVE }

  /** The d×d conserved matrix of that kind at θ, row-major. */
  public static double[] value(ParameterLayout layout, double[] th, Kind kind) {
    int d = layout.block(WQ).rows();
    double[][] a = null;
    double[][] b = null;
    boolean aTrans = true;
    boolean bTrans = true;
    switch (kind) {
      case QK -> {
        a = layout.matrix(th, WQ);
        b = layout.matrix(th, WK);
      }
      case V1 -> {
        a = layout.matrix(th, WV);
        b = layout.matrix(th, W1);
        bTrans = false;
      }
      case TWELVE -> {
        a = layout.matrix(th, W1);
        double[][] w2 = layout.matrix(th, W2);
        b = new double[1][d];
        for (int i = 0; i < d; i++) {
          b[0][i] = w2[i][0];
        }
      }
    }
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = gram(a, i, j, aTrans) - gram(b, i, j, bTrans);
      }
    }
    return out;
  }

  /** (XᵀX)_{ij} if trans, else (X Xᵀ)_{ij}. */
  private static double gram(double[][] x, int i, int j, boolean trans) {
    double s = 0;
    if (trans) {
      for (double[] row : x) {
        s += row[i] * row[j];
      }
    } else {
      for (int k = 0; k < x[i].length; k++) {
        s += x[i][k] * x[j][k];
      }
    }
    return s;
  }

  /** max |C(θ1) − C(θ0)| entrywise. */
  public static double drift(ParameterLayout layout, double[] th0, double[] th1, Kind kind) {
    double[] a = value(layout, th0, kind);
    double[] b = value(layout, th1, kind);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
