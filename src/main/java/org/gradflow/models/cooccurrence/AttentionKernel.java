package org.gradflow.models.cooccurrence;

import java.util.Arrays;

/**
 * The forward pass and exact gradient of the one-layer transformer of Eq. (1) in the compact form
 * of spec §3.3 / §12.2, specialised to one-hot tokens.
 *
 * <p>Layout. θ stores W_V, W_K, W_Q row-major (m×d), so row r of a block holds entry r of every
 * token's column. The n·L token slots are numbered j = h·n + i (position h of sample i). A
 * key–query pair of one sample is addressed by its key slot j and its <em>shift</em>
 * s = (l − h) mod L: the query slot is (j + s·n) mod n·L. For a fixed shift, the pairs of every
 * sample and position form one run of n·L slots once the query row is rotated by s·n
 * ({@code System.arraycopy}), so each per-row loop runs over hundreds of elements, not over the n
 * samples of one (h, l) pair. C2 (JDK 17) vectorizes a loop only when every array in it is indexed
 * by the same expression, so every hot loop here reads and writes separate arrays at index j;
 * rows of θ are copied out (or gathered) first, and results copied into the output.
 *
 * <p>Work per call. Only the W_K and W_Q rows are gathered into slot order (once, in {@link
 * #forward}, and kept for {@link #backward}). Everything that touches W_V is done per token: the
 * outputs z = uᵀW_V are a d-wide row sweep, the W_V gradient is written per token from a
 * token → slots table (no scatter with read-modify-write, no zero fill), and Σ_j cc_j V[r, x_j]
 * runs over blocks of rows with independent running sums. The W_K/W_Q gradients are gathered per
 * token from the same table.
 *
 * <p>Exactness. Every sum is formed over the same terms in the same order as {@link
 * LegacyAttentionKernel} (scores over r; softmax and D over h; dk over l and dq over h in
 * increasing order, which fixes the order of the shift segments below; per-token sums in slot
 * order), so both kernels give bit-identical results; {@code KernelEquivalenceTest} checks it.
 *
 * <p>All workspaces are allocated here: {@link #forward}, {@link #backward} and {@link
 * #marginRates} allocate nothing.
 */
final class AttentionKernel {
  /** Rows whose W_V sums run side by side in {@link #valueSums} (independent accumulators). */
  private static final int ROW_BLOCK = 8;
  /** Rows whose per-token gradient sums run side by side in {@link #tokenGradients4}. */
  private static final int TOKEN_BLOCK = 4;

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
  private final int[] tokenStart; // slots of token t: tokenSlots[tokenStart[t] .. tokenStart[t+1])
  private final int[] tokenSlots; // ascending within each token
  private final double[] y;
  private final double[] a;
  private final double invSqrtM;

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
  private final double[][] ks; // ks[r][j] = W_K[r, x_j], from the last forward
  private final double[][] qs; // qs[r][j] = W_Q[r, x_j]
  private final double[][] queryRows; // queryRows[s][j] = row[(j + s·n) mod slots]
  private final double[][] keyRows; // keyRows[s][q] = row[(q − s·n) mod slots]
  private final double[][] rateRows; // θ̇'s query row, rotated like queryRows
  private final double[][] dc; // dc[s][j] = coef·D/√m for key slot j, shift s
  private final double[][] dcQuery; // dcQuery[s][q] = dc[s][key slot of query slot q], s ≥ 1
  private final double[] row; // one row of a θ block, copied out
  private final double[] row2;
  private final double[] cc; // coef·c per slot
  private final double[][] dk; // W_K gradient of TOKEN_BLOCK rows per key slot
  private final double[][] dq; // W_Q gradient per query slot
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
    this.tokenStart = new int[d + 1];
    for (int t : tok) {
      tokenStart[t + 1]++;
    }
    for (int t = 0; t < d; t++) {
      tokenStart[t + 1] += tokenStart[t];
    }
    this.tokenSlots = new int[slots];
    int[] fill = Arrays.copyOf(tokenStart, d);
    for (int j = 0; j < slots; j++) {
      tokenSlots[fill[tok[j]]++] = j;
    }
    this.a = a.clone();
    this.invSqrtM = 1.0 / Math.sqrt(m);
    u = new double[m];
    p = new double[len][slots];
    dc = new double[len][slots];
    dcQuery = new double[len][slots];
    ds = new double[len][slots];
    queryRows = new double[len][slots];
    keyRows = new double[len][slots];
    rateRows = new double[len][slots];
    z = new double[slots];
    c = new double[slots];
    cc = new double[slots];
    dk = new double[TOKEN_BLOCK][slots];
    dq = new double[TOKEN_BLOCK][slots];
    dkr = new double[slots];
    dqr = new double[slots];
    ks = new double[m][slots];
    qs = new double[m][slots];
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

