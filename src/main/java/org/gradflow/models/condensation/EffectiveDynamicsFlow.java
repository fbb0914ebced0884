package org.gradflow.models.condensation;

import static org.gradflow.models.condensation.CondensationFlow.W1;
import static org.gradflow.models.condensation.CondensationFlow.W2;
import static org.gradflow.models.condensation.CondensationFlow.WV;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * Stage 1 at leading order in ε (Prop. 1, Eq. 7): in rescaled time t̄ = ε|u|t/(n s) and rescaled
 * parameters θ̄ = θ/ε, dθ̄/dt̄ = ∇ E with E = v W_V W1 W2 (gradient ascent on a cubic; W_Q, W_K are
 * frozen at this order and left out). As a {@link GradientFlow} its "loss" is −E. E blows up in
 * finite time T̄*; the BLOWUP terminal event stops the run at E = 1e12, where
 * T̄* = t̄ + E^{-1/3}(1 + o(1)) (Thm 1 with the tight asymptotics of spec §3).
 */
public final class EffectiveDynamicsFlow implements GradientFlow {
  private final ParameterLayout layout;
  private final double[] v;
  private final int d;
  private final int oV;
  private final int o1;
  private final int o2;
  private final double[] w1w2;
  private final double[] wv;

  public EffectiveDynamicsFlow(double[] v) {
    this.v = v.clone();
    this.d = v.length;
    this.layout = ParameterLayout.builder().matrix(WV, d, d).matrix(W1, d, d).vector(W2, d).build();
    this.oV = layout.offset(WV);
    this.o1 = layout.offset(W1);
    this.o2 = layout.offset(W2);
    this.w1w2 = new double[d];
    this.wv = new double[d];
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  double[] direction() {
    return v.clone();
  }

  /** E = v W_V W1 W2. */
  public double energy(double[] th) {
    products(th);
    double e = 0;
    for (int b = 0; b < d; b++) {
      e += wv[b] * w1w2[b];
    }
    return e;
  }

  private void products(double[] th) {
    for (int b = 0; b < d; b++) {
      double s = 0;
      double p = 0;
      for (int c = 0; c < d; c++) {
        s += th[o1 + b * d + c] * th[o2 + c];
        p += v[c] * th[oV + c * d + b];
      }
      w1w2[b] = s;
      wv[b] = p;
    }
  }

  @Override
  public double negativeGradient(double[] th, double[] out) {
    products(th);
    double e = 0;
    for (int b = 0; b < d; b++) {
      e += wv[b] * w1w2[b];
    }
    // dW_V = vᵀ (W1 W2)ᵀ, dW1 = w_vᵀ W2ᵀ, dW2 = W1ᵀ w_vᵀ
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        out[oV + a * d + b] = v[a] * w1w2[b];
        out[o1 + a * d + b] = wv[a] * th[o2 + b];
      }
    }
    for (int c = 0; c < d; c++) {
      double s = 0;
      for (int b = 0; b < d; b++) {
        s += th[o1 + b * d + c] * wv[b];
      }
      out[o2 + c] = s;
    }
    return -e;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] th) {
    T e = th[0].getField().getZero();
    for (int b = 0; b < d; b++) {
      T p = e.getField().getZero();
      T s = e.getField().getZero();
      for (int c = 0; c < d; c++) {
        p = p.add(th[oV + c * d + b].multiply(v[c]));
        s = s.add(th[o1 + b * d + c].multiply(th[o2 + c]));
      }
      e = e.add(p.multiply(s));
    }
    return e.negate();
  }

  /** Prop. 2's conserved quantities: w_{v,k}² − |W1[k,:]|² (k < d), then W2_k² − |W1[:,k]|². */
  public double[] balances(double[] th) {
    products(th);
    double[] out = new double[2 * d];
    for (int k = 0; k < d; k++) {
      double row = 0;
      double col = 0;
      for (int b = 0; b < d; b++) {
        row += th[o1 + k * d + b] * th[o1 + k * d + b];
        col += th[o1 + b * d + k] * th[o1 + b * d + k];
      }
      out[k] = wv[k] * wv[k] - row;
      out[d + k] = th[o2 + k] * th[o2 + k] - col;
    }
    return out;
  }

  @Override
  public List<Observable> observables() {
    List<Observable> out = new ArrayList<>();
    out.add(Observable.of("E", this::energy));
    // dE/dt̄ = |∇E|² (Eq. 16); Thm 1: dE/dt̄ ≥ 3|E|^{4/3}, the ratio tends to 1 at blow-up
    out.add(Observable.ofFlow("blowupRateRatio", (th, dot) -> {
      double g = 0;
      for (double x : dot) {
        g += x * x;
      }
      return g / (3 * Math.pow(Math.abs(energy(th)), 4.0 / 3.0));
    }));
    out.addAll(CondensationObservables.outer(layout, v));
    return out;
  }
}
