package org.gradflow.models.markov;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The paper's single-layer transformer on binary first-order Markov data (spec §2): scalar
 * input x_n·e + p_n, one causal softmax head (W_Q, W_K, W_V, optional W_O), ReLU MLP without
 * biases, weight-tied output ⟨e, z_n⟩ + b, no LayerNorm. The loss is the exact population
 * next-token cross-entropy, by enumerating all 2^N sequences with their stationary-Markov
 * weights (spec §1, §7.9); the gradient is hand-written backpropagation over the same
 * enumeration, allocation-free (workspaces per instance).
 */
public final class MarkovTransformer implements GradientFlow {
  private final MarkovSource source;
  private final int d;
  private final int n;
  private final int h;
  private final boolean outputProjection;
  private final ParameterLayout layout;
  private final double[] weight;
  private final int[][] bits;
  private final double invSqrtD;
  // offsets
  private final int oE;
  private final int oP;
  private final int oQ;
  private final int oK;
  private final int oV;
  private final int oO;
  private final int o1;
  private final int o2;
  private final int oB;
  // forward workspaces [position][component]
  private final double[][] xt;
  private final double[][] qv;
  private final double[][] kv;
  private final double[][] vv;
  private final double[][] att;
  private final double[][] ctx;
  private final double[][] y;
  private final double[][] hid;
  private final double[][] z;
  private final double[] logit;
  // backward workspaces
  private final double[][] gxt;
  private final double[][] gq;
  private final double[][] gk;
  private final double[][] gv;
  private final double[] gy;
  private final double[] gz;
  private final double[] gh;
  private final double[] gc;
  private final double[] ga;

  public MarkovTransformer(MarkovSource source, int d, int n, boolean outputProjection) {
    if (d < 1 || n < 1 || n > 20) {
      throw new IllegalArgumentException("need d >= 1 and 1 <= N <= 20 (2^N sequences are enumerated), got d="
          + d + ", N=" + n);
    }
    this.source = source;
    this.d = d;
    this.n = n;
    this.h = 4 * d;
    this.outputProjection = outputProjection;
    ParameterLayout.Builder b = ParameterLayout.builder().vector("e", d).matrix("wpe", n, d)
        .matrix("W_Q", d, d).matrix("W_K", d, d).matrix("W_V", d, d);
    if (outputProjection) {
      b.matrix("W_O", d, d);
    }
    layout = b.matrix("W_1", h, d).matrix("W_2", d, h).scalar("b").build();
    oE = layout.offset("e");
    oP = layout.offset("wpe");
    oQ = layout.offset("W_Q");
    oK = layout.offset("W_K");
    oV = layout.offset("W_V");
    oO = outputProjection ? layout.offset("W_O") : -1;
    o1 = layout.offset("W_1");
    o2 = layout.offset("W_2");
    oB = layout.offset("b");
    invSqrtD = 1 / Math.sqrt(d);
    int count = 1 << n;
    weight = new double[count];
    bits = new int[count][n];
    for (int s = 0; s < count; s++) {
      double w = 1;
      for (int i = 0; i < n; i++) {
        bits[s][i] = (s >> i) & 1;
        if (i == 0) {
          w = bits[s][0] == 1 ? source.pi1() : source.pi0();
        } else {
          double one = source.nextIsOne(bits[s][i - 1]);
          w *= bits[s][i] == 1 ? one : 1 - one;
        }
      }
      weight[s] = w;
    }
    xt = new double[n][d];
    qv = new double[n][d];
    kv = new double[n][d];
    vv = new double[n][d];
    att = new double[n][n];
    ctx = new double[n][d];
    y = new double[n][d];
    hid = new double[n][h];
    z = new double[n][d];
    logit = new double[n];
    gxt = new double[n][d];
    gq = new double[n][d];
    gk = new double[n][d];
    gv = new double[n][d];
    gy = new double[d];
    gz = new double[d];
    gh = new double[h];
    gc = new double[d];
    ga = new double[n];
  }

  public MarkovSource source() {
    return source;
  }

  public int width() {
    return d;
  }

  public int length() {
    return n;
  }

