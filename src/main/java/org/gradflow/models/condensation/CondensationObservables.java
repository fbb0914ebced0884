package org.gradflow.models.condensation;

import static org.gradflow.models.condensation.CondensationFlow.W1;
import static org.gradflow.models.condensation.CondensationFlow.W2;
import static org.gradflow.models.condensation.CondensationFlow.WK;
import static org.gradflow.models.condensation.CondensationFlow.WQ;
import static org.gradflow.models.condensation.CondensationFlow.WV;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.gradflow.core.Svd;

/**
 * The observables of the condensation model (spec §5), all computed so that they do not
 * cancel at tiny ε: ratios, cosines and logarithmic rates are scale-free, the loss deficit goes
 * through expm1, and the rates d ln|M|/dt and d ln(σ2/σ1)(M)/dt are exact (from θ̇, not from
 * differencing a trajectory). Each call of {@link #all} makes fresh workspaces.
 */
final class CondensationObservables {
  private final CondensationFlow flow;
  private final ParameterLayout layout;
  private final int d;
  private final double[] v;
  private final DMatrixRMaj q;
  private final DMatrixRMaj k;
  private final DMatrixRMaj mat;
  private final DMatrixRMaj mDot;
  private final DMatrixRMaj qDot;
  private final DMatrixRMaj kDot;
  private final double[] wv;
  private final DMatrixRMaj force;
  private final double[] forceFlat;
  private double[] forceTheta;
  private boolean forceOk;
  private final Svd values;
  private final Svd svdM;
  private final Svd svdF;
  private final double[] shifted;
  private final double[] dotPlus;
  private final double[] dotMinus;

  private CondensationObservables(CondensationFlow flow, ParameterLayout layout, double[] v) {
    this.flow = flow;
    this.layout = layout;
    this.d = v.length;
    this.v = v;
    this.q = new DMatrixRMaj(d, d);
    this.k = new DMatrixRMaj(d, d);
    this.mat = new DMatrixRMaj(d, d);
    this.mDot = new DMatrixRMaj(d, d);
    this.qDot = new DMatrixRMaj(d, d);
    this.kDot = new DMatrixRMaj(d, d);
    this.wv = new double[d];
    this.force = new DMatrixRMaj(d, d);
    this.forceFlat = new double[d * d];
    this.values = Svd.valuesOnly(d, d);
    this.svdM = Svd.withVectors(d, d);
    this.svdF = Svd.withVectors(d, d);
    int n = layout.dimension();
    this.shifted = new double[n];
    this.dotPlus = new double[n];
    this.dotMinus = new double[n];
  }

  /**
   * The observables of the outer blocks W_V, W1, W2 alone (shared with the stage-1 effective
   * dynamics, whose layout has only these blocks).
   */
  static List<Observable> outer(ParameterLayout layout, double[] v) {
    CondensationObservables c = new CondensationObservables(null, layout, v);
    List<Observable> out = new ArrayList<>();
    out.add(Observable.of("outerNorm", c::outerNorm));
    out.add(Observable.of("vBeta", c::vBeta));
    out.add(Observable.of("kappaV", c::kappaV));
    out.add(Observable.of("minColCosV", c::minColumnCosine));
    out.add(Observable.of("sigmaRatioWV", th -> c.ratio(th, WV)));
    out.add(Observable.of("sigmaRatioW1", th -> c.ratio(th, W1)));
    out.add(Observable.of("a1Min", c::assumptionOneMin));
    return out;
  }

  /** The observables of W_Q, W_K and M = W_Q W_Kᵀ alone (shared with the stage-2 system). */
  static List<Observable> attention(ParameterLayout layout, int d) {
    CondensationObservables c = new CondensationObservables(null, layout, new double[d]);
    List<Observable> out = new ArrayList<>();
    out.add(Observable.of("attnNorm", th -> Math.hypot(c.layout.blockNorm(th, WQ), c.layout.blockNorm(th, WK))));
    out.add(Observable.of("normM", c::normM));
    out.add(Observable.of("sigmaRatioQ", th -> c.ratio(th, WQ)));
    out.add(Observable.of("sigmaRatioK", th -> c.ratio(th, WK)));
    out.add(Observable.of("sigmaRatioM", c::ratioM));
    out.add(Observable.ofFlow("growthRateM", c::growthRateM));
    out.add(Observable.ofFlow("sigmaRatioRateM", c::sigmaRatioRateM));
    return out;
  }