  double[] a() {
    return a;
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

  /** dst[s][q] = src[(q − s·n) mod slots] for s = 1..L−1: the key of every query slot q. */
  private void rotateKeys(double[] src, double[][] dst) {
    for (int s = 1; s < len; s++) {
      rotateKeys(src, s, dst[s]);
    }
  }

  private void rotateKeys(double[] src, int s, double[] dst) {
    int sh = s * n;
    System.arraycopy(src, slots - sh, dst, 0, sh);
    System.arraycopy(src, 0, dst, sh, slots - sh);
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
    for (double[] ps : p) {
      Arrays.fill(ps, 0.0);
    }
    int r = 0;
    for (; r + 1 < m; r += 2) {
      // two rows per pass over the scores: each score is still summed over r in order
      double[] k0 = ks[r];
      double[] q0 = qs[r];
      double[] k1 = ks[r + 1];
      double[] q1 = qs[r + 1];
      gatherRow(theta, offK, r, k0);
      gatherRow(theta, offQ, r, q0);
      gatherRow(theta, offK, r + 1, k1);
      gatherRow(theta, offQ, r + 1, q1);
      rotateQueries(q0, queryRows);
      rotateQueries(q1, rateRows);
      for (int s = 0; s < len; s++) {
        double[] ps = p[s];
        double[] qv0 = shifted(q0, queryRows, s);
        double[] qv1 = shifted(q1, rateRows, s);
        for (int j = 0; j < slots; j++) {
          ps[j] = ps[j] + k0[j] * qv0[j] + k1[j] * qv1[j];
        }
      }
    }
    for (; r < m; r++) {
      double[] kr = ks[r];
      double[] qr = qs[r];
      gatherRow(theta, offK, r, kr);
      gatherRow(theta, offQ, r, qr);
      rotateQueries(qr, queryRows);
      for (int s = 0; s < len; s++) {
        double[] ps = p[s];
        double[] qv = shifted(qr, queryRows, s);
        for (int j = 0; j < slots; j++) {
          ps[j] += kr[j] * qv[j];
        }
      }
    }
    // z_t = G(µ_t) = Σ_r u_r W_V[r, t], r in order
    Arrays.fill(zTok, 0.0);
    for (r = 0; r < m; r++) {
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
    // D[h,l] = P[h,l](z_h − Σ_h' P[h',l] z_h'); dc = coef·D/√m; cc = coef·c
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
    for (int s = 1; s < len; s++) {
      rotateKeys(dc[s], s, dcQuery[s]);
    }
    for (int h = 0; h < len; h++) {
      int hb = h * n;
      for (int i = 0; i < n; i++) {
        cc[hb + i] = coef[i] * c[hb + i];
      }
    }
    int r0 = 0;
    for (; r0 + TOKEN_BLOCK <= m; r0 += TOKEN_BLOCK) {
      for (int b = 0; b < TOKEN_BLOCK; b++) {
        slotGradients(r0 + b, dk[b], dq[b]);
      }
      tokenGradients4(r0, out);
    }
    for (int r = r0; r < m; r++) {
      slotGradients(r, dk[0], dq[0]);
      tokenGradients(r, out);
    }
    valueSums(theta, cc, wbar);
    // Ẇ = a ⊗ Σ_i coef_i V_i c_i: a rank-one update
    for (int j = 0; j < m1; j++) {
      double aj = a[j];
      for (int r = 0; r < m; r++) {
        row[r] = aj * wbar[r];
      }
      System.arraycopy(row, 0, out, j * m, m);
    }
  }

  /** The W_K and W_Q gradient of row r per slot (dk per key slot, dq per query slot). */
  private void slotGradients(int r, double[] dkOut, double[] dqOut) {
    double[] kr = ks[r];
    double[] qr = qs[r];
    rotateQueries(qr, queryRows);
    rotateKeys(kr, keyRows);
    keyGradient(qr, dkOut);
    queryGradient(kr, dqOut);
  }

  /**
   * Row r of the W_K, W_Q, W_V gradients per token: the sums of the token's slots, in slot order
   * (unused tokens get 0).
   */
  private void tokenGradients(int r, double[] out) {
    int rowK = offK + r * d;
    int rowQ = offQ + r * d;
    int rowV = offV + r * d;
    double ur = u[r];
    double[] k0 = dk[0];
    double[] q0 = dq[0];
    for (int t = 0; t < d; t++) {
      double sk = 0;
      double sq = 0;
      double sv = 0;
      for (int e = tokenStart[t]; e < tokenStart[t + 1]; e++) {
        int j = tokenSlots[e];
        sk += k0[j];
        sq += q0[j];
        sv += cc[j] * ur;
      }
      out[rowK + t] = sk;
      out[rowQ + t] = sq;
      out[rowV + t] = sv;
    }
  }

  /**
   * {@link #tokenGradients} for rows r0..r0+3 at once: each token's sums are dependent chains
   * of adds, so four rows run twelve independent chains side by side.
   */
  private void tokenGradients4(int r0, double[] out) {
    int rowK = offK + r0 * d;
    int rowQ = offQ + r0 * d;
    int rowV = offV + r0 * d;
    double u0 = u[r0];
    double u1 = u[r0 + 1];
    double u2 = u[r0 + 2];
    double u3 = u[r0 + 3];
    double[] k0 = dk[0];
    double[] k1 = dk[1];
    double[] k2 = dk[2];
    double[] k3 = dk[3];
    double[] q0 = dq[0];
    double[] q1 = dq[1];
    double[] q2 = dq[2];
    double[] q3 = dq[3];
    for (int t = 0; t < d; t++) {
      double sk0 = 0;
      double sk1 = 0;
      double sk2 = 0;
      double sk3 = 0;
      double sq0 = 0;
      double sq1 = 0;
      double sq2 = 0;
      double sq3 = 0;
      double sv0 = 0;
      double sv1 = 0;
      double sv2 = 0;
      double sv3 = 0;
      for (int e = tokenStart[t]; e < tokenStart[t + 1]; e++) {
        int j = tokenSlots[e];
        double w = cc[j];
        sk0 += k0[j];
        sk1 += k1[j];
        sk2 += k2[j];
        sk3 += k3[j];
        sq0 += q0[j];
        sq1 += q1[j];
        sq2 += q2[j];
        sq3 += q3[j];
        sv0 += w * u0;
        sv1 += w * u1;
        sv2 += w * u2;
        sv3 += w * u3;
      }
      out[rowK + t] = sk0;
      out[rowK + d + t] = sk1;
      out[rowK + 2 * d + t] = sk2;
      out[rowK + 3 * d + t] = sk3;
      out[rowQ + t] = sq0;
      out[rowQ + d + t] = sq1;
      out[rowQ + 2 * d + t] = sq2;
      out[rowQ + 3 * d + t] = sq3;
      out[rowV + t] = sv0;
      out[rowV + d + t] = sv1;
      out[rowV + 2 * d + t] = sv2;
      out[rowV + 3 * d + t] = sv3;
    }
  }

  /**
   * dk[j] = Σ_l dc[h,l] q_l of one row for every key slot j, l increasing: the wrapped runs
   * j ≥ (L−s)·n (l < h) for s = 1..L−1, then the unwrapped ones (l ≥ h) for s = 0..L−1.
   */
  private void keyGradient(double[] qr, double[] dk) {
    Arrays.fill(dk, 0.0);
    for (int s = 1; s < len; s++) {
      double[] dcs = dc[s];
      double[] qv = queryRows[s];
      for (int j = slots - s * n; j < slots; j++) {
        dk[j] += dcs[j] * qv[j];
      }
    }
    for (int s = 0; s < len; s++) {
      double[] dcs = dc[s];
      double[] qv = shifted(qr, queryRows, s);
      int split = slots - s * n;
      for (int j = 0; j < split; j++) {
        dk[j] += dcs[j] * qv[j];
      }
    }
  }

  /**
   * dq[q] = Σ_h dc[h,l] k_h of one row for every query slot q, h increasing: the unwrapped runs
   * q ≥ s·n (h ≤ l) for s = L−1..0, then the wrapped ones (h > l) for s = L−1..1.
   */
  private void queryGradient(double[] kr, double[] dq) {
    Arrays.fill(dq, 0.0);
    for (int s = len - 1; s >= 0; s--) {
      double[] dcs = shifted(dc[0], dcQuery, s);
      double[] kv = shifted(kr, keyRows, s);
      for (int q = s * n; q < slots; q++) {
        dq[q] += dcs[q] * kv[q];
      }
    }
    for (int s = len - 1; s >= 1; s--) {
      double[] dcs = dcQuery[s];
      double[] kv = keyRows[s];
      int split = s * n;
      for (int q = 0; q < split; q++) {
        dq[q] += dcs[q] * kv[q];
      }
    }
  }

  /** out[r] = Σ_j w_j W_V[r, x_j], j in slot order, for ROW_BLOCK rows at a time. */
  private void valueSums(double[] theta, double[] w, double[] out) {
    int r0 = 0;
    for (; r0 + ROW_BLOCK <= m; r0 += ROW_BLOCK) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      int base = offV + r0 * d;
      for (int j = 0; j < slots; j++) {
        double wj = w[j];
        int col = base + tok[j];
        s0 += wj * theta[col];
        s1 += wj * theta[col + d];
        s2 += wj * theta[col + 2 * d];
        s3 += wj * theta[col + 3 * d];
        s4 += wj * theta[col + 4 * d];
        s5 += wj * theta[col + 5 * d];
        s6 += wj * theta[col + 6 * d];
        s7 += wj * theta[col + 7 * d];
      }
      out[r0] = s0;
      out[r0 + 1] = s1;
      out[r0 + 2] = s2;
      out[r0 + 3] = s3;
      out[r0 + 4] = s4;
      out[r0 + 5] = s5;
      out[r0 + 6] = s6;
      out[r0 + 7] = s7;
    }
    for (int r = r0; r < m; r++) {
      double s = 0;
      int base = offV + r * d;
      for (int j = 0; j < slots; j++) {
        s += w[j] * theta[base + tok[j]];
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
      double[] kr = ks[r];
      gatherRow(thetaDot, offK, r, dkr);
      gatherRow(thetaDot, offQ, r, dqr);
      rotateQueries(qs[r], queryRows);
      rotateQueries(dqr, rateRows);
      // ds += dk·q + k·dq per pair, in the legacy kernel's order of operands
      for (int s = 0; s < len; s++) {
        double[] dss = ds[s];
        double[] qv = shifted(qs[r], queryRows, s);
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
