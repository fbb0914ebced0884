package org.gradflow.models.condensation;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * Definition 3 of Chen &amp; Luo: single-head softmax attention read at the last position,
 * f(X) = act(aᵀ X W_V W1) W2 with a = softmax(x_s W_Q W_Kᵀ Xᵀ/√d), all five blocks trained,
 * L = (1/n) Σ ℓ(−y_i f_i). The gradient is the backward pass of spec §1.1, O(n(s d + d²) + d³)
 * per call: the attention backward uses da_j = X_j·(W_V do) (a d-vector) instead of forming
 * X W_V, and dL/dM is accumulated as rank-one updates x_sᵀ(Σ_j dz_j X_j).
 */
public final class CondensationFlow implements GradientFlow {
  public static final String WQ = "W_Q";
  public static final String WK = "W_K";
  public static final String WV = "W_V";
  public static final String W1 = "W1";
  public static final String W2 = "W2";

  private final CondensationData data;
  private final Activation activation;
  private final LossKind lossKind;
  private final ParameterLayout layout;
  private final int d;
  private final int oQ;
  private final int oK;
  private final int oV;
  private final int o1;
  private final int o2;
  private final double invSqrtD;
  private double[] reference;

  // workspaces (one call at a time)
  private final double[] m;
  private final double[] g;
  private final double[] gV;
  private final double[] g1;
  private final double[] g2;
  private final double[] q;
  private final double[] a;
  private final double[] da;
  private final double[] ax;
  private final double[] o;
  private final double[] h;
  private final double[] act;
  private final double[] dh;
  private final double[] dout;
  private final double[] r;
  private final double[] w;

  public CondensationFlow(CondensationData data, Activation activation, LossKind lossKind) {
    this.data = data;
    this.activation = activation;
    this.lossKind = lossKind;
    this.d = data.d;
    this.layout = layout(d);
    this.oQ = layout.offset(WQ);
    this.oK = layout.offset(WK);
    this.oV = layout.offset(WV);
    this.o1 = layout.offset(W1);
    this.o2 = layout.offset(W2);
    this.invSqrtD = 1 / Math.sqrt(d);
    this.m = new double[d * d];
    this.g = new double[d * d];
    this.gV = new double[d * d];
    this.g1 = new double[d * d];
    this.g2 = new double[d];
    this.q = new double[d];
    this.a = new double[data.s];
    this.da = new double[data.s];
    this.ax = new double[d];
    this.o = new double[d];
    this.h = new double[d];
    this.act = new double[d];
    this.dh = new double[d];
    this.dout = new double[d];
    this.r = new double[d];
    this.w = new double[d];
  }

