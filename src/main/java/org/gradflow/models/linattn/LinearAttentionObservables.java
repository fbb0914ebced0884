package org.gradflow.models.linattn;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.util.Binary64;

/**
 * The family's observables: {@code pc1..pcd} (Γ_pp / Γ*_pp, the fraction of principal component
 * p learned), {@code limitError} (‖Γ − Γ*‖_F / ‖Γ*‖_F), {@code excessLoss} (L − L_min) and
 * {@code balanceDrift} (max change of the conserved quantities since t = 0). Γ is evaluated
 * through the flow's generic {@code gamma} over Binary64, so the model is written once.
 */
final class LinearAttentionObservables {
  private final LinearAttentionFlow flow;
  private final double[] conserved0;

  LinearAttentionObservables(LinearAttentionFlow flow, double[] theta0) {
    this.flow = flow;
    this.conserved0 = conserved(flow, theta0);
  }

  List<Observable> all() {
    InContextTask task = flow.task();
    int d = task.dimension();
    List<Observable> o = new ArrayList<>();
    for (int p = 0; p < d; p++) {
      int pp = p;
      o.add(Observable.of("pc" + (p + 1), theta -> gamma(theta)[pp * d + pp] / task.optimum(pp)));
    }
    o.add(Observable.of("limitError", theta -> limitError(task, gamma(theta))));
    o.add(Observable.of("excessLoss", theta -> flow.loss(theta) - task.minimumLoss()));
    o.add(Observable.of("balanceDrift", theta -> {
      double[] c = conserved(flow, theta);
      double drift = 0;
      for (int k = 0; k < c.length; k++) {
        drift = Math.max(drift, Math.abs(c[k] - conserved0[k]));
      }
      return drift;
    }));
    return o;
  }

  double[] gamma(double[] theta) {
    Binary64[] x = new Binary64[theta.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new Binary64(theta[i]);
    }
    Binary64[] g = flow.gamma(x);
    double[] out = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = g[i].getReal();
    }
    return out;
  }

  static double limitError(InContextTask task, double[] gamma) {
    int d = task.dimension();
    double err = 0;
    double norm = 0;
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        double target = p == q ? task.optimum(p) : 0;
        err += (gamma[p * d + q] - target) * (gamma[p * d + q] - target);
        norm += target * target;
      }
    }
    return Math.sqrt(err / norm);
  }

  /**
   * What gradient flow conserves (docs/linear-attention.md, "Conserved quantities"). Merged:
   * the heads are the hidden units of a two-layer net, so W1W1ᵀ − W2ᵀW2, i.e.
   * ⟨W_KQ_i, W_KQ_j⟩_F − v_i v_j for all head pairs. Separate: per head the three-factor
   * product v_i W_K_iᵀ W_Q_i conserves v_i² − ‖W_K_i‖²_F and W_K_i W_K_iᵀ − W_Q_i W_Q_iᵀ (R×R).
   */
  static double[] conserved(LinearAttentionFlow flow, double[] theta) {
    ParameterLayout layout = flow.layout();
    int heads = flow.heads();
    int rank = flow.rank();
    int d = flow.task().dimension();
    int v = layout.offset("v");
    List<Double> c = new ArrayList<>();
    if (rank == 0) {
      int kq = layout.offset("W_KQ");
      for (int i = 0; i < heads; i++) {
        for (int j = i; j < heads; j++) {
          c.add(dot(theta, kq + i * d * d, kq + j * d * d, d * d) - theta[v + i] * theta[v + j]);
        }
      }
    } else {
      int k = layout.offset("W_K");
      int q = layout.offset("W_Q");
      for (int i = 0; i < heads; i++) {
        int rows = k + i * rank * d;
        c.add(theta[v + i] * theta[v + i] - dot(theta, rows, rows, rank * d));
        for (int r = 0; r < rank; r++) {
          for (int s = r; s < rank; s++) {
            int kr = k + (i * rank + r) * d;
            int ks = k + (i * rank + s) * d;
            c.add(dot(theta, kr, ks, d) - dot(theta, kr - k + q, ks - k + q, d));
          }
        }
      }
    }
    return c.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double dot(double[] x, int i, int j, int n) {
    double s = 0;
    for (int k = 0; k < n; k++) {
      s += x[i + k] * x[j + k];
    }
    return s;
  }
}