  static List<Observable> all(CondensationFlow flow) {
    CondensationObservables c = new CondensationObservables(flow, flow.layout(), flow.data().v());
    List<Observable> out = new ArrayList<>();
    out.add(Observable.of("lossDeficit", flow::lossDeficit));
    out.addAll(outer(flow.layout(), flow.data().v()));
    out.addAll(attention(flow.layout(), flow.data().d));
    out.add(Observable.ofFlow("gradOutNorm", c::gradOutNorm));
    out.add(Observable.ofFlow("gradOutLogRate", c::gradOutLogRate));
    out.add(Observable.of("sigma1F", th -> c.forceSigma(th, 0)));
    out.add(Observable.of("sigma2F", th -> c.forceSigma(th, 1)));
    out.add(Observable.of("alignF", c::alignF));
    out.add(Observable.of("relChangeOuter", th -> c.relativeChange(th, WV, W1, W2)));
    out.add(Observable.of("relChangeAttn", th -> c.relativeChange(th, WQ, WK)));
    out.add(Observable.of("effRankOuter", th -> (c.effRank(th, WV) + c.effRank(th, W1)) / 2));
    out.add(Observable.of("effRankAttn", th -> (c.effRank(th, WQ) + c.effRank(th, WK)) / 2));
    return out;
  }

  private void load(double[] theta, String block, DMatrixRMaj into) {
    System.arraycopy(theta, layout.offset(block), into.data, 0, d * d);
  }

  double outerNorm(double[] th) {
    double a = layout.blockNorm(th, WV);
    double b = layout.blockNorm(th, W1);
    double c = layout.blockNorm(th, W2);
    return Math.sqrt(a * a + b * b + c * c);
  }

  private void formM(double[] th) {
    load(th, WQ, q);
    load(th, WK, k);
    CommonOps_DDRM.multTransB(q, k, mat);
  }

  double normM(double[] th) {
    formM(th);
    return Math.sqrt(sumSquares(mat));
  }

  private static double sumSquares(DMatrixRMaj m) {
    double s = 0;
    for (int i = 0; i < m.getNumElements(); i++) {
      s += m.data[i] * m.data[i];
    }
    return s;
  }

  /** v·β with β = W_V W1 W2: E of Eq. (8) in real units (ε³ E(t̄)). */
  double vBeta(double[] th) {
    int oV = layout.offset(WV);
    int o1 = layout.offset(W1);
    int o2 = layout.offset(W2);
    double e = 0;
    for (int b = 0; b < d; b++) {
      double p = 0;
      double s = 0;
      for (int c = 0; c < d; c++) {
        p += v[c] * th[oV + c * d + b];
        s += th[o1 + b * d + c] * th[o2 + c];
      }
      e += p * s;
    }
    return e;
  }

  /** κ_V = |v W_V|² / |W_V|²_F: the share of W_V's energy along v. */
  double kappaV(double[] th) {
    int off = layout.offset(WV);
    double along = 0;
    double total = 0;
    for (int c = 0; c < d; c++) {
      double p = 0;
      for (int b = 0; b < d; b++) {
        double x = th[off + b * d + c];
        p += v[b] * x;
        total += x * x;
      }
      along += p * p;
    }
    return along / total;
  }

  /** min_k |cos(W_V[:,k], v)| (Definition 1, column-wise). */
  double minColumnCosine(double[] th) {
    int off = layout.offset(WV);
    double min = 1;
    for (int c = 0; c < d; c++) {
      double p = 0;
      double nn = 0;
      for (int b = 0; b < d; b++) {
        double x = th[off + b * d + c];
        p += v[b] * x;
        nn += x * x;
      }
      min = Math.min(min, Math.abs(p) / Math.sqrt(nn));
    }
    return min;
  }

