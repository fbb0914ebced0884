package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.gradflow.core.Observable;

/**
 * The observables of spec §12.4 and the event functions of §7, by name. Words are 1-based in
 * names like the paper (µ1, µ2, µ3): {@code KQ21} is the score with key µ2 and query µ1,
 * {@code dKQ21} its change since t = 0; {@code VV12}, {@code KK12}, {@code QQ12} are Gram entries.
 * Every event function is defined so that the event is an upward (or downward) crossing of 0.
 * Each observable brings up to date only the {@link Probe} group it reads (see Probe for what
 * each costs), so a watched event function costs its own group, not the whole row.
 */
final class CooccurrenceObservables {
  private CooccurrenceObservables() {}

  static List<Observable> build(Probe p) {
    List<Observable> o = new ArrayList<>();
    for (int t = 1; t <= 4; t++) {
      int type = t;
      o.add(state(p, "lossType" + t, () -> p.typeLoss[type]));
    }
    o.add(state(p, "minMargin", () -> p.minMargin));
    for (int x = 0; x < 3; x++) {
      int w = x;
      o.add(state(p, "G" + (x + 1), () -> p.gk[w]));
    }
    o.add(of(p::randomWords, "maxAbsGRandom", () -> p.maxAbsGRandom));
    o.add(state(p, "U", () -> p.u2));
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        int a = x;
        int b = y;
        String ab = "" + (x + 1) + (y + 1);
        o.add(of(p::grams, "KQ" + ab, () -> p.kq[a * 3 + b]));
        o.add(of(p::grams, "dKQ" + ab, () -> p.kqChange(a, b)));
      }
    }
    for (int x = 0; x < 3; x++) {
      for (int y = x; y < 3; y++) {
        int a = x;
        int b = y;
        String ab = "" + (x + 1) + (y + 1);
        o.add(of(p::grams, "VV" + ab, () -> p.vv[a * 3 + b]));
        o.add(of(p::grams, "dVV" + ab, () -> p.vvChange(a, b)));
        o.add(of(p::grams, "KK" + ab, () -> p.kk[a * 3 + b]));
        o.add(of(p::grams, "dKK" + ab, () -> p.kkChange(a, b)));
        o.add(of(p::grams, "QQ" + ab, () -> p.qq[a * 3 + b]));
        o.add(of(p::grams, "dQQ" + ab, () -> p.qqChange(a, b)));
      }
    }
    for (int t = 1; t <= 4; t++) {
      int type = t;
      o.add(state(p, "S" + t, () -> p.typeG[type]));
    }
    o.add(state(p, "S2overS3", () -> p.typeG[2] / p.typeG[3]));
    o.add(state(p, "R", () -> (p.typeG[2] + p.typeG[3] + p.typeG[4] - p.typeG[1])
        / (p.typeG[1] - p.typeG[2])));
    for (int x = 0; x < 3; x++) {
      int w = x;
      o.add(rate(p, "Gdot" + (x + 1), () -> p.gdot[w]));
    }
    o.add(rate(p, "gradientRatio", () -> -p.gdot[2] / Math.max(p.gdot[0], p.gdot[1])));
    o.add(rate(p, "kappa", () -> p.thetaDotNorm2 / (p.u2 * p.loss * p.loss)));
    o.add(ofFlow(p::marginRates, "lossRateType2", () -> p.typeLossRate[2]));
    o.add(ofFlow(p::marginRates, "lossRateType3", () -> p.typeLossRate[3]));
    o.add(state(p, "attentionDrift", () -> p.attentionDrift));
    // Def. E.2 item 1: max_j,k |a_j w_jᵀW_Vµ_k(t) − (0)| in units of 1/m1 (box exit at 1)
    o.add(of(p::neurons, "boxDrift", () -> p.neuronDrift * p.m1()));
    if (p.tracksInvariants()) {
      o.add(of(p::invariants, "c1Drift", () -> p.c1Drift));
      o.add(of(p::invariants, "c2Drift", () -> p.c2Drift));
    }
    o.add(ofFlow(p::identityRates, "eq4Residual", p::eq4Residual));
    o.add(rate(p, "eq5Residual", p::eq5Residual));
    o.add(ofFlow(p::identityRates, "f11Residual", p::f11Residual));
    o.add(ofFlow(p::marginRates, "energyResidual", p::energyResidual));
    o.addAll(eventFunctions(p));
    return o;
  }

  /** The continuous event functions of §7 (each event is a crossing of 0). */
  private static List<Observable> eventFunctions(Probe p) {
    List<Observable> o = new ArrayList<>();
    o.add(state(p, "signAlignment", () -> sign(p)));
    o.add(state(p, "phaseOneEnd", () -> Math.min(p.minMargin, sign(p))));
    o.add(state(p, "phaseOneEndC01", () -> Math.min(p.minMargin - 0.1, sign(p))));
    o.add(rate(p, "commonTokenCrossover", () -> -p.gdot[2] - Math.max(p.gdot[0], p.gdot[1])));
    o.add(ofFlow(p::marginRates, "lossPeak2", () -> -p.typeLossRate[2]));
    o.add(ofFlow(p::marginRates, "lossPeak3", () -> -p.typeLossRate[3]));
    o.add(rate(p, "attentionTrend", () -> min(p.kqdot[1 * 3 + 0], p.kqdot[0 * 3 + 1],
        -p.kqdot[2 * 3 + 0], -p.kqdot[2 * 3 + 1])));
    o.add(rate(p, "valueTrend", () -> min(p.vvdot[0 * 3 + 1], -p.vvdot[0 * 3 + 2],
        -p.vvdot[1 * 3 + 2], p.vvdot[0], p.vvdot[1 * 3 + 1])));
    o.add(state(p, "andMargin", () -> min(sign(p), p.gk[0] + p.gk[1] + p.gk[2],
        -(p.gk[0] + p.gk[2]), -(p.gk[1] + p.gk[2]))));
    o.add(state(p, "phaseTwoInvariants", () -> phaseTwo(p)));
    o.add(state(p, "phaseTwoHealth", () -> min(phaseTwo(p),
        1.0 / (p.len() * p.len()) - p.attentionDrift,
        3 * Math.log(p.m()) - Math.max(Math.abs(p.gk[0]), Math.max(Math.abs(p.gk[1]), Math.abs(p.gk[2]))))));
    return o;
  }

  /** min(G1, G2, −G3): positive once the MLP is aligned (Thm 3.1 item 1). */
  private static double sign(Probe p) {
    return min(p.gk[0], p.gk[1], -p.gk[2]);
  }

  /** The checkable core of Def. F.1: margins > 0, S-ordering, 1/2 ≤ S2/S3 ≤ 2. */
  private static double phaseTwo(Probe p) {
    double s1 = p.typeG[1];
    double s2 = p.typeG[2];
    double s3 = p.typeG[3];
    double s4 = p.typeG[4];
    return min(p.minMargin, Math.min(s2, s3) - s4, s1 - Math.max(s2, s3), s2 + s3 + s4 - s1,
        2 - s2 / s3, 2 - s3 / s2);
  }

  private static double min(double... v) {
    double mn = Double.POSITIVE_INFINITY;
    for (double x : v) {
      mn = Math.min(mn, x);
    }
    return mn;
  }

  /** A function of the forward-pass group. */
  private static Observable state(Probe p, String name, DoubleSupplier f) {
    return of(p::state, name, f);
  }

  /** A function of the θ̇ dot-product group. */
  private static Observable rate(Probe p, String name, DoubleSupplier f) {
    return ofFlow(p::rates, name, f);
  }

  /** Reads f after bringing one θ-group of the probe up to date. */
  private static Observable of(Consumer<double[]> group, String name, DoubleSupplier f) {
    return Observable.of(name, th -> {
      group.accept(th);
      return f.getAsDouble();
    });
  }

  /** Reads f after bringing one (θ, θ̇)-group of the probe up to date. */
  private static Observable ofFlow(BiConsumer<double[], double[]> group, String name, DoubleSupplier f) {
    return Observable.ofFlow(name, (th, td) -> {
      group.accept(th, td);
      return f.getAsDouble();
    });
  }
}
