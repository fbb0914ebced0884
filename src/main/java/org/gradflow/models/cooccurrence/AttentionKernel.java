package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward pass and exact gradient of the one-layer transformer of Eq. (1) in the compact form
 * of spec §3.3 / §12.2, specialised to one-hot tokens.
 *
 * <p>Layout. θ stores W_V, W_K, W_Q row-major (m×d), so row r of a block holds entry r of every
 * token's column. The n·L token slots are numbered j = h·n + i (position h of sample i). A
 * key–query pair of one sample is addressed by its key slot j and its <em>shift</em>
 * s = (l − h) mod L: the query slot is (j + s·n) mod n·L. Softmax, D and the JVP run over these
 * n·L·L pairs. C2 (JDK 17) vectorizes a loop only when every array in it is indexed by the same
 * expression, so every hot loop reads and writes separate arrays at one index; rows of θ are
 * copied out (or transposed) first, and results copied into the output.
 *
 * <p>Pair types. Tokens are one-hot, so a pair's score and its share of the W_K / W_Q gradients
 * depend only on its (key token, query token) type: 1 149 types for the 1 500 pairs of AS-u,
 * 667 at AS-r. Scores are computed once per type. A token that occurs in more than d/4 types
 * (the signal tokens) is swept densely: per row r, one d-wide pass gives its scores with every
 * partner (Σ_r in order, as the legacy kernel). The remaining types are dot products of token
 * columns (W_K, W_Q transposed once per call into one {@code double[m]} per token), four or two
 * at a time with two running sums each. The backward pass sums coef·D/√m per type (C[t, t']),
 * forms dW_K[:, t] = Σ_t' C[t, t'] W_Q[:, t'] and dW_Q[:, t'] = Σ_t C[t, t'] W_K[:, t] as
 * fused axpys over token columns (four sources per pass, no zero fill), and transposes them
 * back into θ̇ with contiguous stores. Everything that touches W_V is token-level: z = uᵀW_V by
 * row sweeps, dW_V = u ⊗ (Σ of coef·c over each token's slots), Σ_j cc_j V[r, x_j] as W_V times
 * that token vector. No per-row gather or scatter over slots is left in forward and backward.
 *
 * <p>Summation order. Softmax, D, the margins, z, the dense scores and the rank-one W update are
 * formed exactly as in {@link LegacyAttentionKernel}. Reordered, and therefore equal to the
 * legacy kernel's only to rounding: the sparse scores (two interleaved partial sums over r), the
 * W_K / W_Q gradients (summed per pair type instead of per slot), the W_V gradient
 * (u_r·Σ_j cc_j instead of Σ_j cc_j u_r) and Σ_j cc_j V[r, x_j] (summed per token first).
 * {@code KernelEquivalenceTest} bounds every output by 1e-12 relative to its largest entry and
 * compares whole DP853 trajectories and event times at rtol 1e-10 (bound 1e-10 relative). The
 * margin JVP ({@link #marginRates}) gathers rows per slot like the legacy kernel and keeps its
 * order.
 *
 * <p>All workspaces are allocated here: {@link #forward}, {@link #backward} and {@link
 * #marginRates} allocate nothing.
 */
final class AttentionKernel {
  /** A token's scores are swept densely when it occurs in more than d / DENSE_SHARE pair types. */
  private static final int DENSE_SHARE = 4;

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
  /** pairId[s][j]: the (key token, query token) type of key slot j at shift s */
  private final int[][] pairId;
  private final int[] pairKeyToken;
  private final int[] pairQueryToken;
  /** types with key token t: keyPairs[keyPairStart[t] .. keyPairStart[t+1]) */
  private final int[] keyPairStart;
  private final int[] keyPairs;
  private final int[] queryPairStart;
  private final int[] queryPairs;
  /** tokens whose scores are swept densely (one vectorized pass per row), as key and as query */
  private final int[] denseKeys;
  private final int[] denseQueries;
  /** type e's score is denseScores[denseRow[e]][denseCol[e]]; a dot product if denseRow[e] < 0 */
  private final int[] denseRow;
  private final int[] denseCol;
  /** the other types, by key token: sparseTypes[sparseStart[t] .. sparseStart[t+1]) */
  private final int[] sparseStart;
  private final int[] sparseTypes;

  // workspaces
  final double[] u;
  /** p[s][j]: scores, then (after forward) attention, of key slot j and shift s */
  private final double[][] p;
  /** z_h = G(x_h) per slot */
  final double[] z;
  /** c_h = Σ_l P[h,l] per slot */
  final double[] c;
  final double[] margin;
  final double[] g;
  final double[] coef;
  private final double[] zTok; // G(µ_t) per token
  private final double[][] ks; // ks[b][j] = W_K[r, x_j] of the rows r in flight
  private final double[][] qs; // qs[b][j] = W_Q[r, x_j]
  private final double[][] queryRows; // queryRows[s][j] = row[(j + s·n) mod slots]
  private final double[][] rateRows; // θ̇'s query row, rotated like queryRows
  private final double[][] dc; // dc[s][j] = coef·D/√m for key slot j, shift s
  private final double[] pairWeight; // Σ dc per pair type
  private final double[] typeScore; // score per pair type
  /** the dense keys' scores by query token, then the dense queries' by key token */
  private final double[][] denseScores;
  private final double[] dots = new double[4];
  private final double[][] kCol; // kCol[t][r] = W_K[r, t]
  private final double[][] qCol; // qCol[t][r] = W_Q[r, t]
  private final double[][] dkCol; // W_K gradient, column t as a row
  private final double[][] dqCol;
  private final double[] ccTok; // Σ coef·c over the slots of each token
  private final double[] row; // one row of a θ block, copied out
  private final double[] row2;
  private final double[] wbar;
  private final double[] colMax;
  private final double[] colSum;
  // JVP workspaces
  private final double[] du;
  private final double[][] ds;
  private final double[] dzTok;
  private final double[] dkr;
  private final double[] dqr;

  AttentionKernel(CooccurrenceData data, double[] a, int m) {
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
    this.pairId = new int[len][slots];
    Map<Long, Integer> types = new HashMap<>();
    List<int[]> tokens = new ArrayList<>();
    for (int s = 0; s < len; s++) {
      for (int j = 0; j < slots; j++) {
        int kt = tok[j];
        int qt = tok[(j + s * n) % slots];
        pairId[s][j] = types.computeIfAbsent((long) kt * d + qt, key -> {
          tokens.add(new int[] {kt, qt});
          return tokens.size() - 1;
        });
      }
    }
    int types0 = tokens.size();
    this.pairKeyToken = new int[types0];
    this.pairQueryToken = new int[types0];
    for (int e = 0; e < types0; e++) {
      pairKeyToken[e] = tokens.get(e)[0];
      pairQueryToken[e] = tokens.get(e)[1];
    }
    this.keyPairStart = new int[d + 1];
    this.keyPairs = new int[types0];
    groupByToken(pairKeyToken, keyPairStart, keyPairs);
    this.queryPairStart = new int[d + 1];
    this.queryPairs = new int[types0];
    groupByToken(pairQueryToken, queryPairStart, queryPairs);
    this.denseKeys = denseTokens(keyPairStart);
    this.denseQueries = denseTokens(queryPairStart);
    this.denseRow = new int[types0];
    this.denseCol = new int[types0];
    Arrays.fill(denseRow, -1);
    for (int c = 0; c < denseKeys.length; c++) {
      int t = denseKeys[c];
      for (int k = keyPairStart[t]; k < keyPairStart[t + 1]; k++) {
        denseRow[keyPairs[k]] = c;
        denseCol[keyPairs[k]] = pairQueryToken[keyPairs[k]];
      }
    }
    for (int c = 0; c < denseQueries.length; c++) {
      int t = denseQueries[c];
      for (int k = queryPairStart[t]; k < queryPairStart[t + 1]; k++) {
        if (denseRow[queryPairs[k]] < 0) {
          denseRow[queryPairs[k]] = denseKeys.length + c;
          denseCol[queryPairs[k]] = pairKeyToken[queryPairs[k]];
        }
      }
    }
    this.sparseStart = new int[d + 1];
    this.sparseTypes = new int[(int) Arrays.stream(denseRow).filter(r -> r < 0).count()];
    int fillSparse = 0;
    for (int t = 0; t < d; t++) {
      for (int k = keyPairStart[t]; k < keyPairStart[t + 1]; k++) {
        if (denseRow[keyPairs[k]] < 0) {
          sparseTypes[fillSparse++] = keyPairs[k];
        }
      }
      sparseStart[t + 1] = fillSparse;
    }
    this.typeScore = new double[types0];
    this.denseScores = new double[denseKeys.length + denseQueries.length][d];
    this.a = a.clone();
    this.invSqrtM = 1.0 / Math.sqrt(m);
    u = new double[m];
    p = new double[len][slots];
    dc = new double[len][slots];
    ds = new double[len][slots];
    queryRows = new double[len][slots];
    rateRows = new double[len][slots];
    pairWeight = new double[types0];
    kCol = new double[d][m];
    qCol = new double[d][m];
    dkCol = new double[d][m];
    dqCol = new double[d][m];
    ccTok = new double[d];
    z = new double[slots];
    c = new double[slots];
    dkr = new double[slots];
    dqr = new double[slots];
    ks = new double[2][slots];
    qs = new double[2][slots];
    row = new double[Math.max(d, m)];
    row2 = new double[Math.max(d, m)];
    zTok = new double[d];
    dzTok = new double[d];
    margin = new double[n];
    g = new double[n];
    coef = new double[n];
    wbar = new double[m];
    du = new double[m];
    colMax = new double[n];
    colSum = new double[n];
  }

  /**
   * The tokens that occur in more than d / DENSE_SHARE pair types (given by their group starts):
   * for them a dense sweep over all d partners, vectorized, is cheaper than one scalar dot
   * product of length m per type.
   */
  private int[] denseTokens(int[] start) {
    return java.util.stream.IntStream.range(0, d)
        .filter(t -> (start[t + 1] - start[t]) * DENSE_SHARE > d).toArray();
  }

  /** A counting sort of the pair types by token: types of t at sorted[start[t] .. start[t+1]). */
  private void groupByToken(int[] tokenOfType, int[] start, int[] sorted) {
    for (int t : tokenOfType) {
      start[t + 1]++;
    }
    for (int t = 0; t < d; t++) {
      start[t + 1] += start[t];
    }
    int[] fill = Arrays.copyOf(start, d);
    for (int e = 0; e < tokenOfType.length; e++) {
      sorted[fill[tokenOfType[e]]++] = e;
    }
  }

  double[] a() {
    return a;
  }

  /** Pair types whose scores are dot products (the rest come from dense sweeps); for tests. */
  int sparseTypeCount() {
    return sparseTypes.length;
  }

  /** Tokens swept densely, as key or as query; for tests. */
  int denseTokenCount() {
    return denseKeys.length + denseQueries.length;
  }

  int tokenAtSlot(int slot) {
    return tok[slot];
  }

  double label(int i) {
    return y[i];
  }

  /** Shift of key position h, query position l. */
  private int shift(int h, int l) {
    return (l - h + len) % len;
  }

  /** P[h,l] of sample i (key h, query l). Valid after {@link #forward}. */
  double attention(int i, int h, int l) {
    return p[shift(h, l)][h * n + i];
  }

  /** A copy of all attention entries (for {@link #maxAttentionChange}). Valid after {@link #forward}. */
  double[] attentionSnapshot() {
    double[] out = new double[len * slots];
    for (int s = 0; s < len; s++) {
      System.arraycopy(p[s], 0, out, s * slots, slots);
    }
    return out;
  }

  /** max |P − P_ref| over all entries, P_ref from {@link #attentionSnapshot}. */
  double maxAttentionChange(double[] snapshot) {
    double mx = 0;
    for (int s = 0; s < len; s++) {
      double[] ps = p[s];
      int o = s * slots;
      for (int j = 0; j < slots; j++) {
        mx = Math.max(mx, Math.abs(ps[j] - snapshot[o + j]));
      }
    }
    return mx;
  }

  /** u = Wᵀa, written into {@code out}. */
  void readout(double[] theta, double[] out) {
    Arrays.fill(out, 0, m, 0.0);
    for (int j = 0; j < m1; j++) {
      double aj = a[j];
      System.arraycopy(theta, j * m, row, 0, m);
      for (int r = 0; r < m; r++) {
        out[r] += aj * row[r];
      }
    }
  }

  /** dst[j] = θ[offset + r*d + x_j]. */
  private void gatherRow(double[] theta, int offset, int r, double[] dst) {
    int base = offset + r * d;
    for (int j = 0; j < slots; j++) {
      dst[j] = theta[base + tok[j]];
    }
  }

  /**
   * dst[s][j] = src[(j + s·n) mod slots] for s = 1..L−1 (shift 0 is src itself): the query of
   * every key slot j at shift s.
   */
  private void rotateQueries(double[] src, double[][] dst) {
    for (int s = 1; s < len; s++) {
      int sh = s * n;
      System.arraycopy(src, sh, dst[s], 0, slots - sh);
      System.arraycopy(src, 0, dst[s], slots - sh, sh);
    }
  }

  /** Row s of a rotation (see {@link #rotateQueries}); shift 0 is the unrotated row. */
  private static double[] shifted(double[] unrotated, double[][] rotations, int s) {
    return s == 0 ? unrotated : rotations[s];
  }

  /**
   * Scores, attention, outputs, margins y_i F_i, g_i = 1/(1+e^{M_i}) and coef_i = g_i y_i / n;
   * returns L̂ = mean log(1 + e^{−M_i}).
   */
  double forward(double[] theta) {
    readout(theta, u);
    transposeIn(theta, offK, kCol);
    transposeIn(theta, offQ, qCol);
    denseScores(theta);
    sparseScores();
    for (int s = 0; s < len; s++) {
      double[] ps = p[s];
      int[] ids = pairId[s];
      for (int j = 0; j < slots; j++) {
        ps[j] = typeScore[ids[j]];
      }
    }
    // z_t = G(µ_t) = Σ_r u_r W_V[r, t], r in order
    Arrays.fill(zTok, 0.0);
    for (int r = 0; r < m; r++) {
      double ur = u[r];
      System.arraycopy(theta, offV + r * d, row, 0, d);
      for (int t = 0; t < d; t++) {
        zTok[t] += row[t] * ur;
      }
    }
    for (int j = 0; j < slots; j++) {
      z[j] = zTok[tok[j]];
    }
    softmax();
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
      loss += softplus(-mi);
      g[i] = logisticWeight(mi);
      coef[i] = g[i] * y[i] / n;
    }
    return loss / n;
  }

  /**
   * Scores of the dense tokens' types, Σ_r W_K[r, t] W_Q[r, t'] summed over r in order: per row r,
   * one pass over the d partners of each dense token (the loops C2 vectorizes).
   */
  private void denseScores(double[] theta) {
    for (double[] sc : denseScores) {
      Arrays.fill(sc, 0.0);
    }
    int nk = denseKeys.length;
    for (int r = 0; r < m; r++) {
      int rowK = offK + r * d;
      int rowQ = offQ + r * d;
      if (nk > 0) {
        System.arraycopy(theta, rowQ, row, 0, d);
        for (int c = 0; c < nk; c++) {
          double kv = theta[rowK + denseKeys[c]];
          double[] sc = denseScores[c];
          for (int t = 0; t < d; t++) {
            sc[t] += kv * row[t];
          }
        }
      }
      if (denseQueries.length > 0) {
        System.arraycopy(theta, rowK, row2, 0, d);
        for (int c = 0; c < denseQueries.length; c++) {
          double qv = theta[rowQ + denseQueries[c]];
          double[] sc = denseScores[nk + c];
          for (int t = 0; t < d; t++) {
            sc[t] += row2[t] * qv;
          }
        }
      }
    }
  }

  /** typeScore per pair type: a dense lookup, or k_t · q_t' (sparse; four or two at a time). */
  private void sparseScores() {
    for (int e = 0; e < typeScore.length; e++) {
      if (denseRow[e] >= 0) {
        typeScore[e] = denseScores[denseRow[e]][denseCol[e]];
      }
    }
    for (int t = 0; t < d; t++) {
      double[] k = kCol[t];
      int e = sparseStart[t];
      int end = sparseStart[t + 1];
      for (; e + 4 <= end; e += 4) {
        dot4(k, qCol[pairQueryToken[sparseTypes[e]]], qCol[pairQueryToken[sparseTypes[e + 1]]],
            qCol[pairQueryToken[sparseTypes[e + 2]]], qCol[pairQueryToken[sparseTypes[e + 3]]]);
        for (int b = 0; b < 4; b++) {
          typeScore[sparseTypes[e + b]] = dots[b];
        }
      }
      for (; e + 2 <= end; e += 2) {
        dot2(k, qCol[pairQueryToken[sparseTypes[e]]], qCol[pairQueryToken[sparseTypes[e + 1]]]);
        typeScore[sparseTypes[e]] = dots[0];
        typeScore[sparseTypes[e + 1]] = dots[1];
      }
      if (e < end) {
        typeScore[sparseTypes[e]] = dot(k, qCol[pairQueryToken[sparseTypes[e]]]);
      }
    }
  }

  /** dots[b] = k · q_b for four rows at once (eight independent running sums: even and odd r). */
  private void dot4(double[] k, double[] q0, double[] q1, double[] q2, double[] q3) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int r = 0;
    for (; r + 1 < m; r += 2) {
      double ke = k[r];
      double ko = k[r + 1];
      a0 += ke * q0[r];
      a1 += ke * q1[r];
      a2 += ke * q2[r];
      a3 += ke * q3[r];
      b0 += ko * q0[r + 1];
      b1 += ko * q1[r + 1];
      b2 += ko * q2[r + 1];
      b3 += ko * q3[r + 1];
    }
    if (r < m) {
      double ke = k[r];
      a0 += ke * q0[r];
      a1 += ke * q1[r];
      a2 += ke * q2[r];
      a3 += ke * q3[r];
    }
    dots[0] = a0 + b0;
    dots[1] = a1 + b1;
    dots[2] = a2 + b2;
    dots[3] = a3 + b3;
  }

  /** dots[b] = k · q_b for two rows at once (four running sums). */
  private void dot2(double[] k, double[] q0, double[] q1) {
    double a0 = 0;
    double a1 = 0;
    double b0 = 0;
    double b1 = 0;
    int r = 0;
    for (; r + 1 < m; r += 2) {
      double ke = k[r];
      double ko = k[r + 1];
      a0 += ke * q0[r];
      a1 += ke * q1[r];
      b0 += ko * q0[r + 1];
      b1 += ko * q1[r + 1];
    }
    if (r < m) {
      a0 += k[r] * q0[r];
      a1 += k[r] * q1[r];
    }
    dots[0] = a0 + b0;
    dots[1] = a1 + b1;
  }

  /** k · q with two running sums (even and odd r). */
  private double dot(double[] k, double[] q) {
    double se = 0;
    double so = 0;
    int r = 0;
    for (; r + 1 < m; r += 2) {
      se += k[r] * q[r];
      so += k[r + 1] * q[r + 1];
    }
    if (r < m) {
      se += k[r] * q[r];
    }
    return se + so;
  }

  /** Column softmax of the scores over keys h for every query l (in place), and c_h = Σ_l P[h,l]. */
  private void softmax() {
    Arrays.fill(c, 0.0);
    for (int l = 0; l < len; l++) {
      Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
      for (int h = 0; h < len; h++) {
        double[] ps = p[shift(h, l)];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          colMax[i] = Math.max(colMax[i], ps[hb + i]);
        }
      }
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        double[] ps = p[shift(h, l)];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          double e = Math.exp((ps[hb + i] - colMax[i]) * invSqrtM);
          ps[hb + i] = e;
          colSum[i] += e;
        }
      }
      for (int h = 0; h < len; h++) {
        double[] ps = p[shift(h, l)];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          double q = ps[hb + i] / colSum[i];
          ps[hb + i] = q;
          c[hb + i] += q;
        }
      }
    }
  }

  /** log(1 + e^x) without overflow. */
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** g(M) = 1/(1 + e^M) = −ℓ'(M), stable for both signs. */
  static double logisticWeight(double mi) {
    if (mi > 0) {
      double e = Math.exp(-mi);
      return e / (1 + e);
    }
    return 1 / (1 + Math.exp(mi));
  }

  /** Writes −∇L̂(θ) into out. Call {@link #forward} on the same θ first. */
  void backward(double[] theta, double[] out) {
    // D[h,l] = P[h,l](z_h − Σ_h' P[h',l] z_h'); dc = coef·D/√m
    for (int l = 0; l < len; l++) {
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        double[] ps = p[shift(h, l)];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          colSum[i] += ps[hb + i] * z[hb + i];
        }
      }
      for (int h = 0; h < len; h++) {
        int s = shift(h, l);
        double[] ps = p[s];
        double[] dcs = dc[s];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          dcs[hb + i] = coef[i] * invSqrtM * ps[hb + i] * (z[hb + i] - colSum[i]);
        }
      }
    }
    // C[t, t'] = Σ dc over the (key, query) slot pairs of tokens (t, t'), one entry per pair type
    Arrays.fill(pairWeight, 0.0);
    for (int s = 0; s < len; s++) {
      double[] dcs = dc[s];
      int[] ids = pairId[s];
      for (int j = 0; j < slots; j++) {
        pairWeight[ids[j]] += dcs[j];
      }
    }
    // dW_K[:, t] = Σ_t' C[t, t'] W_Q[:, t'] and dW_Q[:, t'] = Σ_t C[t, t'] W_K[:, t], per token row
    for (int t = 0; t < d; t++) {
      combine(qCol, keyPairs, keyPairStart[t], keyPairStart[t + 1], pairQueryToken, dkCol[t]);
      combine(kCol, queryPairs, queryPairStart[t], queryPairStart[t + 1], pairKeyToken,
          dqCol[t]);
    }
    transposeOut(dkCol, out, offK);
    transposeOut(dqCol, out, offQ);
    // dW_V[r, t] = u_r Σ_{slots j of t} coef_i c_j: an outer product
    Arrays.fill(ccTok, 0.0);
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        ccTok[tok[hb + i]] += coef[i] * c[hb + i];
      }
    }
    for (int r = 0; r < m; r++) {
      double ur = u[r];
      for (int t = 0; t < d; t++) {
        row[t] = ur * ccTok[t];
      }
      System.arraycopy(row, 0, out, offV + r * d, d);
    }
    valueSums(theta, wbar);
    // Ẇ = a ⊗ Σ_i coef_i V_i c_i: a rank-one update
    for (int j = 0; j < m1; j++) {
      double aj = a[j];
      for (int r = 0; r < m; r++) {
        row[r] = aj * wbar[r];
      }
      System.arraycopy(row, 0, out, j * m, m);
    }
  }

  /**
   * dst = Σ_e pairWeight[e] · src[partner[e]] over the pair types e = pairs[from..to): one write
   * pass, then passes of four rows (five loads and one store per four multiply-adds).
   */
  private void combine(double[][] src, int[] pairs, int from, int to, int[] partner, double[] dst) {
    if (from == to) {
      Arrays.fill(dst, 0.0);
      return;
    }
    double w0 = pairWeight[pairs[from]];
    double[] x0 = src[partner[pairs[from]]];
    for (int r = 0; r < m; r++) {
      dst[r] = w0 * x0[r];
    }
    int e = from + 1;
    for (; e + 4 <= to; e += 4) {
      double v0 = pairWeight[pairs[e]];
      double v1 = pairWeight[pairs[e + 1]];
      double v2 = pairWeight[pairs[e + 2]];
      double v3 = pairWeight[pairs[e + 3]];
      double[] y0 = src[partner[pairs[e]]];
      double[] y1 = src[partner[pairs[e + 1]]];
      double[] y2 = src[partner[pairs[e + 2]]];
      double[] y3 = src[partner[pairs[e + 3]]];
      for (int r = 0; r < m; r++) {
        dst[r] = dst[r] + v0 * y0[r] + v1 * y1[r] + v2 * y2[r] + v3 * y3[r];
      }
    }
    for (; e < to; e++) {
      double v = pairWeight[pairs[e]];
      double[] y = src[partner[pairs[e]]];
      for (int r = 0; r < m; r++) {
        dst[r] += v * y[r];
      }
    }
  }

  /** rows[t][r] = θ[offset + r·d + t]: one m×d block of θ as token rows. */
  private void transposeIn(double[] theta, int offset, double[][] rows) {
    for (int t = 0; t < d; t++) {
      double[] tr = rows[t];
      for (int r = 0; r < m; r++) {
        tr[r] = theta[offset + r * d + t];
      }
    }
  }

  /**
   * out[offset + r·d + t] = rows[t][r]: token rows back into one m×d block of θ̇, written row by
   * row (contiguous stores: θ̇ is rarely in cache, and strided stores to it would miss per entry).
   */
  private void transposeOut(double[][] rows, double[] out, int offset) {
    for (int r = 0; r < m; r++) {
      int base = offset + r * d;
      for (int t = 0; t < d; t++) {
        out[base + t] = rows[t][r];
      }
    }
  }

  /** out[r] = Σ_t W_V[r, t] ccTok[t], four rows side by side. */
  private void valueSums(double[] theta, double[] out) {
    int r = 0;
    for (; r + 4 <= m; r += 4) {
      int b = offV + r * d;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int t = 0; t < d; t++) {
        double w = ccTok[t];
        s0 += w * theta[b + t];
        s1 += w * theta[b + d + t];
        s2 += w * theta[b + 2 * d + t];
        s3 += w * theta[b + 3 * d + t];
      }
      out[r] = s0;
      out[r + 1] = s1;
      out[r + 2] = s2;
      out[r + 3] = s3;
    }
    for (; r < m; r++) {
      int b = offV + r * d;
      double s = 0;
      for (int t = 0; t < d; t++) {
        s += ccTok[t] * theta[b + t];
      }
      out[r] = s;
    }
  }

  /**
   * Exact directional derivative of the margins along {@code thetaDot}: out[i] = y_i ∇F_i·θ̇
   * (so Ṁ_i along the flow). Call {@link #forward} on the same θ first (its gathered W_K, W_Q
   * rows are reused).
   */
  void marginRates(double[] theta, double[] thetaDot, double[] out) {
    readout(thetaDot, du);
    for (double[] dss : ds) {
      Arrays.fill(dss, 0.0);
    }
    for (int r = 0; r < m; r++) {
      double[] kr = ks[0];
      double[] qr = qs[0];
      gatherRow(theta, offK, r, kr);
      gatherRow(theta, offQ, r, qr);
      gatherRow(thetaDot, offK, r, dkr);
      gatherRow(thetaDot, offQ, r, dqr);
      rotateQueries(qr, queryRows);
      rotateQueries(dqr, rateRows);
      // ds += dk·q + k·dq per pair, in the legacy kernel's order of operands
      for (int s = 0; s < len; s++) {
        double[] dss = ds[s];
        double[] qv = shifted(qr, queryRows, s);
        double[] dqv = shifted(dqr, rateRows, s);
        for (int j = 0; j < slots; j++) {
          dss[j] += dkr[j] * qv[j] + kr[j] * dqv[j];
        }
      }
    }
    // dz_t = Σ_r (dV[r,t] u_r + V[r,t] du_r)
    Arrays.fill(dzTok, 0.0);
    for (int r = 0; r < m; r++) {
      double ur = u[r];
      double dur = du[r];
      System.arraycopy(thetaDot, offV + r * d, row, 0, d);
      System.arraycopy(theta, offV + r * d, row2, 0, d);
      for (int t = 0; t < d; t++) {
        dzTok[t] += row[t] * ur + row2[t] * dur;
      }
    }
    Arrays.fill(out, 0, n, 0.0);
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        out[i] += dzTok[tok[hb + i]] * c[hb + i];
      }
    }
    // dP[:,l] = P∘(dS − pᵀdS); dF += Σ_h z_h Σ_l dP[h,l]
    for (int l = 0; l < len; l++) {
      Arrays.fill(colSum, 0.0);
      for (int h = 0; h < len; h++) {
        int s = shift(h, l);
        double[] ps = p[s];
        double[] dss = ds[s];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          colSum[i] += ps[hb + i] * dss[hb + i];
        }
      }
      for (int h = 0; h < len; h++) {
        int s = shift(h, l);
        double[] ps = p[s];
        double[] dss = ds[s];
        int hb = h * n;
        for (int i = 0; i < n; i++) {
          out[i] += z[hb + i] * ps[hb + i] * (dss[hb + i] - colSum[i]) * invSqrtM;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] *= y[i];
    }
  }
}
