package org.gradflow.models.condensation;

import java.util.SplittableRandom;
import org.gradflow.models.InitialState;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;

/**
 * A binary sequence task: n sequences of s tokens in R^d (tokens are already in model space,
 * no embedding) and labels ±1. Stored flat, {@code x[(i s + j) d + b]} = X_{i,j,b}. Also the
 * quantities the theory is written in: u = Σ_i y_i Σ_j X_ij, v = u/|u|, the mean-pooled
 * features m_i.
 */
public final class CondensationData {
  final int n;
  final int s;
  final int d;
  final double[] x;
  final double[] y;

  CondensationData(int n, int s, int d, double[] x, double[] y) {
    this.n = n;
    this.s = s;
    this.d = d;
    this.x = x;
    this.y = y;
  }

  public int n() {
    return n;
  }

  public int s() {
    return s;
  }

  public int d() {
    return d;
  }

  public double token(int i, int j, int b) {
    return x[(i * s + j) * d + b];
  }

  public double label(int i) {
    return y[i];
  }

  /** u = Σ_i y_i Σ_j X_ij (Eq. 6): the condensation direction before normalisation. */
  public double[] u() {
    double[] u = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < s; j++) {
        for (int b = 0; b < d; b++) {
          u[b] += y[i] * token(i, j, b);
        }
      }
    }
    return u;
  }

  public double uNorm() {
    double[] u = u();
    double q = 0;
    for (double c : u) {
      q += c * c;
    }
    return Math.sqrt(q);
  }

  /** v = u/|u|. */
  public double[] v() {
    double[] u = u();
    double nu = uNorm();
    for (int b = 0; b < d; b++) {
      u[b] /= nu;
    }
    return u;
  }

  /** Stage-1 time scale n s/|u|: t = (n s/|u|) t̄/ε (Eq. 6). */
  public double stageOneScale() {
    return n * s / uNorm();
  }

  /** m_i = (1/s) Σ_j X_ij, one row per sample. */
  public double[][] meanFeatures() {
    double[][] m = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < s; j++) {
        for (int b = 0; b < d; b++) {
          m[i][b] += token(i, j, b) / s;
        }
      }
    }
    return m;
  }

  /** The spec's {@code data.explicit} form: {"X": n×s×d, "y": [±1]}. */
  java.util.Map<String, Object> explicit() {
    double[][][] xs = new double[n][s][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < s; j++) {
        System.arraycopy(x, (i * s + j) * d, xs[i][j], 0, d);
      }
    }
    return org.gradflow.models.ExplicitInputs.fields("X", xs, "y", y.clone());
  }

  /** Reads {@code data}: {"explicit": {"X": n×s×d, "y": [±1]}} or {"generator": {...}}. */
  static CondensationData read(SpecSection data) {
    if (!data.isPresent()) {
      throw data.error("missing: give {\"generator\": {...}} or {\"explicit\": {\"X\", \"y\"}}");
    }
    CondensationData out;
    if (data.has("explicit")) {
      out = explicit(data.child("explicit"));
    } else if (data.has("generator")) {
      out = generate(data.child("generator"));
    } else {
      data.requireKnownFields(); // a misspelt name gets its did-you-mean
      throw data.error("expected \"generator\" or \"explicit\", got " + data.fieldNames());
    }
    if (!(out.uNorm() > 0)) {
      throw data.error("u = Σ y_i Σ_j X_ij is zero: the condensation direction is undefined (paper §1 (a))");
    }
    return out;
  }

  private static CondensationData explicit(SpecSection e) {
    e.allowOnly("X", "y");
    SpecSection xs = e.child("X");
    if (!xs.node().isArray() || xs.node().isEmpty()) {
      throw xs.error("must be a non-empty list of n sequences, each an s×d matrix");
    }
    int n = xs.node().size();
    double[][] first = xs.element(0).matrix(-1, -1);
    int s = first.length;
    if (s == 0 || first[0].length == 0) {
      throw xs.element(0).error("a sequence needs at least one token of positive dimension");
    }
    int d = first[0].length;
    double[] x = new double[n * s * d];
    for (int i = 0; i < n; i++) {
      double[][] m = xs.element(i).matrix(s, d);
      for (int j = 0; j < s; j++) {
        System.arraycopy(m[j], 0, x, (i * s + j) * d, d);
      }
    }
    double[] y = e.child("y").vector(n);
    for (int i = 0; i < n; i++) {
      if (y[i] != 1 && y[i] != -1) {
        throw e.child("y").element(i).error("labels must be +1 or -1, got " + y[i]);
      }
    }
    return new CondensationData(n, s, d, x, y);
  }

  /**
   * Gaussian tokens of scale α; labels "random" (fair coin) or "teacher": the sign of a planted
   * single-head attention model f*(X) = a*(X)ᵀ X β*, with rank-one M* = (k √d/α²) p qᵀ
   * (p, q, β* random unit vectors, k = teacherStrength) so the teacher's logits are O(k) for
   * any α. All draws come from one seed.
   */
  private static CondensationData generate(SpecSection g) {
    g.allowOnly("n", "s", "d", "tokenScale", "labels", "teacherStrength", "vocabulary", "seed");
    int n = g.positiveInteger("n");
    int s = g.positiveInteger("s");
    int d = g.positiveInteger("d");
    double alpha = g.number("tokenScale", 1.0);
    if (!(alpha > 0)) {
      throw g.error("tokenScale", "must be positive, got " + alpha);
    }
    String labels = g.text("labels", "teacher");
    if (!labels.equals("teacher") && !labels.equals("random") && !labels.equals("anchor")) {
      throw g.error("labels", "must be \"teacher\", \"random\" or \"anchor\", got \"" + labels + "\"");
    }
    if (labels.equals("anchor")) {
      Sizes.array(g, "n", "the tokens X (n·s·d)", Sizes.product(n, s, d), 8);
      Sizes.state(g, "d", Sizes.product(3, d, d));
      return AnchorTask.generate(g, n, s, d, alpha);
    }
    Sizes.array(g, "n", "the tokens X (n·s·d)", Sizes.product(n, s, d), 8);
    Sizes.state(g, "d", Sizes.product(3, d, d)); // attention and FFN blocks are d×d
    double strength = g.number("teacherStrength", 3.0);
    SplittableRandom rng = new SplittableRandom(g.integer("seed", 0));
    double[] x = new double[n * s * d];
    for (int k = 0; k < x.length; k++) {
      x[k] = alpha * InitialState.normal(rng);
    }
    double[] y = new double[n];
    if (labels.equals("random")) {
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextBoolean() ? 1 : -1;
      }
    } else {
      double[] p = unit(rng, d);
      double[] q = unit(rng, d);
      double[] beta = unit(rng, d);
      // logits x_s M* X_jᵀ/√d = (k/α²)(x_s·p)(X_j·q)
      double scale = strength / (alpha * alpha);
      double[] z = new double[s];
      for (int i = 0; i < n; i++) {
        double xp = 0;
        for (int b = 0; b < d; b++) {
          xp += x[((i * s) + s - 1) * d + b] * p[b];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s; j++) {
          double xq = 0;
          for (int b = 0; b < d; b++) {
            xq += x[(i * s + j) * d + b] * q[b];
          }
          z[j] = scale * xp * xq;
          max = Math.max(max, z[j]);
        }
        double total = 0;
        for (int j = 0; j < s; j++) {
          z[j] = Math.exp(z[j] - max);
          total += z[j];
        }
        double f = 0;
        for (int j = 0; j < s; j++) {
          double xb = 0;
          for (int b = 0; b < d; b++) {
            xb += x[(i * s + j) * d + b] * beta[b];
          }
          f += z[j] / total * xb;
        }
        y[i] = f >= 0 ? 1 : -1;
      }
    }
    return new CondensationData(n, s, d, x, y);
  }

  private static double[] unit(SplittableRandom rng, int d) {
    double[] v = new double[d];
    double q = 0;
    for (int b = 0; b < d; b++) {
      v[b] = InitialState.normal(rng);
      q += v[b] * v[b];
    }
    q = Math.sqrt(q);
    for (int b = 0; b < d; b++) {
      v[b] /= q;
    }
    return v;
  }
}
