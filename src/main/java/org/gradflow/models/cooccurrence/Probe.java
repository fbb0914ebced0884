package org.gradflow.models.cooccurrence;

import java.util.Arrays;

/**
 * Everything the observables of spec §12.4 and the event functions of §7 read off a state θ and
 * its velocity θ̇, computed exactly (no finite differences of the trajectory) and cached: a
 * trajectory row or an event check asks for dozens of observables of the same (θ, θ̇).
 *
 * <p>Quantities come in groups computed on first use for a given (θ, θ̇), so an event check
 * pays only for what its watched observable reads: {@link #state} (one forward pass: losses,
 * margins, G(µ1..µ3), U, attention drift), {@link #randomWords} (G of every word, d·m),
 * {@link #grams} (36 m-length dot products), {@link #neurons} (Def. E.2 pieces, 3·m1·m),
 * {@link #identities} (A(µ), B(µ) of Eq. (4), ≤ 3·d·m), {@link #rates} (θ̇-dependent dot
 * products and ‖θ̇‖²), {@link #marginRates} (the margin JVP, about one forward pass) and
 * {@link #invariants} (C1, C2: m²·(m1 + 3d/2), only when enabled).
 *
 * <p>Owns its own {@link AttentionKernel} (own workspaces), so it never disturbs the RHS.
 * Reference values at θ0 (scores, Grams, attention, per-neuron MLP outputs, conserved matrices)
 * are taken once at construction.
 */
final class Probe {
  static final int SPECIAL = 3;

  private final AttentionKernel k;
  private final CooccurrenceData data;
  private final int n;
  private final int m;
  private final int m1;
  private final int d;
  private final double aNorm2;
  private final boolean invariants;

  // reference values at θ0
  private final double[] kq0 = new double[9];
  private final double[] vv0 = new double[9];
  private final double[] kk0 = new double[9];
  private final double[] qq0 = new double[9];
  private final double[] p0;
  private final double[] neuron0; // a_j w_jᵀ W_V µ_k at θ0, j*3 + k
  private final double[] c10;
  private final double[] c20;

  // cache keys
  private final double[] lastTheta;
  private final double[] lastThetaDot;
  private boolean haveState;
  private boolean haveRandomWords;
  private boolean haveGrams;
  private boolean haveNeurons;
  private boolean haveIdentities;
  private boolean haveRates;
  private boolean haveMarginRates;
  private boolean haveInvariants;

  // state quantities
  double loss;
  final double[] typeLoss = new double[5];
  final double[] typeG = new double[5]; // S_k = Σ_{i∈I_k} g_i
  double minMargin;
  final double[] gk = new double[SPECIAL];
  double maxAbsGRandom;
  double u2;
  final double[] kq = new double[9];
  final double[] vv = new double[9];
  final double[] kk = new double[9];
  final double[] qq = new double[9];
  double attentionDrift;
  double neuronDrift;
  private final double[] aVec; // A(µ) for every word
  private final double[] bVec = new double[SPECIAL]; // B(µ_k)
  double outputSum; // Σ_i coef_i F_i

  // rate quantities
  final double[] gdot = new double[SPECIAL];
  final double[] kqdot = new double[9];
  final double[] vvdot = new double[9];
  final double[] typeLossRate = new double[5];
  double udot;
  double thetaDotNorm2;
  double lossRate; // dL̂/dt along θ̇ by the margin JVP
  private final double[] marginRate;
  private final double[] du;

  double c1Drift;
  double c2Drift;
  private final double[] cWork;

  Probe(CooccurrenceFlow flow, double[] theta0, boolean invariants) {
    this.data = flow.data();
    this.k = new AttentionKernel(data, flow.a(), flow.m());
    this.n = data.n();
    this.m = flow.m();
    this.m1 = flow.m1();
    this.d = data.vocabulary();
    double s = 0;
    for (double aj : flow.a()) {
      s += aj * aj;
    }
    this.aNorm2 = s;
    this.invariants = invariants;
    this.lastTheta = new double[theta0.length];
    this.lastThetaDot = new double[theta0.length];
    this.aVec = new double[d];
    this.marginRate = new double[n];
    this.du = new double[m];
    this.neuron0 = new double[m1 * SPECIAL];
    this.cWork = invariants ? new double[m * m] : null;
    k.forward(theta0);
    this.p0 = k.attentionSnapshot();
    blocks(theta0, kq0, vv0, kk0, qq0);
    neurons(theta0, neuron0);
    c10 = invariants ? conserved(theta0, true, new double[m * m]) : null;
    c20 = invariants ? conserved(theta0, false, new double[m * m]) : null;
  }