  /** W_Q, W_K, W_V, W1 (d×d) and W2 (a d-vector), in this order. */
  public static ParameterLayout layout(int d) {
    return ParameterLayout.builder().matrix(WQ, d, d).matrix(WK, d, d).matrix(WV, d, d).matrix(W1, d, d)
        .vector(W2, d).build();
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  public CondensationData data() {
    return data;
  }

  public Activation activation() {
    return activation;
  }

  public LossKind lossKind() {
    return lossKind;
  }

  /** θ(0), the reference of the relative-change observables. */
  void setReference(double[] theta0) {
    this.reference = theta0.clone();
  }

  double[] reference() {
    return reference;
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    double loss = backward(theta, true);
    // dL/dW_Q = G W_K, dL/dW_K = Gᵀ W_Q
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double sq = 0;
        double sk = 0;
        for (int b = 0; b < d; b++) {
          sq += g[i * d + b] * theta[oK + b * d + k];
          sk += g[b * d + i] * theta[oQ + b * d + k];
        }
        out[oQ + i * d + k] = -sq;
        out[oK + i * d + k] = -sk;
      }
    }
    for (int k = 0; k < d * d; k++) {
      out[oV + k] = -gV[k];
      out[o1 + k] = -g1[k];
    }
    for (int k = 0; k < d; k++) {
      out[o2 + k] = -g2[k];
    }
    return loss;
  }

  /**
   * F = −dL/dM at M = 0 with the outer blocks of θ (spec §2.2: for the identity activation this
   * is Eq. 15 exactly; for tanh it is the generalisation). Written row-major into {@code f}.
   */
  public void keyQueryForce(double[] theta, double[] f) {
    backward(theta, false);
    for (int k = 0; k < d * d; k++) {
      f[k] = -g[k];
    }
  }

  /** f_i for every sample into {@code f} (length n); returns nothing else. */
  public void outputs(double[] theta, double[] f) {
    formM(theta, true);
    for (int i = 0; i < data.n; i++) {
      f[i] = forward(theta, i);
    }
  }

  /** ℓ(0) − L (1 − L for the exponential loss) without cancellation. */
  public double lossDeficit(double[] theta) {
    formM(theta, true);
    double s = 0;
    for (int i = 0; i < data.n; i++) {
      s += lossKind.deficit(-data.y[i] * forward(theta, i));
    }
    return s / data.n;
  }

  private void formM(double[] theta, boolean useM) {
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        if (useM) {
          for (int k = 0; k < d; k++) {
            s += theta[oQ + i * d + k] * theta[oK + j * d + k];
          }
        }
        m[i * d + j] = s;
      }
    }
  }

  /** Forward pass of sample i (M already formed): fills a, ax, o, h, act; returns f_i. */
  private double forward(double[] theta, int i) {
    double[] x = data.x;
    int s = data.s;
    int last = ((i * s) + s - 1) * d;
    for (int b = 0; b < d; b++) {
      double v = 0;
      for (int c = 0; c < d; c++) {
        v += x[last + c] * m[c * d + b];
      }
      q[b] = v;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < s; j++) {
      double z = 0;
      int row = (i * s + j) * d;
      for (int b = 0; b < d; b++) {
        z += q[b] * x[row + b];
      }
      a[j] = z * invSqrtD;
      max = Math.max(max, a[j]);
    }
    double total = 0;
    for (int j = 0; j < s; j++) {
      a[j] = Math.exp(a[j] - max);
      total += a[j];
    }
    java.util.Arrays.fill(ax, 0);
    for (int j = 0; j < s; j++) {
      a[j] /= total;
      int row = (i * s + j) * d;
      for (int b = 0; b < d; b++) {
        ax[b] += a[j] * x[row + b];
      }
    }
    matVecLeft(ax, theta, oV, o);
    matVecLeft(o, theta, o1, h);
    double f = 0;
    for (int c = 0; c < d; c++) {
      act[c] = activation.apply(h[c]);
      f += act[c] * theta[o2 + c];
    }
    return f;
  }

  /** out = vec · W (row vector times the d×d block at offset). */
  private void matVecLeft(double[] vec, double[] theta, int offset, double[] out) {
    java.util.Arrays.fill(out, 0);
    for (int b = 0; b < d; b++) {
      double vb = vec[b];
      int row = offset + b * d;
      for (int c = 0; c < d; c++) {
        out[c] += vb * theta[row + c];
      }
    }
  }

  /** Loss and dL/dM (in g), dL/dW_V, dL/dW1, dL/dW2; M = W_Q W_Kᵀ, or 0 when !useM. */
  private double backward(double[] theta, boolean useM) {
    formM(theta, useM);
    java.util.Arrays.fill(g, 0);
    java.util.Arrays.fill(gV, 0);
    java.util.Arrays.fill(g1, 0);
    java.util.Arrays.fill(g2, 0);
    double[] x = data.x;
    int s = data.s;
    int n = data.n;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double f = forward(theta, i);
      double margin = -data.y[i] * f;
      loss += lossKind.value(margin);
      double c = -data.y[i] * lossKind.slope(margin) / n;
      for (int k = 0; k < d; k++) {
        g2[k] += c * act[k];
        dh[k] = c * theta[o2 + k] * activation.derivativeFromValue(act[k]);
      }
      // dW1 += oᵀ dh ; do = dh W1ᵀ
      for (int b = 0; b < d; b++) {
        int row = o1 + b * d;
        double ob = o[b];
        double sum = 0;
        for (int k = 0; k < d; k++) {
          g1[b * d + k] += ob * dh[k];
          sum += dh[k] * theta[row + k];
        }
        dout[b] = sum;
      }
      // dW_V += axᵀ do ; r = W_V doᵀ
      for (int b = 0; b < d; b++) {
        int row = oV + b * d;
        double axb = ax[b];
        double sum = 0;
        for (int k = 0; k < d; k++) {
          gV[b * d + k] += axb * dout[k];
          sum += theta[row + k] * dout[k];
        }
        r[b] = sum;
      }
      // softmax backward: da_j = X_j·r, dz_j = a_j (da_j − Σ a da)
      double mean = 0;
      for (int j = 0; j < s; j++) {
        int row = (i * s + j) * d;
        double value = 0;
        for (int b = 0; b < d; b++) {
          value += x[row + b] * r[b];
        }
        da[j] = value;
        mean += a[j] * value;
      }
      java.util.Arrays.fill(w, 0);
      for (int j = 0; j < s; j++) {
        double dz = a[j] * (da[j] - mean);
        int row = (i * s + j) * d;
        for (int b = 0; b < d; b++) {
          w[b] += dz * x[row + b];
        }
      }
      int last = ((i * s) + s - 1) * d;
      for (int b1 = 0; b1 < d; b1++) {
        double xb = x[last + b1] * invSqrtD;
        for (int b2 = 0; b2 < d; b2++) {
          g[b1 * d + b2] += xb * w[b2];
        }
      }
    }
    return loss / n;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T zero = theta[0].getField().getZero();
    int n = data.n;
    int s = data.s;
    T[] mm = MathArrays.buildArray(zero.getField(), d * d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        T v = zero;
        for (int k = 0; k < d; k++) {
          v = v.add(theta[oQ + i * d + k].multiply(theta[oK + j * d + k]));
        }
        mm[i * d + j] = v;
      }
    }
    T total = zero;
    T[] z = MathArrays.buildArray(zero.getField(), s);
    T[] o = MathArrays.buildArray(zero.getField(), d);
    for (int i = 0; i < n; i++) {
      int last = ((i * s) + s - 1) * d;
      T max = null;
      for (int j = 0; j < s; j++) {
        T v = zero;
        for (int b1 = 0; b1 < d; b1++) {
          for (int b2 = 0; b2 < d; b2++) {
            v = v.add(mm[b1 * d + b2].multiply(data.x[last + b1] * data.x[(i * s + j) * d + b2]));
          }
        }
        z[j] = v.multiply(invSqrtD);
        if (max == null || z[j].getReal() > max.getReal()) {
          max = z[j];
        }
      }
      T den = zero;
      for (int j = 0; j < s; j++) {
        z[j] = z[j].subtract(max).exp();
        den = den.add(z[j]);
      }
      for (int b = 0; b < d; b++) {
        // o_b = Σ_j a_j Σ_e X_je W_V[e,b], computed once per sample (not once per FFN unit c):
        // the reverse-AD tape records each operation, so this loop sets its size
        T ob = zero;
        for (int j = 0; j < s; j++) {
          T xv = zero;
          for (int e = 0; e < d; e++) {
            xv = xv.add(theta[oV + e * d + b].multiply(data.x[(i * s + j) * d + e]));
          }
          ob = ob.add(xv.multiply(z[j]));
        }
        o[b] = ob.divide(den);
      }
      T f = zero;
      for (int c = 0; c < d; c++) {
        T hc = zero;
        for (int b = 0; b < d; b++) {
          hc = hc.add(o[b].multiply(theta[o1 + b * d + c]));
        }
        f = f.add(activation.apply(hc).multiply(theta[o2 + c]));
      }
      total = total.add(lossKind.value(f.multiply(-data.y[i])));
    }
    return total.divide(n);
  }

  @Override
  public List<Observable> observables() {
    return CondensationObservables.all(this);
  }
}
