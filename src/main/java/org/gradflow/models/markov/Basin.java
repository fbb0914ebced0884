package org.gradflow.models.markov;

/** Where a 2-D trajectory ends (spec §3.5). */
public enum Basin {
  /** the global-minimum curve Δ = Δ*, loss = entropy rate (I_*) */
  GLOBAL,
  /** the line e = 0 of unigram local minima, loss = H(π) (I_min) */
  LOCAL,
  /** exactly on the separatrix: converges to the saddle (0, −1/√2) */
  SEPARATRIX,
  /** e0 = 0: the start is itself a critical point */
  FIXED
}