  int m() {
    return m;
  }

  int m1() {
    return m1;
  }

  int len() {
    return k.len;
  }

  private double dot(double[] theta, int offA, int colA, int offB, int colB) {
    double s = 0;
    for (int r = 0; r < m; r++) {
      s += theta[offA + r * d + colA] * theta[offB + r * d + colB];
    }
    return s;
  }

  /** KQ(a,b) = µ_aᵀW_KᵀW_Qµ_b (key a, query b), and the V/K/Q Grams, among µ1..µ3. */
  private void blocks(double[] th, double[] kqOut, double[] vvOut, double[] kkOut, double[] qqOut) {
    for (int x = 0; x < SPECIAL; x++) {
      for (int y = 0; y < SPECIAL; y++) {
        kqOut[x * 3 + y] = dot(th, k.offK, x, k.offQ, y);
        vvOut[x * 3 + y] = dot(th, k.offV, x, k.offV, y);
        kkOut[x * 3 + y] = dot(th, k.offK, x, k.offK, y);
        qqOut[x * 3 + y] = dot(th, k.offQ, x, k.offQ, y);
      }
    }
  }

  /** a_j w_jᵀ W_V µ_k for every neuron j and k = 1..3 (Def. E.2's per-neuron pieces). */
  private void neurons(double[] th, double[] out) {
    for (int j = 0; j < m1; j++) {
      for (int x = 0; x < SPECIAL; x++) {
        double s = 0;
        for (int r = 0; r < m; r++) {
          s += th[j * m + r] * th[k.offV + r * d + x];
        }
        out[j * 3 + x] = k.a()[j] * s;
      }
    }
  }

  /** C1 = WᵀW − W_V W_Vᵀ (first) or C2 = W_K W_Kᵀ − W_Q W_Qᵀ, m×m, into out. */
  private double[] conserved(double[] th, boolean first, double[] out) {
    Arrays.fill(out, 0.0);
    if (first) {
      for (int j = 0; j < m1; j++) {
        int row = j * m;
        for (int r = 0; r < m; r++) {
          double w = th[row + r];
          int o = r * m;
          for (int s = 0; s < m; s++) {
            out[o + s] += w * th[row + s];
          }
        }
      }
      subtractRowGram(th, k.offV, out, 1.0);
    } else {
      subtractRowGram(th, k.offK, out, -1.0);
      subtractRowGram(th, k.offQ, out, 1.0);
    }
    return out;
  }

  /** out −= sign·M Mᵀ for the m×d block M at offset. */
  private void subtractRowGram(double[] th, int off, double[] out, double sign) {
    for (int r = 0; r < m; r++) {
      for (int s = 0; s <= r; s++) {
        double acc = 0;
        int a = off + r * d;
        int b = off + s * d;
        for (int c = 0; c < d; c++) {
          acc += th[a + c] * th[b + c];
        }
        out[r * m + s] -= sign * acc;
        if (s != r) {
          out[s * m + r] -= sign * acc;
        }
      }
    }
  }

  private static double maxAbsDiff(double[] x, double[] y) {
    double mx = 0;
    for (int i = 0; i < x.length; i++) {
      mx = Math.max(mx, Math.abs(x[i] - y[i]));
    }
    return mx;
  }

  /** Brings the forward-pass quantities up to date for θ (and invalidates every other group). */
  void state(double[] theta) {
    if (haveState && Arrays.equals(theta, lastTheta)) {
      return;
    }
    System.arraycopy(theta, 0, lastTheta, 0, theta.length);
    haveState = true;
    haveRandomWords = false;
    haveGrams = false;
    haveNeurons = false;
    haveIdentities = false;
    haveRates = false;
    haveMarginRates = false;
    haveInvariants = false;
    loss = k.forward(theta);
    Arrays.fill(typeLoss, 0.0);
    Arrays.fill(typeG, 0.0);
    minMargin = Double.POSITIVE_INFINITY;
    outputSum = 0;
    for (int i = 0; i < n; i++) {
      int t = data.type(i);
      typeLoss[t] += AttentionKernel.softplus(-k.margin[i]);
      typeG[t] += k.g[i];
      minMargin = Math.min(minMargin, k.margin[i]);
      outputSum += k.coef[i] * k.margin[i] * k.label(i);
    }
    for (int t = 1; t <= 4; t++) {
      int c = data.count(t);
      typeLoss[t] = c > 0 ? typeLoss[t] / c : Double.NaN;
    }
    double[] u = k.u;
    u2 = 0;
    for (double x : u) {
      u2 += x * x;
    }
    for (int col = 0; col < SPECIAL; col++) {
      gk[col] = output(theta, col);
    }
    attentionDrift = k.maxAttentionChange(p0);
  }

