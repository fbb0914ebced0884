package org.gradflow.gd;

import static org.gradflow.gd.GdWriter.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.RunResult;

/** report.md of a compare-gd session: runs, one line per comparison, event shifts, order check. */
final class GdReport {
  private GdReport() {}

  static List<String> lines(CompareGd.Result r, List<String> plots) {
    List<String> l = new ArrayList<>();
    l.add("# compare-gd: " + r.spec().name());
    l.add("");
    l.add(String.format(Locale.ROOT, "System `%s` (model `%s`, dimension %d); GD learning rate %s, %d steps, t = %s.",
        r.spec().file(), r.spec().model(), r.system().flow().layout().dimension(), fmt(r.settings().learningRate()),
        r.settings().steps(), fmt(r.settings().endTime())));
    l.add("");
    l.add("| run | outcome | steps | gradient / RHS evaluations | wall time |");
    l.add("|---|---|---|---|---|");
    if (r.gd() != null) {
      l.add(String.format(Locale.ROOT, "| GD | %s | %d | %d | %.3f s |", r.gd().outcome(), r.gd().finalStep(),
          r.gd().gradientEvaluations(), r.gd().wallSeconds()));
    }
    if (r.imported() != null) {
      l.add(String.format(Locale.ROOT, "| imported (%s) | — | %d snapshots | — | — |", r.imported().format(),
          r.imported().steps().length));
    }
    l.add(runLine("flow (" + r.flow().stats().method() + ", rtol " + fmt(r.flow().stats().rtol()) + ")", r.flow()));
    if (r.modified() != null) {
      l.add(runLine("modified flow", r.modified()));
    }
    l.add("");
    for (Comparison c : r.comparisons()) {
      Comparison.Summary s = c.summary(r.gdEvents());
      l.add(String.format(Locale.ROOT,
          "- **GD vs %s**: max deviation %s at t = %s; deviation at the end (t = %s) %s (relative %s); max |loss diff| %s; %d steps compared.",
          c.label(), fmt(s.maxDeviation()), fmt(s.timeOfMaxDeviation()), fmt(s.finalTime()), fmt(s.finalDeviation()),
          fmt(s.finalRelativeDeviation()), fmt(s.maxLossDifference()), s.comparedSteps()));
      for (Comparison.EventShift e : s.eventShifts()) {
        l.add(String.format(Locale.ROOT, "  - event `%s` #%d: GD t = %s, %s t = %s, shift %s", e.event(), e.occurrence(),
            fmt(e.gdTime()), c.label(), fmt(e.referenceTime()), fmt(e.shift())));
      }
    }
    if (r.lossCurve() != null) {
      l.add(String.format(Locale.ROOT, "- **imported loss vs flow loss**: max |difference| %s, at the end %s.",
          fmt(r.lossCurve().maxAbsDifference()), fmt(r.lossCurve().finalDifference())));
    }
    if (r.modified() != null && r.hvpMethod() != null) {
      l.add("- Hessian-vector products: " + r.hvpMethod()
          + (Double.isFinite(r.hvpErrorEstimate()) ? "; estimated relative error at θ0 " + fmt(r.hvpErrorEstimate()) : ""));
    }
    if (r.order() != null) {
      OrderCheck.OrderResult o = r.order();
      l.add("");
      l.add(String.format(Locale.ROOT, "## Order check at t = %s", fmt(o.time())));
      l.add("");
      l.add("| learning rate | steps | ‖GD − flow‖ | ‖GD − modified flow‖ |");
      l.add("|---|---|---|---|");
      for (int i = 0; i < o.learningRates().length; i++) {
        l.add(String.format(Locale.ROOT, "| %s | %d | %s | %s |", fmt(o.learningRates()[i]), o.steps()[i],
            fmt(o.deviationFromFlow()[i]), o.deviationFromModified() == null ? "—" : fmt(o.deviationFromModified()[i])));
      }
      l.add("");
      l.add("- GD vs flow: " + o.flowFit());
      if (o.modifiedFit() != null) {
        l.add("- GD vs modified flow: " + o.modifiedFit());
      }
      l.add(String.format(Locale.ROOT, "- order check wall time %.2f s", o.wallSeconds()));
    }
    if (!r.notes().isEmpty()) {
      l.add("");
      l.add("## Notes");
      r.notes().forEach(n -> l.add("- " + n));
    }
    l.add("");
    for (String p : plots) {
      l.add("![" + p + "](" + p + ")");
      l.add("");
      l.add("*" + p + ":* " + GdPlots.caption(r, p));
      l.add("");
    }
    return l;
  }

  private static String runLine(String name, RunResult run) {
    return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f s |", name, run.outcome(), run.stats().acceptedSteps(),
        run.stats().rhsEvaluations(), run.stats().wallSeconds());
  }
}
