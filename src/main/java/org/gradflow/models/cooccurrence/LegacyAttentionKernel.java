package org.gradflow.models.cooccurrence;

import java.util.Arrays;

/**
 * The previous co-occurrence kernel, kept only as the reference that {@link AttentionKernel} is
 * compared against (to rounding in {@code KernelEquivalenceTest}, side by side in
 * {@code CooccurrenceRhsBenchmark}).
 * Public so that the benchmark package can build it; nothing else uses it.
 *
 * <p>The forward pass and exact gradient of the one-layer transformer of Eq. (1) in the compact form
 * of spec §3.3 / §12.2, specialised to one-hot tokens.
 *
 * <p>Why the loops look the way they do. θ stores W_V, W_K, W_Q row-major (m×d), so one row r of
 * each block holds entry r of every token's column. The kernel walks r = 0..m−1 once to build
 * all scores and once to scatter the gradient; inside a row it gathers the entries of the n·L
 * token slots into contiguous arrays laid out position-major (slot j = h·n + i: position h of
 * sample i). The per-pair work (S[h,l] += k_h q_l, dk_h += D[h,l] q_l, ...) then runs over the
 * sample index i with unit stride, which the JIT vectorizes. Nothing d-wide is ever multiplied;
 * unused vocabulary columns only receive zeros. Repeated tokens add up through the scatter.
 *
 * <p>All workspaces are allocated once here: {@link #forward} and {@link #backward} allocate nothing.
 */
public final class LegacyAttentionKernel {
  final int n;
  final int len;
  final int d;
  final int m;
  final int m1;
  final int offV;
  final int offK;
  final int offQ;
  final int dimension;

  private final int slots;
  private final int[] tok; // token id of slot h*n + i
  private final double[] y;
  private final double[] a;
  private final double invSqrtM;

  // workspaces
  final double[] u;
  /** scores, then (after forward) attention P[h,l,i] at (h*len + l)*n + i */
  final double[] p;
  /** z_h = G(x_h) per slot */
  final double[] z;
  /** c_h = Σ_l P[h,l] per slot */
  final double[] c;
  final double[] margin;
  final double[] g;
  final double[] coef;
  private final double[] dc; // coef·D/√m per (h,l,i)
  private final double[] cc; // coef·c per slot
  private final double[] kr;
  private final double[] qr;
  private final double[] vr;
  private final double[] dk;
  private final double[] dq;
  private final double[] wbar;
  private final double[] colMax;
  private final double[] colSum;
  // JVP workspaces
  private final double[] du;
  private final double[] ds;
  private final double[] dz;
  private final double[] dv;

