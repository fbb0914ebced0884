package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * The type-level surrogate of spec §11.1 (n → ∞, frozen uniform attention c_h = 1, exact type
 * fractions π = (1/2, 1/6, 1/6, 1/6)), integrated as the gradient flow it is: a linear MLP
 * G = aᵀ W W_V on the three special words (W: m1×m, W_V: m×3, a fixed) under the type-level loss
 * L = Σ_k π_k ℓ(y_k φ_k·G). Its image (G, U = ‖Wᵀa‖², Γ = W_VᵀW_V) obeys the closed system
 *
 * <pre>
 *   A = Σ_k π_k g_k y_k φ_k,   dG/dt = U·A + ‖a‖²·Γ·A,   dU/dt = 2‖a‖² G·A,   dΓ/dt = G Aᵀ + A Gᵀ
 * </pre>
 *
 * ({@link #closedField}); a test checks that push-forward identity.
 */
public final class SurrogateFlow implements GradientFlow {
  static final double[] PI = {0.5, 1.0 / 6, 1.0 / 6, 1.0 / 6};
  static final double[] Y = {1, -1, -1, -1};
  static final double[][] PHI = {{1, 1, 1}, {1, 0, 1}, {0, 1, 1}, {0, 0, 1}};

  private final double[] a;
  private final int m;
  private final int m1;
  private final ParameterLayout layout;
  private final double[] u;
  private final double[] g = new double[3];
  private final double[] av = new double[3];
  private final double[] va;

  public SurrogateFlow(double[] a, int m) {
    this.a = a.clone();
    this.m = m;
    this.m1 = a.length;
    this.layout = ParameterLayout.builder().matrix("W", m1, m).matrix("W_V", m, 3).build();
    this.u = new double[m];
    this.va = new double[m];
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  /** u = Wᵀa and G = uᵀW_V into the workspaces. */
  private void image(double[] th) {
    java.util.Arrays.fill(u, 0.0);
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        u[r] += a[j] * th[j * m + r];
      }
    }
    int off = m1 * m;
    for (int x = 0; x < 3; x++) {
      double s = 0;
      for (int r = 0; r < m; r++) {
        s += u[r] * th[off + 3 * r + x];
      }
      g[x] = s;
    }
  }

  /** A = −∂L/∂G; returns L. */
  private static double typeTerms(double[] g, double[] av) {
    double loss = 0;
    av[0] = 0;
    av[1] = 0;
    av[2] = 0;
    for (int k = 0; k < 4; k++) {
      double mk = Y[k] * (PHI[k][0] * g[0] + PHI[k][1] * g[1] + PHI[k][2] * g[2]);
      double gk = AttentionKernel.logisticWeight(mk);
      loss += PI[k] * AttentionKernel.softplus(-mk);
      for (int x = 0; x < 3; x++) {
        av[x] += PI[k] * gk * Y[k] * PHI[k][x];
      }
    }
    return loss;
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    image(th);
    double loss = typeTerms(g, av);
    int off = m1 * m;
    for (int r = 0; r < m; r++) {
      va[r] = th[off + 3 * r] * av[0] + th[off + 3 * r + 1] * av[1] + th[off + 3 * r + 2] * av[2];
    }
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        out[j * m + r] = a[j] * va[r]; // Ẇ = a (W_V A)ᵀ
      }
    }
    for (int r = 0; r < m; r++) {
      for (int x = 0; x < 3; x++) {
        out[off + 3 * r + x] = u[r] * av[x]; // Ẇ_V = u Aᵀ
      }
    }
    return loss;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    T zero = th[0].getField().getZero();
    int off = m1 * m;
    T g0 = zero;
    T g1 = zero;
    T g2 = zero;
    for (int r = 0; r < m; r++) {
      T ur = zero;
      for (int j = 0; j < m1; j++) {
        ur = ur.add(th[j * m + r].multiply(a[j]));
      }
      g0 = g0.add(ur.multiply(th[off + 3 * r]));
      g1 = g1.add(ur.multiply(th[off + 3 * r + 1]));
      g2 = g2.add(ur.multiply(th[off + 3 * r + 2]));
    }
    T total = zero;
    for (int k = 0; k < 4; k++) {
      T mk = g0.multiply(PHI[k][0]).add(g1.multiply(PHI[k][1])).add(g2.multiply(PHI[k][2])).multiply(Y[k]);
      T l = mk.getReal() > 0 ? mk.negate().exp().log1p() : mk.negate().add(mk.exp().log1p());
      total = total.add(l.multiply(PI[k]));
    }
    return total;
  }

  /**
   * The closed field on s = (G (3), U, Γ (3×3 row-major)) for output weights with ‖a‖² = aNorm2;
   * writes ds and returns the type-level loss.
   */
  static double closedField(double[] s, double aNorm2, double[] ds) {
    double[] gg = {s[0], s[1], s[2]};
    double[] av = new double[3];
    double loss = typeTerms(gg, av);
    for (int x = 0; x < 3; x++) {
      double gam = 0;
      for (int y = 0; y < 3; y++) {
        gam += s[4 + 3 * x + y] * av[y];
      }
      ds[x] = s[3] * av[x] + aNorm2 * gam;
    }
    ds[3] = 2 * aNorm2 * (gg[0] * av[0] + gg[1] * av[1] + gg[2] * av[2]);
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        ds[4 + 3 * x + y] = gg[x] * av[y] + av[x] * gg[y];
      }
    }
    return loss;
  }

  private double typeMargin(double[] th, int k) {
    image(th);
    return Y[k] * (PHI[k][0] * g[0] + PHI[k][1] * g[1] + PHI[k][2] * g[2]);
  }

  @Override
  public List<Observable> observables() {
    List<Observable> o = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      int type = k;
      o.add(Observable.of("lossType" + (k + 1), th -> AttentionKernel.softplus(-typeMargin(th, type))));
    }
    for (int x = 0; x < 3; x++) {
      int w = x;
      o.add(Observable.of("G" + (x + 1), th -> {
        image(th);
        return g[w];
      }));
      o.add(Observable.ofFlow("Gdot" + (x + 1), (th, td) -> {
        // Ġ = (Ẇᵀa)ᵀW_V + uᵀẆ_V
        image(td);
        double[] du = u.clone();
        image(th);
        int off = m1 * m;
        double s = 0;
        for (int r = 0; r < m; r++) {
          s += du[r] * th[off + 3 * r + w] + u[r] * td[off + 3 * r + w];
        }
        return s;
      }));
    }
    o.add(Observable.of("U", th -> {
      image(th);
      double s = 0;
      for (double x : u) {
        s += x * x;
      }
      return s;
    }));
    o.add(Observable.of("minMargin", th -> Math.min(Math.min(typeMargin(th, 0), typeMargin(th, 1)),
        Math.min(typeMargin(th, 2), typeMargin(th, 3)))));
    o.add(Observable.of("signAlignment", th -> {
      image(th);
      return Math.min(Math.min(g[0], g[1]), -g[2]);
    }));
    o.add(Observable.of("phaseOneEnd", th -> {
      double mm = Math.min(Math.min(typeMargin(th, 0), typeMargin(th, 1)), Math.min(typeMargin(th, 2), typeMargin(th, 3)));
      image(th);
      return Math.min(mm, Math.min(Math.min(g[0], g[1]), -g[2]));
    }));
    return o;
  }
}
