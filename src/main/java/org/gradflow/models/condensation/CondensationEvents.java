package org.gradflow.models.condensation;

import java.util.List;
import org.gradflow.spec.EventSpec;
import org.gradflow.integrate.Direction;

/** The detectors of spec §5 with their ε-independent O(1) thresholds. */
final class CondensationEvents {
  private CondensationEvents() {}

  static final String A1_ONSET = "A1_ONSET";
  static final String COND_V = "COND_V";
  static final String RANK1_W1 = "RANK1_W1";
  static final String RANK1_WV = "RANK1_WV";
  static final String ESCAPE = "ESCAPE";
  static final String PLATEAU = "PLATEAU";
  static final String KQ_ACTIVE = "KQ_ACTIVE";
  static final String RANK_COLLAPSE_M = "RANK_COLLAPSE_M";
  static final String RANK_COLLAPSE_Q = "RANK_COLLAPSE_Q";
  static final String ALIGN_F = "ALIGN_F";
  static final String FURTHER = "FURTHER";

  static List<EventSpec> all() {
    return List.of(
        EventSpec.of(A1_ONSET, "a1Min", 0, Direction.UP, false,
            "Assumption 1 starts to hold (Prop. 4); ε·t_A1 is ε-independent"),
        EventSpec.of(COND_V, "kappaV", 0.99, Direction.UP, false,
            "W_V condenses onto v (Thm 2); ε·t_cond → (n s/|u|) t̄_cond"),
        EventSpec.of(RANK1_W1, "sigmaRatioW1", 0.01, Direction.DOWN, false, "W1 effectively rank one"),
        EventSpec.of(RANK1_WV, "sigmaRatioWV", 0.01, Direction.DOWN, false, "W_V effectively rank one"),
        EventSpec.of(ESCAPE, "outerNorm", 0.3, Direction.UP, false,
            "blow-up of Eq. (7) seen in real time; ε·t_esc → (n s/|u|) T̄*"),
        EventSpec.of(PLATEAU, "gradOutLogRate", 0, Direction.UP, false,
            "|∇_out L| passes its minimum: the outer blocks are quasi-stationary (Assumption 2)"),
        EventSpec.of(KQ_ACTIVE, "normM", 1e-2, Direction.UP, false,
            "attention becomes active; t_kq − t_esc = ln(1/ε)/σ1(F*) + const"),
        EventSpec.of(RANK_COLLAPSE_M, "sigmaRatioM", 0.05, Direction.DOWN, false,
            "onset of rank collapse of M = W_Q W_Kᵀ (Thm 3); t_rank − t_esc is ε-independent"),
        EventSpec.of(RANK_COLLAPSE_Q, "sigmaRatioQ", 0.1, Direction.DOWN, false, "onset of rank collapse of W_Q"),
        EventSpec.of(ALIGN_F, "alignF", 0.999, Direction.UP, false,
            "M's top singular pair aligns with F's"),
        EventSpec.of(FURTHER, "normM", 3, Direction.UP, true, "end of stage 2: further training (terminal)"));
  }
}