  double ratio(double[] th, String block) {
    load(th, block, q);
    return values.ratio(q);
  }

  double ratioM(double[] th) {
    formM(th);
    return values.ratio(mat);
  }

  double effRank(double[] th, String block) {
    load(th, block, q);
    return values.effectiveRank(q);
  }

  /**
   * Assumption 1 in cosine form: the minimum over i of cos(W2_i, w_v·W1[:,i]) and
   * cos(w_{v,i}, W1[i,:]·W2), and over pairs i &lt; j of the cosines between W2_i W1[:,i] and
   * W2_j W1[:,j] and between w_{v,i} W1[i,:] and w_{v,j} W1[j,:]. Positive iff it holds.
   */
  double assumptionOneMin(double[] th) {
    int oV = layout.offset(WV);
    int o1 = layout.offset(W1);
    int o2 = layout.offset(W2);
    java.util.Arrays.fill(wv, 0);
    for (int c = 0; c < d; c++) {
      for (int b = 0; b < d; b++) {
        wv[c] += v[b] * th[oV + b * d + c];
      }
    }
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < d; i++) {
      double colDot = 0;
      double colNorm = 0;
      double rowDot = 0;
      double rowNorm = 0;
      for (int r = 0; r < d; r++) {
        double w1ri = th[o1 + r * d + i];
        colDot += wv[r] * w1ri;
        colNorm += w1ri * w1ri;
        double w1ir = th[o1 + i * d + r];
        rowDot += w1ir * th[o2 + r];
        rowNorm += w1ir * w1ir;
      }
      double nwv = Math.sqrt(dot(wv, wv));
      double nw2 = layout.blockNorm(th, W2);
      min = Math.min(min, Math.signum(th[o2 + i]) * colDot / (nwv * Math.sqrt(colNorm)));
      min = Math.min(min, Math.signum(wv[i]) * rowDot / (nw2 * Math.sqrt(rowNorm)));
    }
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double cd = 0;
        double ci = 0;
        double cj = 0;
        double rd = 0;
        double ri = 0;
        double rj = 0;
        for (int r = 0; r < d; r++) {
          double a = th[o1 + r * d + i];
          double b = th[o1 + r * d + j];
          cd += a * b;
          ci += a * a;
          cj += b * b;
          double e = th[o1 + i * d + r];
          double f = th[o1 + j * d + r];
          rd += e * f;
          ri += e * e;
          rj += f * f;
        }
        min = Math.min(min, Math.signum(th[o2 + i] * th[o2 + j]) * cd / Math.sqrt(ci * cj));
        min = Math.min(min, Math.signum(wv[i] * wv[j]) * rd / Math.sqrt(ri * rj));
      }
    }
    return min;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** |∇ L| restricted to the outer blocks (W_V, W1, W2). */
  double gradOutNorm(double[] th, double[] thDot) {
    int from = layout.offset(WV);
    double s = 0;
    for (int i = from; i < thDot.length; i++) {
      s += thDot[i] * thDot[i];
    }
    return Math.sqrt(s);
  }

  /**
   * d ln|∇_out L|/dt = θ̇_outᵀ (J θ̇)_out / |θ̇_out|², the Jacobian–vector product taken by a
   * central difference of the exact gradient along θ̇ (step 1e-5 |θ|/|θ̇|; relative error
   * ~1e-10). Its upward zero crossing after the escape is the plateau (local minimum of
   * |∇_out L|, spec §5 PLATEAU).
   */
  double gradOutLogRate(double[] th, double[] thDot) {
    double nt = Math.sqrt(dot(th, th));
    double nd = Math.sqrt(dot(thDot, thDot));
    if (nd == 0) {
      return 0;
    }
    double h = 1e-5 * nt / nd;
    for (int i = 0; i < th.length; i++) {
      shifted[i] = th[i] + h * thDot[i];
    }
    flow.negativeGradient(shifted, dotPlus);
    for (int i = 0; i < th.length; i++) {
      shifted[i] = th[i] - h * thDot[i];
    }
    flow.negativeGradient(shifted, dotMinus);
    int from = layout.offset(WV);
    double num = 0;
    double den = 0;
    for (int i = from; i < th.length; i++) {
      num += thDot[i] * (dotPlus[i] - dotMinus[i]) / (2 * h);
      den += thDot[i] * thDot[i];
    }
    return num / den;
  }

  /** Ṁ = Q̇ Kᵀ + Q K̇ᵀ into mDot (M in mat). */
  private void formMDot(double[] th, double[] thDot) {
    formM(th);
    System.arraycopy(thDot, layout.offset(WQ), qDot.data, 0, d * d);
    System.arraycopy(thDot, layout.offset(WK), kDot.data, 0, d * d);
    CommonOps_DDRM.multTransB(qDot, k, mDot);
    CommonOps_DDRM.multAddTransB(q, kDot, mDot);
  }

  /** d ln|M|_F/dt = ⟨M, Ṁ⟩/|M|², exact. */
  double growthRateM(double[] th, double[] thDot) {
    formMDot(th, thDot);
    double num = 0;
    for (int i = 0; i < d * d; i++) {
      num += mat.data[i] * mDot.data[i];
    }
    return num / sumSquares(mat);
  }

  /** d ln(σ2/σ1)(M)/dt = u2ᵀṀv2/σ2 − u1ᵀṀv1/σ1 (first-order perturbation, exact). */
  double sigmaRatioRateM(double[] th, double[] thDot) {
    if (d < 2) {
      return 0;
    }
    formMDot(th, thDot);
    if (!svdM.decompose(mat)) {
      return Double.NaN;
    }
    return svdM.project(mDot, 1) / svdM.sigma(1) - svdM.project(mDot, 0) / svdM.sigma(0);
  }

  /** F(θ) and its SVD, reused while θ is unchanged (σ1F, σ2F and alignF are read at the same θ). */
  private boolean formForce(double[] th) {
    if (forceOk && java.util.Arrays.equals(th, forceTheta)) {
      return true;
    }
    flow.keyQueryForce(th, forceFlat);
    System.arraycopy(forceFlat, 0, force.data, 0, d * d);
    forceOk = svdF.decompose(force);
    if (forceTheta == null || forceTheta.length != th.length) {
      forceTheta = new double[th.length];
    }
    System.arraycopy(th, 0, forceTheta, 0, th.length);
    return forceOk;
  }

  /** σ_k(F(θ)), F = −dL/dM at M = 0 with the current outer blocks. */
  double forceSigma(double[] th, int kIndex) {
    if (kIndex >= d || !formForce(th)) {
      return kIndex >= d ? 0 : Double.NaN;
    }
    return svdF.sigma(kIndex);
  }

  /** min(|u1(M)·u1(F)|, |v1(M)·v1(F)|): M's top singular pair against F's (spec §5 ALIGN_F). */
  double alignF(double[] th) {
    formM(th);
    if (!svdM.decompose(mat) || !formForce(th)) {
      return Double.NaN;
    }
    double uu = 0;
    double vv = 0;
    for (int i = 0; i < d; i++) {
      uu += svdM.u(i, 0) * svdF.u(i, 0);
      vv += svdM.v(i, 0) * svdF.v(i, 0);
    }
    return Math.min(Math.abs(uu), Math.abs(vv));
  }

  /** |W(t) − W(0)|_F / |W(0)|_F over a group of blocks. */
  double relativeChange(double[] th, String... blocks) {
    double[] ref = flow.reference();
    if (ref == null) {
      return Double.NaN;
    }
    double num = 0;
    double den = 0;
    for (String b : blocks) {
      ParameterLayout.Block blk = layout.block(b);
      for (int i = blk.offset(); i < blk.offset() + blk.size(); i++) {
        double diff = th[i] - ref[i];
        num += diff * diff;
        den += ref[i] * ref[i];
      }
    }
    return Math.sqrt(num / den);
  }
}
