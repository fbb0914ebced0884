package org.gradflow.models.markov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;

/**
 * markov.basinGrid (spec §6.1 basin-map test): integrate every cell centre of an n×n grid over
 * [−r, r]² (cell centres never lie on e = 0 or w = 0 for even n), classify each run by its final
 * loss, and compare with the region formulas of §3.5. Cells within {@code band} of the separatrix
 * (in |e|) are excluded. PASS iff every remaining cell agrees. Runs are not written to disk.
 */
final class BasinGridCheck {
  private BasinGridCheck() {}

  static Check create(SpecSection c) {
    CheckConfig.allowOnly(c, "n", "range", "band");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    int n = c.integer("n", 20);
    double range = c.number("range", 3);
    double band = c.number("band", 1e-3);
    if (n < 2 || n % 2 != 0) {
      throw c.error("n", "must be an even number >= 2 (cell centres then avoid e = 0 and w = 0), got " + n);
    }
    String id = c.text("id", "basinGrid");
    return ctx -> {
      SystemSpec base = ctx.spec(system, set);
      MarkovSource s = MarkovSpecs.source(base.data());
      BasinPredictor predictor = new BasinPredictor(s);
      int agree = 0;
      int excluded = 0;
      int total = 0;
      long evaluations = 0;
      long start = System.nanoTime();
      List<String> disagreements = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double w = -range + (i + 0.5) * 2 * range / n;
          double e = -range + (j + 0.5) * 2 * range / n;
          total++;
          if (nearSeparatrix(s, e, w, band)) {
            excluded++;
            continue;
          }
          List<String> o = new ArrayList<>(set);
          o.add("init.explicit.e=" + e);
          o.add("init.explicit.w=" + w);
          RunResult r = MarkovChecks.runQuietly(ctx.spec(system, o));
          evaluations += r.stats().rhsEvaluations();
          Basin measured = classify(s, r);
          Basin predicted = predictor.basin(e, w);
          if (measured == predicted) {
            agree++;
          } else {
            disagreements.add(String.format(Locale.ROOT, "(e,w)=(%.3g,%.3g) predicted %s got %s", e, w,
                predicted, measured));
          }
        }
      }
      double wall = (System.nanoTime() - start) * 1e-9;
      int compared = total - excluded;
      String note = String.format(Locale.ROOT, "%d×%d grid on [-%s,%s]², %d cells within %s of the separatrix "
          + "excluded, %d RHS evaluations, %.1f s%s", n, n, range, range, excluded, band, evaluations, wall,
          disagreements.isEmpty() ? "" : "; disagree: " + String.join("; ", disagreements));
      return List.of(CheckResult.condition(id, String.format(Locale.ROOT,
              "basin agreement, p=%s q=%s (p+q%s1)", s.p(), s.q(), s.subcritical() ? "<" : ">"), "§3.5, §6.1",
          "100% of " + compared + " cells", String.format(Locale.ROOT, "%d/%d = %.2f%%", agree, compared,
              100.0 * agree / compared), agree == compared, note));
    };
  }

  static boolean nearSeparatrix(MarkovSource s, double e, double w, double band) {
    boolean onBranch = s.subcritical() ? w < Energy.SADDLE_W : (w > Energy.SADDLE_W && w < 0);
    return onBranch && Math.abs(Math.abs(e) - Energy.separatrix(w)) < band;
  }

  /** Basin from the end of a run: loss at the entropy rate → global; at H(π) with e ≈ 0 → local. */
  static Basin classify(MarkovSource s, RunResult r) {
    double[] end = r.finalState();
    double l = r.system().flow().loss(end);
    if (Math.abs(l - s.entropyRate()) < 1e-4) {
      return Basin.GLOBAL;
    }
    if (Math.abs(l - s.unigramEntropy()) < 1e-3 && Math.abs(end[0]) < 1e-3) {
      return Basin.LOCAL;
    }
    return Basin.SEPARATRIX;
  }
}