  public boolean hasOutputProjection() {
    return outputProjection;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  /** Forward pass of one sequence into the workspaces; returns its (unweighted) mean CE. */
  private double forward(double[] th, int[] x) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xt[i][j] = x[i] * th[oE + j] + th[oP + i * d + j];
      }
      matVec(th, oQ, d, d, xt[i], qv[i]);
      matVec(th, oK, d, d, xt[i], kv[i]);
      matVec(th, oV, d, d, xt[i], vv[i]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k <= i; k++) {
        att[i][k] = dot(qv[i], kv[k]) * invSqrtD;
        max = Math.max(max, att[i][k]);
      }
      double sum = 0;
      for (int k = 0; k <= i; k++) {
        att[i][k] = Math.exp(att[i][k] - max);
        sum += att[i][k];
      }
      java.util.Arrays.fill(ctx[i], 0);
      for (int k = 0; k <= i; k++) {
        att[i][k] /= sum;
        for (int j = 0; j < d; j++) {
          ctx[i][j] += att[i][k] * vv[k][j];
        }
      }
      if (outputProjection) {
        matVec(th, oO, d, d, ctx[i], y[i]);
        for (int j = 0; j < d; j++) {
          y[i][j] += xt[i][j];
        }
      } else {
        for (int j = 0; j < d; j++) {
          y[i][j] = xt[i][j] + ctx[i][j];
        }
      }
      matVec(th, o1, h, d, y[i], hid[i]);
      for (int j = 0; j < d; j++) {
        double s = y[i][j];
        int row = o2 + j * h;
        for (int m = 0; m < h; m++) {
          if (hid[i][m] > 0) {
            s += th[row + m] * hid[i][m];
          }
        }
        z[i][j] = s;
      }
      double l = th[oB];
      for (int j = 0; j < d; j++) {
        l += th[oE + j] * z[i][j];
      }
      logit[i] = l;
      double p1 = source.nextIsOne(x[i]);
      total -= p1 * MarkovSource.logSigmoid(l) + (1 - p1) * MarkovSource.logSigmoid(-l);
    }
    return total / n;
  }

  @Override
  public double loss(double[] theta) {
    double loss = 0;
    for (int s = 0; s < weight.length; s++) {
      loss += weight[s] * forward(theta, bits[s]);
    }
    return loss;
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    java.util.Arrays.fill(out, 0);
    double loss = 0;
    for (int s = 0; s < weight.length; s++) {
      int[] x = bits[s];
      loss += weight[s] * forward(th, x);
      double scale = weight[s] / n;
      for (int i = 0; i < n; i++) {
        java.util.Arrays.fill(gxt[i], 0);
        java.util.Arrays.fill(gq[i], 0);
        java.util.Arrays.fill(gk[i], 0);
        java.util.Arrays.fill(gv[i], 0);
      }
      for (int i = 0; i < n; i++) {
        double gl = scale * (MarkovSource.sigmoid(logit[i]) - source.nextIsOne(x[i]));
        out[oB] += gl;
        for (int j = 0; j < d; j++) {
          out[oE + j] += gl * z[i][j];
          gz[j] = gl * th[oE + j];
          gy[j] = gz[j];
        }
        // MLP: z = y + W2 relu(W1 y)
        for (int m = 0; m < h; m++) {
          double r = 0;
          if (hid[i][m] > 0) {
            for (int j = 0; j < d; j++) {
              out[o2 + j * h + m] += gz[j] * hid[i][m];
              r += th[o2 + j * h + m] * gz[j];
            }
          }
          gh[m] = r;
        }
        for (int m = 0; m < h; m++) {
          if (gh[m] != 0) {
            int row = o1 + m * d;
            for (int j = 0; j < d; j++) {
              out[row + j] += gh[m] * y[i][j];
              gy[j] += th[row + j] * gh[m];
            }
          }
        }
        // residual and attention: y = x̃ + W_O ctx
        for (int j = 0; j < d; j++) {
          gxt[i][j] += gy[j];
        }
        if (outputProjection) {
          for (int j = 0; j < d; j++) {
            gc[j] = 0;
          }
          for (int j = 0; j < d; j++) {
            int row = oO + j * d;
            for (int k = 0; k < d; k++) {
              out[row + k] += gy[j] * ctx[i][k];
              gc[k] += th[row + k] * gy[j];
            }
          }
        } else {
          System.arraycopy(gy, 0, gc, 0, d);
        }
        double mean = 0;
        for (int k = 0; k <= i; k++) {
          ga[k] = dot(gc, vv[k]);
          mean += att[i][k] * ga[k];
          for (int j = 0; j < d; j++) {
            gv[k][j] += att[i][k] * gc[j];
          }
        }
        for (int k = 0; k <= i; k++) {
          double gs = att[i][k] * (ga[k] - mean) * invSqrtD;
          for (int j = 0; j < d; j++) {
            gq[i][j] += gs * kv[k][j];
            gk[k][j] += gs * qv[i][j];
          }
        }
      }
      for (int i = 0; i < n; i++) {
        outer(out, oQ, gq[i], xt[i]);
        outer(out, oK, gk[i], xt[i]);
        outer(out, oV, gv[i], xt[i]);
        transposeMatVecAdd(th, oQ, gq[i], gxt[i]);
        transposeMatVecAdd(th, oK, gk[i], gxt[i]);
        transposeMatVecAdd(th, oV, gv[i], gxt[i]);
        for (int j = 0; j < d; j++) {
          out[oP + i * d + j] += gxt[i][j];
          out[oE + j] += x[i] * gxt[i][j];
        }
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = -out[i];
    }
    return loss;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    org.hipparchus.Field<T> f = th[0].getField();
    T zero = f.getZero();
    T total = zero;
    for (int s = 0; s < weight.length; s++) {
      int[] x = bits[s];
      T[][] xs = MathArrays.buildArray(f, n, d);
      T[][] q = MathArrays.buildArray(f, n, d);
      T[][] k = MathArrays.buildArray(f, n, d);
      T[][] v = MathArrays.buildArray(f, n, d);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          xs[i][j] = th[oE + j].multiply(x[i]).add(th[oP + i * d + j]);
        }
        q[i] = matVec(th, oQ, d, d, xs[i], f);
        k[i] = matVec(th, oK, d, d, xs[i], f);
        v[i] = matVec(th, oV, d, d, xs[i], f);
      }
      T seq = zero;
      for (int i = 0; i < n; i++) {
        T[] sc = MathArrays.buildArray(f, i + 1);
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m <= i; m++) {
          sc[m] = dot(q[i], k[m], zero).multiply(invSqrtD);
          max = Math.max(max, sc[m].getReal());
        }
        T sum = zero;
        for (int m = 0; m <= i; m++) {
          sc[m] = sc[m].subtract(max).exp();
          sum = sum.add(sc[m]);
        }
        T[] c = MathArrays.buildArray(f, d);
        for (int j = 0; j < d; j++) {
          c[j] = zero;
          for (int m = 0; m <= i; m++) {
            c[j] = c[j].add(sc[m].divide(sum).multiply(v[m][j]));
          }
        }
        T[] yy = outputProjection ? matVec(th, oO, d, d, c, f) : c;
        for (int j = 0; j < d; j++) {
          yy[j] = yy[j].add(xs[i][j]);
        }
        T[] hh = matVec(th, o1, h, d, yy, f);
        T l = th[oB];
        for (int j = 0; j < d; j++) {
          T zj = yy[j];
          for (int m = 0; m < h; m++) {
            if (hh[m].getReal() > 0) {
              zj = zj.add(th[o2 + j * h + m].multiply(hh[m]));
            }
          }
          l = l.add(th[oE + j].multiply(zj));
        }
        double p1 = source.nextIsOne(x[i]);
        seq = seq.subtract(MarkovSource.logSigmoid(l).multiply(p1)
            .add(MarkovSource.logSigmoid(l.negate()).multiply(1 - p1)));
      }
      total = total.add(seq.multiply(weight[s] / n));
    }
    return total;
  }

  @Override
  public List<Observable> observables() {
    double hRate = source.entropyRate();
    double hUni = source.unigramEntropy();
    return List.of(
        Observable.of("gapToEntropyRate", th -> loss(th) - hRate),
        Observable.of("gapToUnigram", th -> loss(th) - hUni),
        Observable.of("embeddingNorm", th -> layout.blockNorm(th, "e")));
  }

  // ----- small dense helpers over θ blocks (row-major) -----

  private static void matVec(double[] th, int off, int rows, int cols, double[] v, double[] out) {
    for (int r = 0; r < rows; r++) {
      double s = 0;
      int row = off + r * cols;
      for (int c = 0; c < cols; c++) {
        s += th[row + c] * v[c];
      }
      out[r] = s;
    }
  }

  private <T extends CalculusFieldElement<T>> T[] matVec(T[] th, int off, int rows, int cols, T[] v,
      org.hipparchus.Field<T> f) {
    T[] out = MathArrays.buildArray(f, rows);
    for (int r = 0; r < rows; r++) {
      T s = f.getZero();
      for (int c = 0; c < cols; c++) {
        s = s.add(th[off + r * cols + c].multiply(v[c]));
      }
      out[r] = s;
    }
    return out;
  }

  /** out += Mᵀ g for the d×d block M at off. */
  private void transposeMatVecAdd(double[] th, int off, double[] g, double[] out) {
    for (int r = 0; r < d; r++) {
      int row = off + r * d;
      for (int c = 0; c < d; c++) {
        out[c] += th[row + c] * g[r];
      }
    }
  }

  /** grad[off..] += g xᵀ for a d×d block. */
  private void outer(double[] grad, int off, double[] g, double[] x) {
    for (int r = 0; r < d; r++) {
      int row = off + r * d;
      for (int c = 0; c < d; c++) {
        grad[row + c] += g[r] * x[c];
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static <T extends CalculusFieldElement<T>> T dot(T[] a, T[] b, T zero) {
    T s = zero;
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }
}
