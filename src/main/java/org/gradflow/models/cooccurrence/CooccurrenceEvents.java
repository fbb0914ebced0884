package org.gradflow.models.cooccurrence;

import java.util.List;
import org.gradflow.spec.EventSpec;
import org.gradflow.integrate.Direction;

/**
 * The built-in events of spec §7, each a threshold crossing of one observable of
 * {@link CooccurrenceObservables}. Persistence (did the sign flip back later?) is recorded by
 * the integrator's event log.
 */
final class CooccurrenceEvents {
  private CooccurrenceEvents() {}

  static List<EventSpec> all(int m) {
    return List.of(
        EventSpec.of("E_sign", "signAlignment", 0, Direction.UP, false,
            "MLP sign alignment min(G1, G2, −G3) > 0 (Thm 3.1 item 1)"),
        EventSpec.of("E_margin", "minMargin", 0, Direction.UP, false,
            "all training samples correctly classified, min_i y_i F_i > 0"),
        EventSpec.of("E_T1", "phaseOneEnd", 0, Direction.UP, false,
            "end of Phase 1: min(min_i y_iF_i, G1, G2, −G3) > 0 = max(t_sign, t_margin) (Thm 3.1)"),
        EventSpec.of("E_T1(C=0.1)", "phaseOneEndC01", 0, Direction.UP, false,
            "variant of E_T1 with min_i y_iF_i > 0.1"),
        EventSpec.of("E_T0.5", "commonTokenCrossover", 0, Direction.UP, false,
            "common-token crossover −Ġ3 > max(Ġ1, Ġ2) (Lemma 4.3 / Thm E.19)"),
        EventSpec.of("E_bump_2", "lossPeak2", 0, Direction.UP, false,
            "peak of the type-2 mean loss (Fig. 1(b), Lemmas 4.2/4.3)"),
        EventSpec.of("E_bump_3", "lossPeak3", 0, Direction.UP, false,
            "peak of the type-3 mean loss (Fig. 1(b), Lemmas 4.2/4.3)"),
        EventSpec.of("E_attn", "attentionTrend", 0, Direction.UP, false,
            "KQ21, KQ12 increasing and KQ31, KQ32 decreasing (Thm 3.2 item 1, Lemma F.16)"),
        EventSpec.of("E_value", "valueTrend", 0, Direction.UP, false,
            "VV12, VV11, VV22 increasing and VV13, VV23 decreasing (Thm 3.2 item 2, Cor. F.13)"),
        EventSpec.of("E_AND", "andMargin", 0, Direction.UP, false,
            "AND-logic margins of the MLP alone (Thm 3.2 item 4)"),
        EventSpec.of("E_F1", "phaseTwoInvariants", 0, Direction.UP, false,
            "checkable core of Def. F.1 holds (margins, S-ordering, S2/S3 in [1/2, 2])"),
        EventSpec.of("E_T2", "phaseTwoHealth", 0, Direction.DOWN, false,
            "Def. F.1 violated, or max|p − p(0)| ≥ 1/L², or max|G_k| > 3 log m (diagnostic)"),
        EventSpec.of("E_box", "boxDrift", 1, Direction.UP, false,
            "per-neuron MLP outputs leave the Def. E.2 box of radius 1/m1"),
        EventSpec.of("E_T*", "loss", 1.0 / m, Direction.DOWN, false,
            "near-minimum loss L̂ < 1/m (Thm 3.3 / F.20)"),
        EventSpec.of("E_T*(1/m^2)", "loss", 1.0 / ((double) m * m), Direction.DOWN, false,
            "near-minimum loss L̂ < 1/m²"));
  }
}
