package org.gradflow.validate;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.integrate.RunResult;

/**
 * A verdict needs data: a PASS computed from a run that FAILED (its samples stop early, or there
 * are none) or from a measurement that is not a number is turned into a FAIL that says why.
 * Report-only lines stay report-only, with the same warning in their note.
 */
final class NoVerdictWithoutData {
  private NoVerdictWithoutData() {}

  static List<CheckResult> apply(List<CheckResult> lines, List<RunResult> runs) {
    String why = null;
    for (RunResult r : runs) {
      if (r.failed() || r.trajectory().size() == 0) {
        why = "run " + r.spec().name() + " " + r.outcome() + " (" + r.trajectory().size() + " samples): "
            + r.reason();
        break;
      }
    }
    List<CheckResult> out = new ArrayList<>();
    for (CheckResult c : lines) {
      String because = why != null ? why
          : c.measured() != null && c.measured().contains("NaN") ? "the measured value is not a number" : null;
      if (because == null || c.verdict() == Verdict.FAIL) {
        out.add(c);
        continue;
      }
      String note = "no verdict without data: " + because + (c.note().isEmpty() ? "" : "; " + c.note());
      out.add(new CheckResult(c.id(), c.title(), c.source(), c.predicted(), c.measured(), c.tolerance(),
          c.verdict() == Verdict.PASS ? Verdict.FAIL : c.verdict(), note));
    }
    return out;
  }
}
