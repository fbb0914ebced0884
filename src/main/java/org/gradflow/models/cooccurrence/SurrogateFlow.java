package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The type-level surrogate of spec §11.1: n → ∞, frozen uniform attention (c_h = 1), exact type
 * fractions π = (1/2, 1/6, 1/6, 1/6). The state (G ∈ R³, U, Γ = Gram of W_V on µ1..µ3) closes:
 *
 * <pre>
 *   M_k = y_k φ_k·G,  g_k = 1/(1+e^{M_k}),  A = Σ_k π_k g_k y_k φ_k
 *   dG/dt = U·A + m1·Γ·A,   dU/dt = 2 m1 Σ_k π_k g_k M_k,   dΓ/dt = G Aᵀ + A Gᵀ
 * </pre>
 *
 * This is the exact push-forward of the gradient flow of a two-layer linear network whose loss
 * depends on θ only through G = aᵀWW_V (three columns), so {@link #negativeGradient} writes that
 * closed vector field (it is not −∇ of the reduced loss in (G, U, Γ) coordinates); the loss it
 * returns is the type-level loss Σ_k π_k ℓ(M_k). A test checks the push-forward identity.
 */
public final class SurrogateFlow implements GradientFlow {
  static final double[] PI = {0.5, 1.0 / 6, 1.0 / 6, 1.0 / 6};
  static final double[] Y = {1, -1, -1, -1};
  static final double[][] PHI = {{1, 1, 1}, {1, 0, 1}, {0, 1, 1}, {0, 0, 1}};

  private final double m1;
  private final ParameterLayout layout =
      ParameterLayout.builder().vector("G", 3).scalar("U").matrix("Gamma", 3, 3).build();
  private final double[] gk = new double[4];
  private final double[] margin = new double[4];
  private final double[] a = new double[3];

  public SurrogateFlow(int m1) {
    this.m1 = m1;
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  @Override
  public double negativeGradient(double[] s, double[] out) {
    double loss = 0;
    double uDot = 0;
    a[0] = 0;
    a[1] = 0;
    a[2] = 0;
    for (int k = 0; k < 4; k++) {
      double mk = Y[k] * (PHI[k][0] * s[0] + PHI[k][1] * s[1] + PHI[k][2] * s[2]);
      margin[k] = mk;
      gk[k] = AttentionKernel.logisticWeight(mk);
      loss += PI[k] * AttentionKernel.softplus(-mk);
      uDot += 2 * m1 * PI[k] * gk[k] * mk;
      for (int x = 0; x < 3; x++) {
        a[x] += PI[k] * gk[k] * Y[k] * PHI[k][x];
      }
    }
    double u = s[3];
    for (int x = 0; x < 3; x++) {
      double gam = 0;
      for (int y = 0; y < 3; y++) {
        gam += s[4 + 3 * x + y] * a[y];
      }
      out[x] = u * a[x] + m1 * gam;
    }
    out[3] = uDot;
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        out[4 + 3 * x + y] = s[x] * a[y] + a[x] * s[y];
      }
    }
    return loss;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] s) {
    T total = s[0].getField().getZero();
    for (int k = 0; k < 4; k++) {
      T mk = margin(s, k);
      T l = mk.getReal() > 0 ? mk.negate().exp().log1p() : mk.negate().add(mk.exp().log1p());
      total = total.add(l.multiply(PI[k]));
    }
    return total;
  }

  private static <T extends CalculusFieldElement<T>> T margin(T[] s, int k) {
    return s[0].multiply(PHI[k][0]).add(s[1].multiply(PHI[k][1])).add(s[2].multiply(PHI[k][2])).multiply(Y[k]);
  }

  /** The closed vector field over any field (the high-precision path), same as the double one. */
  @Override
  public <T extends CalculusFieldElement<T>> T negativeGradient(T[] s, T[] out) {
    T zero = s[0].getField().getZero();
    T[] av = MathArrays.buildArray(s[0].getField(), 3);
    java.util.Arrays.fill(av, zero);
    T uDot = zero;
    for (int k = 0; k < 4; k++) {
      T mk = margin(s, k);
      T g = mk.exp().add(1).reciprocal();
      uDot = uDot.add(g.multiply(mk).multiply(2 * m1 * PI[k]));
      for (int x = 0; x < 3; x++) {
        av[x] = av[x].add(g.multiply(PI[k] * Y[k] * PHI[k][x]));
      }
    }
    for (int x = 0; x < 3; x++) {
      T gam = zero;
      for (int y = 0; y < 3; y++) {
        gam = gam.add(s[4 + 3 * x + y].multiply(av[y]));
      }
      out[x] = s[3].multiply(av[x]).add(gam.multiply(m1));
    }
    out[3] = uDot;
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        out[4 + 3 * x + y] = s[x].multiply(av[y]).add(av[x].multiply(s[y]));
      }
    }
    return loss(s);
  }

  @Override
  public List<Observable> observables() {
    List<Observable> o = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      int type = k;
      o.add(Observable.of("lossType" + (k + 1), s -> AttentionKernel.softplus(-typeMargin(s, type))));
    }
    for (int x = 0; x < 3; x++) {
      int w = x;
      o.add(Observable.of("G" + (x + 1), s -> s[w]));
      o.add(Observable.ofFlow("Gdot" + (x + 1), (s, sd) -> sd[w]));
    }
    o.add(Observable.of("U", s -> s[3]));
    o.add(Observable.of("minMargin", s -> Math.min(Math.min(typeMargin(s, 0), typeMargin(s, 1)),
        Math.min(typeMargin(s, 2), typeMargin(s, 3)))));
    o.add(Observable.of("signAlignment", s -> Math.min(Math.min(s[0], s[1]), -s[2])));
    o.add(Observable.of("phaseOneEnd", s -> Math.min(Math.min(Math.min(s[0], s[1]), -s[2]),
        Math.min(Math.min(typeMargin(s, 0), typeMargin(s, 1)), Math.min(typeMargin(s, 2), typeMargin(s, 3))))));
    // S_k per unit sample: π_k g_k (ratios are what the lemmas use)
    o.add(Observable.of("R", s -> {
      double[] sk = sums(s);
      return (sk[1] + sk[2] + sk[3] - sk[0]) / (sk[0] - sk[1]);
    }));
    o.add(Observable.of("S1overS2", s -> sums(s)[0] / sums(s)[1]));
    return o;
  }

  private static double typeMargin(double[] s, int k) {
    return Y[k] * (PHI[k][0] * s[0] + PHI[k][1] * s[1] + PHI[k][2] * s[2]);
  }

  private static double[] sums(double[] s) {
    double[] sk = new double[4];
    for (int k = 0; k < 4; k++) {
      sk[k] = PI[k] * AttentionKernel.logisticWeight(typeMargin(s, k));
    }
    return sk;
  }
}
