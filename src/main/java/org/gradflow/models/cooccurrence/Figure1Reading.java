package org.gradflow.models.cooccurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.RunView;

/**
 * Plain-words reading of a run against Figure 1 (§6.3–6.4): where Phase 1 ends, whether the
 * one-target losses rise then fall inside Phase 1, whether the scores move as Thm 3.2 says. It
 * says so plainly when a run (typically a Kaiming-type preset) does not reproduce the figure.
 */
final class Figure1Reading {
  private Figure1Reading() {}

  static List<String> describe(RunResult r, Instance inst) {
    List<String> out = new ArrayList<>();
    RunView v = r.view();
    double tSign = v.firstTime("E_sign");
    double tMargin = v.firstTime("E_margin");
    double t1 = v.firstTime("E_T1");
    out.add(String.format(Locale.ROOT, "- T1 (E_T1, the " + Figure1Writer.T1_COLOUR + " line; red in the paper) = %s; sign alignment E_sign at %s; all margins > 0 (E_margin) at %s.",
        fmt(t1), fmt(tSign), fmt(tMargin)));
    if (Double.isFinite(tSign) && Double.isFinite(tMargin) && tMargin < tSign) {
      out.add("- **Order reversed:** all margins turned positive before the MLP signs aligned: "
          + "this run is outside the theorem's regime (§7 note 0).");
    }
    for (int k = 2; k <= 3; k++) {
      EventRecord bump = v.firstEvent("E_bump_" + k);
      double l0 = v.first("lossType" + k);
      if (bump == null) {
        out.add(String.format(Locale.ROOT, "- **Type-%d loss: no rise-then-fall** (no E_bump_%d): ℓ̄_%d falls from %.4g "
            + "without the bump of Fig. 1(b). This run does not reproduce the paper's green/red curves.", k, k, k, l0));
      } else {
        double peak = bump.values().get("lossType" + k);
        boolean above = peak > l0;
        boolean inPhase1 = Double.isFinite(t1) && bump.time() < t1;
        out.add(String.format(Locale.ROOT, "- Type-%d loss peaks at t = %.4g with ℓ̄_%d = %.4g (from %.4g at t = 0)%s%s.",
            k, bump.time(), k, peak, l0, above ? ", a rise then fall as in Fig. 1(b)" : ", **not above its start: no visible bump**",
            inPhase1 ? ", inside Phase 1" : ", **not inside Phase 1 (the paper has it before T1)**"));
      }
    }
    double d21 = v.last("dKQ21");
    double d12 = v.last("dKQ12");
    double d31 = v.last("dKQ31");
    double d32 = v.last("dKQ32");
    boolean signs = d21 > 0 && d12 > 0 && d31 < 0 && d32 < 0;
    out.add(String.format(Locale.ROOT, "- Score changes at t_end: ΔKQ21 = %.3g, ΔKQ12 = %.3g, ΔKQ31 = %.3g, ΔKQ32 = %.3g (initial |KQ| scale %.3g): %s.",
        d21, d12, d31, d32, Math.abs(v.first("KQ21")) + Math.abs(v.first("KQ31")),
        signs ? "target–target up, common-key down, as in Fig. 1(a)" : "**not the pattern of Fig. 1(a)**"));
    if (inst.init().equals("KN") || inst.init().equals("TD")) {
      out.add("- Kaiming-type preset (" + inst.init() + "): the paper says only \"Kaiming initialization\"; "
          + "this literal reading has |F(0)| and random-word G far from 0, outside Condition 1 (§4.4, §6.5).");
    }
    return out;
  }

  private static String fmt(double t) {
    return Double.isFinite(t) ? String.format(Locale.ROOT, "%.4g", t) : "not located (never fired, or not in params.builtinEvents)";
  }
}