  /** G(µ_col) = uᵀW_V µ_col. */
  private double output(double[] theta, int col) {
    double g = 0;
    for (int r = 0; r < m; r++) {
      g += k.u[r] * theta[k.offV + r * d + col];
    }
    return g;
  }

  /** max |G(µ)| over the random words (d·m). */
  void randomWords(double[] theta) {
    state(theta);
    if (haveRandomWords) {
      return;
    }
    haveRandomWords = true;
    double mx = 0;
    for (int col = SPECIAL; col < d; col++) {
      mx = Math.max(mx, Math.abs(output(theta, col)));
    }
    maxAbsGRandom = mx;
  }

  /** Scores and V/K/Q Grams among µ1..µ3 (36 dot products of length m). */
  void grams(double[] theta) {
    state(theta);
    if (haveGrams) {
      return;
    }
    haveGrams = true;
    blocks(theta, kq, vv, kk, qq);
  }

  /** Largest change of a per-neuron piece a_j w_jᵀW_Vµ_k since θ0 (3·m1·m). */
  void neurons(double[] theta) {
    state(theta);
    if (haveNeurons) {
      return;
    }
    haveNeurons = true;
    double nd = 0;
    for (int j = 0; j < m1; j++) {
      for (int x = 0; x < SPECIAL; x++) {
        double s = 0;
        for (int r = 0; r < m; r++) {
          s += theta[j * m + r] * theta[k.offV + r * d + x];
        }
        nd = Math.max(nd, Math.abs(k.a()[j] * s - neuron0[j * 3 + x]));
      }
    }
    neuronDrift = nd;
  }

  /** A(µ) for every word and B(µ_k) of Eq. (4) (≤ 3·d·m). */
  void identities(double[] theta) {
    state(theta);
    if (haveIdentities) {
      return;
    }
    haveIdentities = true;
    // A(µ) = Σ_i coef_i Σ_{h: x_h = µ} c_h ; B(µ_k) = Σ_ν ⟨v(ν), v(µ_k)⟩ A(ν)
    Arrays.fill(aVec, 0.0);
    for (int slot = 0; slot < n * k.len; slot++) {
      aVec[k.tokenAtSlot(slot)] += k.coef[slot % n] * k.c[slot];
    }
    Arrays.fill(bVec, 0.0);
    for (int nu = 0; nu < d; nu++) {
      if (aVec[nu] != 0) {
        for (int x = 0; x < SPECIAL; x++) {
          bVec[x] += dot(theta, k.offV, nu, k.offV, x) * aVec[nu];
        }
      }
    }
  }

  /** Brings the θ̇-dependent dot products (Ġ, K̇Q, V̇V, U̇, ‖θ̇‖²) up to date for (θ, θ̇). */
  void rates(double[] theta, double[] thetaDot) {
    state(theta);
    if (haveRates && Arrays.equals(thetaDot, lastThetaDot)) {
      return;
    }
    System.arraycopy(thetaDot, 0, lastThetaDot, 0, thetaDot.length);
    haveRates = true;
    haveMarginRates = false;
    k.readout(thetaDot, du);
    double[] u = k.u;
    for (int x = 0; x < SPECIAL; x++) {
      double s = 0;
      for (int r = 0; r < m; r++) {
        s += du[r] * theta[k.offV + r * d + x] + u[r] * thetaDot[k.offV + r * d + x];
      }
      gdot[x] = s;
    }
    for (int x = 0; x < SPECIAL; x++) {
      for (int y = 0; y < SPECIAL; y++) {
        kqdot[x * 3 + y] = dot2(theta, thetaDot, k.offK, x, k.offQ, y);
        vvdot[x * 3 + y] = dot2(theta, thetaDot, k.offV, x, k.offV, y);
      }
    }
    double ud = 0;
    for (int r = 0; r < m; r++) {
      ud += 2 * u[r] * du[r];
    }
    udot = ud;
    double nrm = 0;
    for (double v : thetaDot) {
      nrm += v * v;
    }
    thetaDotNorm2 = nrm;
  }

