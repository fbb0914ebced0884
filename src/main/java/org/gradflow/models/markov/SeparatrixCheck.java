package org.gradflow.models.markov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckResult;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;

/**
 * markov.separatrix (spec §3.5, high precision): starts at e_sep(w0) ± δ for each δ, run on the
 * double path (Binary64, rtol {@code doubleRtol}) and the Dfp path ({@code digits}, rtol =
 * {@code rtolFactor}·δ), each until the trajectory itself shows its side (see
 * {@link SeparatrixStudy}). Expected: + → global, − → local. PASS iff the Dfp path is right for
 * every δ; the double path's results are reported (where it stops telling the sides apart).
 */
final class SeparatrixCheck {
  private SeparatrixCheck() {}

  static Check create(SpecSection c) {
    CheckConfig.allowOnly(c, "w0", "deltas", "digits", "rtolFactor", "doubleRtol", "tauMax", "mode");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double w0 = c.number("w0", -2);
    SpecSection ds = c.child("deltas");
    if (!ds.node().isArray() || ds.node().isEmpty()) {
      throw ds.error("must be a list of decimal strings, e.g. [\"1e-12\", \"1e-20\"]");
    }
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < ds.node().size(); i++) {
      deltas.add(ds.node().get(i).asText());
    }
    int digits = c.integer("digits", 40);
    double factor = c.number("rtolFactor", 0.1);
    double doubleRtol = c.number("doubleRtol", 1e-13);
    double tauMax = c.number("tauMax", 50);
    SeparatrixStudy.Mode mode = SeparatrixStudy.Mode.valueOf(c.text("mode", "ORBIT"));
    String id = c.text("id", "separatrix");
    return ctx -> {
      MarkovSource s = MarkovSpecs.source(ctx.spec(system, set).data());
      SeparatrixStudy study = new SeparatrixStudy(s);
      List<CheckResult> out = new ArrayList<>();
      boolean dfpAllRight = true;
      String doubleLimit = "right for every δ";
      DfpField field = new DfpField(digits);
      for (String d : deltas) {
        double delta = Double.parseDouble(d);
        StringBuilder got = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        boolean doubleRight = true;
        for (int side : new int[] {1, -1}) {
          Basin expected = side > 0 ? Basin.GLOBAL : Basin.LOCAL;
          SeparatrixStudy.Outcome dbl = study.classify(Binary64Field.getInstance(), mode, w0, side,
              new Binary64(delta), factor, doubleRtol, tauMax);
          SeparatrixStudy.Outcome hp = study.classify(field, mode, w0, side, field.newDfp(d), factor,
              Math.pow(10, -(digits - 8)), tauMax);
          doubleRight &= dbl.basin() == expected;
          dfpAllRight &= hp.basin() == expected;
          got.append(String.format(Locale.ROOT, "%s: double %s, Dfp %s; ", side > 0 ? "+δ" : "−δ",
              dbl.basin(), hp.basin()));
          notes.append(String.format(Locale.ROOT, "%s: double %d RHS %.2fs, Dfp %d RHS %.1fs; ",
              side > 0 ? "+δ" : "−δ", dbl.evaluations(), dbl.seconds(), hp.evaluations(), hp.seconds()));
        }
        if (!doubleRight && doubleLimit.startsWith("right")) {
          doubleLimit = "first wrong at δ = " + d;
        }
        double eps = 2 * Energy.separatrix(w0) * delta;
        out.add(CheckResult.report(id + " δ=" + d, "sides of the separatrix at w0=" + w0 + ", δ=" + d
            + " (passage time in flow time ≈ " + CheckResult.fmt(study.passageTime(eps)) + ")", "§3.5",
            "+δ: GLOBAL, −δ: LOCAL", got.toString(), notes + "mode " + mode + ", Dfp " + digits + " digits"));
      }
      out.add(CheckResult.condition(id + " Dfp", "Dfp path resolves every δ (double path: " + doubleLimit + ")",
          "§3.5", "all sides right", dfpAllRight ? "all sides right" : "some side wrong", dfpAllRight,
          "rtol per decade of distance r to the saddle: " + factor + "·δ/r², floored at " + doubleRtol + " (double) / 1e-" + (digits - 8) + " (Dfp)"));
      return out;
    };
  }
}
