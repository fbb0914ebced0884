package org.gradflow.models.cooccurrence;

import java.util.Locale;

/**
 * Initialization scales of spec §4.4 / §9.2. W ~ N(0, σ1²); W_V, W_K, W_Q ~ N(0, σ0²) (TD: the
 * uniform law of PyTorch's default nn.Linear init with the same σ); a ~ Uniform{±1}, fixed.
 */
public enum InitPreset {
  /** Strict theory (Condition 1): σ0 = 0.02/√(Lm), σ1 = 1/√m1. */
  ST("ST"),
  /** App.-A sizes with small init, unique random words: σ0 = 0.1/√(Lm), σ1 = 0.1/√m1. */
  AS_U("AS-u"),
  /** The same scales as AS-u (the data differs: words with replacement). */
  AS_R("AS-r"),
  /** Kaiming-normal with fan_in = input width: σ0 = √(2/d), σ1 = √(2/m). */
  KN("KN"),
  /** PyTorch default U(±1/√fan_in): σ0 = 1/√(3d), σ1 = 1/√(3m); sampled uniform. */
  TD("TD"),
  /** σ0 and σ1 given explicitly. */
  FREE("free");

  private final String label;

  InitPreset(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static InitPreset parse(String s) {
    for (InitPreset p : values()) {
      if (p.label.toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown init preset '" + s
        + "' (expected ST, AS-u, AS-r, KN, TD or free)");
  }

  /** σ0 for the attention and value matrices (NaN for FREE). */
  public double sigma0(int len, int d, int m) {
    return switch (this) {
      case ST -> 0.02 / Math.sqrt((double) len * m);
      case AS_U, AS_R -> 0.1 / Math.sqrt((double) len * m);
      case KN -> Math.sqrt(2.0 / d);
      case TD -> 1.0 / Math.sqrt(3.0 * d);
      case FREE -> Double.NaN;
    };
  }

  /** σ1 for the MLP hidden layer W (NaN for FREE). */
  public double sigma1(int m, int m1) {
    return switch (this) {
      case ST -> 1.0 / Math.sqrt(m1);
      case AS_U, AS_R -> 0.1 / Math.sqrt(m1);
      case KN -> Math.sqrt(2.0 / m);
      case TD -> 1.0 / Math.sqrt(3.0 * m);
      case FREE -> Double.NaN;
    };
  }

  /** Whether entries are uniform on [−√3σ, √3σ] (PyTorch default) instead of Gaussian. */
  public boolean uniform() {
    return this == TD;
  }
}