  /** The exact margin JVP along θ̇ and the loss rates it gives (about one forward pass). */
  void marginRates(double[] theta, double[] thetaDot) {
    rates(theta, thetaDot);
    if (haveMarginRates) {
      return;
    }
    haveMarginRates = true;
    // the kernel's forward workspaces still belong to θ (only state() runs forward)
    k.marginRates(theta, thetaDot, marginRate);
    Arrays.fill(typeLossRate, 0.0);
    double lr = 0;
    for (int i = 0; i < n; i++) {
      // dℓ(M_i)/dt = −g_i Ṁ_i
      double r = -k.g[i] * marginRate[i];
      typeLossRate[data.type(i)] += r;
      lr += r;
    }
    for (int t = 1; t <= 4; t++) {
      int c = data.count(t);
      typeLossRate[t] = c > 0 ? typeLossRate[t] / c : Double.NaN;
    }
    lossRate = lr / n;
  }

  /** {@link #rates} and {@link #identities}: what the Eq. (4) and Lemma F.11 residuals read. */
  void identityRates(double[] theta, double[] thetaDot) {
    rates(theta, thetaDot);
    identities(theta);
  }

  /** d/dt of ⟨M_a e_x, N_b e_y⟩ along θ̇. */
  private double dot2(double[] th, double[] td, int offA, int x, int offB, int y) {
    double s = 0;
    for (int r = 0; r < m; r++) {
      s += td[offA + r * d + x] * th[offB + r * d + y] + th[offA + r * d + x] * td[offB + r * d + y];
    }
    return s;
  }

  void invariants(double[] theta) {
    state(theta);
    if (haveInvariants || !invariants) {
      return;
    }
    haveInvariants = true;
    c1Drift = maxAbsDiff(conserved(theta, true, cWork), c10);
    c2Drift = maxAbsDiff(conserved(theta, false, cWork), c20);
  }

  boolean tracksInvariants() {
    return invariants;
  }

  /** max |C(0)| entry of C1 (first) or C2, for scaling drift tolerances. */
  double conservedScale(boolean first) {
    double mx = 0;
    for (double v : first ? c10 : c20) {
      mx = Math.max(mx, Math.abs(v));
    }
    return mx;
  }

  double kqChange(int key, int query) {
    return kq[key * 3 + query] - kq0[key * 3 + query];
  }

  double vvChange(int x, int y) {
    return vv[x * 3 + y] - vv0[x * 3 + y];
  }

  double kkChange(int x, int y) {
    return kk[x * 3 + y] - kk0[x * 3 + y];
  }

  double qqChange(int x, int y) {
    return qq[x * 3 + y] - qq0[x * 3 + y];
  }

  /** Relative residual of Eq. (4)/Def. E.18: Ġ_k = U·A(µ_k) + ‖a‖²·B(µ_k), worst over k. */
  double eq4Residual() {
    double worst = 0;
    double scale = 0;
    for (int x = 0; x < SPECIAL; x++) {
      double rhs = u2 * aVec[x] + aNorm2 * bVec[x];
      worst = Math.max(worst, Math.abs(gdot[x] - rhs));
      scale = Math.max(scale, Math.abs(gdot[x]));
    }
    return worst / Math.max(scale, Double.MIN_NORMAL);
  }

  /** Relative residual of Eq. (5)/Lemma F.4: U̇ = 2‖a‖²·(1/n)Σ g_i y_i F_i. */
  double eq5Residual() {
    double rhs = 2 * aNorm2 * outputSum;
    return Math.abs(udot - rhs) / Math.max(Math.abs(udot), Double.MIN_NORMAL);
  }

  /** Relative residual of Lemma F.11 over µ1..µ3 pairs: d/dt⟨v_a, v_b⟩ = G_b A_a + G_a A_b. */
  double f11Residual() {
    double worst = 0;
    double scale = 0;
    for (int x = 0; x < SPECIAL; x++) {
      for (int y = 0; y < SPECIAL; y++) {
        double rhs = gk[y] * aVec[x] + gk[x] * aVec[y];
        worst = Math.max(worst, Math.abs(vvdot[x * 3 + y] - rhs));
        scale = Math.max(scale, Math.abs(vvdot[x * 3 + y]));
      }
    }
    return worst / Math.max(scale, Double.MIN_NORMAL);
  }

  /** Relative residual of dL̂/dt = −‖θ̇‖² (L̂ rate from the margin JVP). */
  double energyResidual() {
    return Math.abs(-lossRate - thetaDotNorm2) / Math.max(thetaDotNorm2, Double.MIN_NORMAL);
  }
}
