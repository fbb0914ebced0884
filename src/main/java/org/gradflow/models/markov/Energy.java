package org.gradflow.models.markov;

import org.hipparchus.CalculusFieldElement;

/**
 * The conserved energy of the 2-D flow (spec §3.3), E(e,w) = e² − w² − sign(w)·log|w|, its value
 * at the degenerate saddle (0, −1/√2), and the separatrix e_sep(w) it defines for w &lt; 0 (§3.5).
 */
public final class Energy {
  /** w of the saddle, where 1 + 2w|w| = 0. */
  public static final double SADDLE_W = -Math.sqrt(0.5);
  /** E_s = E(0, −1/√2) = −(1 + log 2)/2. */
  public static final double SADDLE_ENERGY = -(1 + Math.log(2)) / 2;

  private Energy() {}

  /**
   * E(e, w). The line w = 0 is invariant and E is undefined there (log 0); on it this returns
   * e², which is what callers get for the w = 0 runs (they are classified separately).
   */
  public static double of(double e, double w) {
    if (w == 0) {
      return e * e;
    }
    return e * e - w * w - Math.signum(w) * Math.log(Math.abs(w));
  }

  public static <T extends CalculusFieldElement<T>> T of(T e, T w) {
    if (w.getReal() == 0) {
      return e.square();
    }
    T log = w.abs().log();
    return e.square().subtract(w.square()).subtract(w.getReal() > 0 ? log : log.negate());
  }

  /** e² on the level set E = energy at this w (may be negative: no point of the set there). */
  public static double eSquaredOnLevel(double energy, double w) {
    return energy + w * w + Math.signum(w) * Math.log(Math.abs(w));
  }

  /** e_sep(w) = sqrt(w² − log|w| − (1 + log 2)/2) for w &lt; 0: the level set E = E_s. */
  public static double separatrix(double w) {
    if (!(w < 0)) {
      throw new IllegalArgumentException("the separatrix is defined for w < 0, got " + w);
    }
    return Math.sqrt(Math.max(0, eSquaredOnLevel(SADDLE_ENERGY, w)));
  }
}
