package org.gradflow.validate;


/**
 * One line of a validation report: what the theory predicts, what the run measured, the
 * tolerance, the verdict, and where the prediction comes from (theorem, lemma, equation).
 */
public record CheckResult(
    String id,
    String title,
    String source,
    String predicted,
    String measured,
    String tolerance,
    Verdict verdict,
    String note) {

  /** |measured − predicted| ≤ relTol·|predicted|. */
  public static CheckResult relative(String id, String title, String source,
      double predicted, double measured, double relTol, String note) {
    double err = Math.abs(measured - predicted) / Math.abs(predicted);
    boolean ok = err <= relTol;
    return new CheckResult(id, title, source, fmt(predicted), fmt(measured),
        "rel " + fmt(relTol) + " (got " + fmt(err) + ")", ok ? Verdict.PASS : Verdict.FAIL, note);
  }

  /** |measured − predicted| ≤ absTol. */
  public static CheckResult absolute(String id, String title, String source,
      double predicted, double measured, double absTol, String note) {
    double err = Math.abs(measured - predicted);
    boolean ok = err <= absTol;
    return new CheckResult(id, title, source, fmt(predicted), fmt(measured),
        "abs " + fmt(absTol) + " (got " + fmt(err) + ")", ok ? Verdict.PASS : Verdict.FAIL, note);
  }

  /** A predicate with its own words for predicted and measured. */
  public static CheckResult condition(String id, String title, String source,
      String predicted, String measured, boolean ok, String note) {
    return new CheckResult(id, title, source, predicted, measured, "—",
        ok ? Verdict.PASS : Verdict.FAIL, note);
  }

  /** A report-only line (asymptotics, soft statements): never fails. */
  public static CheckResult report(String id, String title, String source,
      String predicted, String measured, String note) {
    return new CheckResult(id, title, source, predicted, measured, "—", Verdict.REPORT, note);
  }

  public static String fmt(double v) {
    return org.gradflow.io.Numbers.format(v);
  }
}
