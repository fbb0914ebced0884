package org.gradflow.models.markov;

import java.util.SplittableRandom;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.InitialState;

/**
 * Points of the full transformer's parameter space built from a few scalars (spec §3.11, §4):
 * the embedding Φ(e, w, b) of the canonical model, the rank-one manifold (e_t, e_p, w1, w2, b),
 * and the paper's "standard" and "good" initializations. α = 1_d/√d and u = 1_{4d}/√d (so
 * u ≥ 0, ‖u‖² = 4); attention matrices that the construction leaves free are N(0, scale²).
 */
public final class TransformerEmbedding {
  private TransformerEmbedding() {}

  /** Φ(e, w, b): e_vec = eα, p_n = −(e/2)α, W_V = 0, W_1 = |w|s_e uαᵀ, W_2 = w s_e αuᵀ. */
  public static double[] phi(MarkovTransformer m, double e, double w, double b, double attentionScale, long seed) {
    double se = e >= 0 ? 1 : -1;
    return rankOne(m, e, -e / 2, Math.abs(w) * se, w * se, b, attentionScale, seed);
  }

  /** The rank-one point (e_t, e_p, w1, w2, b) with W_V = 0 and random W_Q, W_K (and W_O). */
  public static double[] rankOne(MarkovTransformer m, double et, double ep, double w1, double w2, double b,
      double attentionScale, long seed) {
    ParameterLayout l = m.layout();
    int d = m.width();
    double a = 1 / Math.sqrt(d);
    double u = 1 / Math.sqrt(d);
    double[] th = new double[l.dimension()];
    SplittableRandom rng = new SplittableRandom(seed);
    for (String name : new String[] {"W_Q", "W_K", "W_O"}) {
      if (l.has(name)) {
        ParameterLayout.Block blk = l.block(name);
        for (int i = 0; i < blk.size(); i++) {
          th[blk.offset() + i] = attentionScale * InitialState.normal(rng);
        }
      }
    }
    fill(th, l.block("e"), et * a);
    fill(th, l.block("wpe"), ep * a);
    fill(th, l.block("W_1"), w1 * u * a);
    fill(th, l.block("W_2"), w2 * a * u);
    th[l.offset("b")] = b;
    return th;
  }

  /** The paper's standard init: N(0, 0.02²) everywhere, c_proj (W_O, W_2) N(0, 0.02²/2), b = 0. */
  public static double[] standard(MarkovTransformer m, long seed) {
    ParameterLayout l = m.layout();
    double[] th = new double[l.dimension()];
    SplittableRandom rng = new SplittableRandom(seed);
    for (ParameterLayout.Block blk : l.blocks()) {
      if (blk.name().equals("b")) {
        continue;
      }
      double s = blk.name().equals("W_O") || blk.name().equals("W_2") ? 0.02 / Math.sqrt(2) : 0.02;
      for (int i = 0; i < blk.size(); i++) {
        th[blk.offset() + i] = s * InitialState.normal(rng);
      }
    }
    return th;
  }

  /**
   * The paper's "good" init, June-27 binary-model constants (spec §4, §7.6): e = 0.5, p_n = −0.25,
   * W_1 = 1, W_2 = −1 (all entries), attention at its standard random init, b = 0.
   */
  public static double[] good(MarkovTransformer m, long seed) {
    double[] th = standard(m, seed);
    ParameterLayout l = m.layout();
    fill(th, l.block("e"), 0.5);
    fill(th, l.block("wpe"), -0.25);
    fill(th, l.block("W_1"), 1);
    fill(th, l.block("W_2"), -1);
    th[l.offset("b")] = 0;
    return th;
  }

  private static void fill(double[] th, ParameterLayout.Block b, double v) {
    java.util.Arrays.fill(th, b.offset(), b.offset() + b.size(), v);
  }
}