  public LegacyAttentionKernel(CooccurrenceData data, double[] a, int m) {
    this.n = data.n();
    this.len = data.length();
    this.d = data.vocabulary();
    this.m = m;
    this.m1 = a.length;
    this.offV = m1 * m;
    this.offK = offV + m * d;
    this.offQ = offK + m * d;
    this.dimension = offQ + m * d;
    this.slots = n * len;
    this.tok = new int[slots];
    this.y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = data.label(i);
      for (int h = 0; h < len; h++) {
        tok[h * n + i] = data.token(i, h);
      }
    }
    this.a = a.clone();
    this.invSqrtM = 1.0 / Math.sqrt(m);
    u = new double[m];
    p = new double[len * len * n];
    dc = new double[len * len * n];
    ds = new double[len * len * n];
    z = new double[slots];
    c = new double[slots];
    cc = new double[slots];
    kr = new double[slots];
    qr = new double[slots];
    vr = new double[slots];
    dk = new double[slots];
    dq = new double[slots];
    dz = new double[slots];
    dv = new double[slots];
    margin = new double[n];
    g = new double[n];
    coef = new double[n];
    wbar = new double[m];
    du = new double[m];
    colMax = new double[n];
    colSum = new double[n];
  }

  double[] a() {
    return a;
  }

  int tokenAtSlot(int slot) {
    return tok[slot];
  }

  double label(int i) {
    return y[i];
  }

  /** P[h,l] of sample i (key h, query l). Valid after {@link #forward}. */
  double attention(int i, int h, int l) {
    return p[(h * len + l) * n + i];
  }

  private void gatherRow(double[] theta, int offset, int r, double[] dst) {
    int base = offset + r * d;
    for (int j = 0; j < slots; j++) {
      dst[j] = theta[base + tok[j]];
    }
  }

  /** u = Wᵀa, written into {@code out}. */
  void readout(double[] theta, double[] out) {
    Arrays.fill(out, 0.0);
    for (int j = 0; j < m1; j++) {
      double aj = a[j];
      int row = j * m;
      for (int r = 0; r < m; r++) {
        out[r] += aj * theta[row + r];
      }
    }
  }

  /**
   * Scores, attention, outputs, margins y_i F_i, g_i = 1/(1+e^{M_i}) and coef_i = g_i y_i / n;
   * returns L̂ = mean log(1 + e^{−M_i}).
   */
  public double forward(double[] theta) {
    readout(theta, u);
    Arrays.fill(p, 0.0);
    Arrays.fill(z, 0.0);
    for (int r = 0; r < m; r++) {
      gatherRow(theta, offK, r, kr);
      gatherRow(theta, offQ, r, qr);
      gatherRow(theta, offV, r, vr);
      double ur = u[r];
      for (int j = 0; j < slots; j++) {
        z[j] += vr[j] * ur;
      }
      for (int h = 0; h < len; h++) {
        int hb = h * n;
        for (int l = 0; l < len; l++) {
          int lb = l * n;
          int base = (h * len + l) * n;
          for (int i = 0; i < n; i++) {
            p[base + i] += kr[hb + i] * qr[lb + i];
          }
        }
      }
    }
    // column softmax over keys h for every query l, vectorized over samples i
    Arrays.fill(c, 0.0);
    for (int l = 0; l < len; l++) {
      Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        for (int i = 0; i < n; i++) {
          colMax[i] = Math.max(colMax[i], p[base + i]);
        }
      }
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        for (int i = 0; i < n; i++) {
          double e = Math.exp((p[base + i] - colMax[i]) * invSqrtM);
          p[base + i] = e;
          colSum[i] += e;
        }
      }
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          double q = p[base + i] / colSum[i];
          p[base + i] = q;
          c[hb + i] += q;
        }
      }
    }
    double loss = 0;
    Arrays.fill(margin, 0.0);
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        margin[i] += z[hb + i] * c[hb + i];
      }
    }
    for (int i = 0; i < n; i++) {
      double mi = y[i] * margin[i];
      margin[i] = mi;
      loss += AttentionKernel.softplus(-mi);
      g[i] = AttentionKernel.logisticWeight(mi);
      coef[i] = g[i] * y[i] / n;
    }
    return loss / n;
  }

  /** Writes −∇L̂(θ) into out. Call {@link #forward} on the same θ first. */
  public void backward(double[] theta, double[] out) {
    // D[h,l] = P[h,l](z_h − Σ_h' P[h',l] z_h'); dc = coef·D/√m; cc = coef·c
    for (int l = 0; l < len; l++) {
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          colSum[i] += p[base + i] * z[hb + i];
        }
      }
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          dc[base + i] = coef[i] * invSqrtM * p[base + i] * (z[hb + i] - colSum[i]);
        }
      }
    }
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        cc[hb + i] = coef[i] * c[hb + i];
      }
    }
    for (int r = 0; r < m; r++) {
      gatherRow(theta, offK, r, kr);
      gatherRow(theta, offQ, r, qr);
      gatherRow(theta, offV, r, vr);
      Arrays.fill(dk, 0.0);
      Arrays.fill(dq, 0.0);
      for (int h = 0; h < len; h++) {
        int hb = h * n;
        for (int l = 0; l < len; l++) {
          int lb = l * n;
          int base = (h * len + l) * n;
          for (int i = 0; i < n; i++) {
            double w = dc[base + i];
            dk[hb + i] += w * qr[lb + i];
            dq[lb + i] += w * kr[hb + i];
          }
        }
      }
      double acc = 0;
      for (int j = 0; j < slots; j++) {
        acc += cc[j] * vr[j];
      }
      wbar[r] = acc;
      double ur = u[r];
      int rowV = offV + r * d;
      int rowK = offK + r * d;
      int rowQ = offQ + r * d;
      Arrays.fill(out, rowV, rowV + d, 0.0);
      Arrays.fill(out, rowK, rowK + d, 0.0);
      Arrays.fill(out, rowQ, rowQ + d, 0.0);
      for (int j = 0; j < slots; j++) {
        int t = tok[j];
        out[rowV + t] += cc[j] * ur;
        out[rowK + t] += dk[j];
        out[rowQ + t] += dq[j];
      }
    }
    // Ẇ = a ⊗ Σ_i coef_i V_i c_i: a rank-one update
    for (int j = 0; j < m1; j++) {
      double aj = a[j];
      int row = j * m;
      for (int r = 0; r < m; r++) {
        out[row + r] = aj * wbar[r];
      }
    }
  }

  /**
   * Exact directional derivative of the margins along {@code thetaDot}: out[i] = y_i ∇F_i·θ̇
   * (so Ṁ_i along the flow). Call {@link #forward} on the same θ first.
   */
  void marginRates(double[] theta, double[] thetaDot, double[] out) {
    readout(thetaDot, du);
    Arrays.fill(ds, 0.0);
    Arrays.fill(dz, 0.0);
    for (int r = 0; r < m; r++) {
      gatherRow(theta, offK, r, kr);
      gatherRow(theta, offQ, r, qr);
      gatherRow(theta, offV, r, vr);
      gatherRow(thetaDot, offK, r, dk);
      gatherRow(thetaDot, offQ, r, dq);
      gatherRow(thetaDot, offV, r, dv);
      double ur = u[r];
      double dur = du[r];
      for (int j = 0; j < slots; j++) {
        dz[j] += dv[j] * ur + vr[j] * dur;
      }
      for (int h = 0; h < len; h++) {
        int hb = h * n;
        for (int l = 0; l < len; l++) {
          int lb = l * n;
          int base = (h * len + l) * n;
          for (int i = 0; i < n; i++) {
            ds[base + i] += dk[hb + i] * qr[lb + i] + kr[hb + i] * dq[lb + i];
          }
        }
      }
    }
    Arrays.fill(out, 0, n, 0.0);
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        out[i] += dz[hb + i] * c[hb + i];
      }
    }
    // dP[:,l] = P∘(dS − pᵀdS); dF += Σ_h z_h Σ_l dP[h,l]
    for (int l = 0; l < len; l++) {
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        for (int i = 0; i < n; i++) {
          colSum[i] += p[base + i] * ds[base + i];
        }
      }
      for (int h = 0; h < len; h++) {
        int base = (h * len + l) * n;
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          out[i] += z[hb + i] * p[base + i] * (ds[base + i] - colSum[i]) * invSqrtM;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] *= y[i];
    }
  }
}
