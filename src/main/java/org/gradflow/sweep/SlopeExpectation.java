package org.gradflow.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradflow.core.LeastSquaresLine;
import org.gradflow.plot.Charts;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.Verdict;
import org.knowm.xchart.XYChart;

/**
 * "slope = p ± tol": least-squares line of yScale(y) against xScale(x) over the finished points
 * ({@link LeastSquaresLine}, over Hipparchus SimpleRegression), with the slope's confidence interval. log/log gives a
 * power law's exponent; y against ln(1/ε) gives the coefficient of an escape time ∝ log(1/ε).
 * PASS if |slope − predicted| ≤ tolerance; without a tolerance, PASS if the predicted slope lies
 * in the confidence interval. The predicted line has the predicted slope and, unless
 * {@code predictedIntercept} is given, passes through the centroid of the measured points.
 */
public record SlopeExpectation(
    String id, String title, String source, Quantity x, Scale xScale, Quantity y, Scale yScale,
    double predicted, Double tolerance, double confidence, Double predictedIntercept)
    implements Expectation {

  private static final Set<String> FIELDS = Set.of("type", "id", "title", "source", "x", "xScale", "y", "yScale",
      "predicted", "tolerance", "confidence", "predictedIntercept");

  static SlopeExpectation parse(SpecSection s, String defaultId) {
    Expectation.checkFields(s, FIELDS);
    Quantity x = Quantity.parse(s.child("x"));
    Quantity y = Quantity.parse(s.child("y"));
    Scale xs = Scale.parse(s, "xScale", Scale.LOG);
    Scale ys = Scale.parse(s, "yScale", Scale.LOG);
    double predicted = s.number("predicted");
    Double tol = Expectation.positiveOrNull(s, "tolerance");
    double conf = s.number("confidence", 0.95);
    if (!(conf > 0 && conf < 1)) {
      throw s.error("confidence", "must be in (0, 1), got " + conf);
    }
    Double b0 = s.has("predictedIntercept") ? s.number("predictedIntercept") : null;
    String id = s.text("id", defaultId);
    String title = s.text("title", "slope of " + ys.label(y.label()) + " vs " + xs.label(x.label())
        + " = " + CheckResult.fmt(predicted) + (tol != null ? " ± " + CheckResult.fmt(tol) : ""));
    return new SlopeExpectation(id, title, s.text("source", ""), x, xs, y, ys, predicted, tol, conf, b0);
  }

  @Override
  public ExpectationResult evaluate(List<PointValues> points) {
    LeastSquaresLine reg = new LeastSquaresLine();
    List<double[]> used = new ArrayList<>();
    int skipped = 0;
    for (PointValues p : points) {
      double u = xScale.apply(x.at(p));
      double v = yScale.apply(y.at(p));
      if (Double.isFinite(u) && Double.isFinite(v)) {
        reg.add(u, v);
        used.add(new double[] {u, v});
      } else {
        skipped++;
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("x", xScale.label(x.label()));
    details.put("y", yScale.label(y.label()));
    details.put("points", used.size());
    details.put("skippedUndefined", skipped);
    String tolWords = tolerance != null ? "abs " + CheckResult.fmt(tolerance) : percent(confidence) + " CI";
    if (used.size() < 3 || distinctX(used) < 2) {
      CheckResult c = new CheckResult(id, title, source, CheckResult.fmt(predicted),
          "not enough points (" + used.size() + " with defined x and y, at least 3 over 2 x values)",
          tolWords, Verdict.FAIL, skipped > 0 ? skipped + " point(s) undefined" : "");
      return new ExpectationResult(c, details, Map.of(), Map.of(), null);
    }
    double slope = reg.slope();
    double half = reg.slopeHalfWidth(1 - confidence);
    double intercept = reg.intercept();
    boolean inCi = Math.abs(slope - predicted) <= half;
    boolean pass = tolerance != null ? Math.abs(slope - predicted) <= tolerance : inCi;
    details.put("slope", slope);
    details.put("slopeCiHalfWidth", half);
    details.put("confidence", confidence);
    details.put("intercept", intercept);
    details.put("rSquare", reg.rSquared());
    details.put("predictedSlope", predicted);
    details.put("predictedInConfidenceInterval", inCi);
    String measured = CheckResult.fmt(slope) + " ± " + CheckResult.fmt(half) + " (" + percent(confidence)
        + " CI, n = " + used.size() + ", R² = " + String.format(java.util.Locale.ROOT, "%.4f", reg.rSquared()) + ")";
    String tol = tolerance != null ? "abs " + CheckResult.fmt(tolerance) + " (got " + CheckResult.fmt(Math.abs(slope - predicted)) + ")"
        : tolWords;
    boolean exact = half <= 1e-9 * Math.max(1, Math.abs(slope));
    String note = (exact ? "points on a line to rounding (CI width ≈ 0)"
        : inCi ? "predicted slope inside the CI" : "predicted slope outside the CI")
        + (skipped > 0 ? "; " + skipped + " point(s) undefined, left out" : "");
    CheckResult c = new CheckResult(id, title, source, CheckResult.fmt(predicted), measured, tol,
        pass ? Verdict.PASS : Verdict.FAIL, note);
    double mx = used.stream().mapToDouble(q -> q[0]).average().orElse(0);
    double my = used.stream().mapToDouble(q -> q[1]).average().orElse(0);
    double b0 = predictedIntercept != null ? predictedIntercept : my - predicted * mx;
    return new ExpectationResult(c, details, Map.of(), Map.of(), chart(used, intercept, slope, b0));
  }

  static String percent(double fraction) {
    return java.math.BigDecimal.valueOf(100 * fraction).round(new java.math.MathContext(6)).stripTrailingZeros()
        .toPlainString() + "%";
  }

  private static int distinctX(List<double[]> used) {
    return (int) used.stream().mapToDouble(p -> p[0]).distinct().count();
  }

  /** Points and lines in the original units on log axes where the scale is log, else transformed. */
  private XYChart chart(List<double[]> used, double a, double b, double b0) {
    boolean logX = xScale == Scale.LOG;
    boolean logY = yScale == Scale.LOG;
    XYChart c = Charts.lines(id + ": " + title, xScale.label(x.label()), yScale.label(y.label()), logX, logY);
    double[] px = new double[used.size()];
    double[] py = new double[used.size()];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < used.size(); i++) {
      double u = used.get(i)[0];
      double v = used.get(i)[1];
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      px[i] = logX ? Math.exp(u) : u;
      py[i] = logY ? Math.exp(v) : v;
    }
    int n = 50;
    double[] lx = new double[n];
    double[] fit = new double[n];
    double[] pred = new double[n];
    for (int i = 0; i < n; i++) {
      double u = lo + (hi - lo) * i / (n - 1);
      lx[i] = logX ? Math.exp(u) : u;
      fit[i] = logY ? Math.exp(a + b * u) : a + b * u;
      pred[i] = logY ? Math.exp(b0 + predicted * u) : b0 + predicted * u;
    }
    // the corner the data leaves empty: top left for a rising line, top right for a falling one
    c.getStyler().setLegendPosition(b > 0 ? org.knowm.xchart.style.Styler.LegendPosition.InsideNW
        : org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    Charts.addPoints(c, "measured", px, py);
    Charts.addLine(c, "fit: slope " + CheckResult.fmt(b), lx, fit);
    var p = Charts.addLine(c, "predicted: slope " + CheckResult.fmt(predicted), lx, pred);
    if (p != null) {
      p.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    }
    return c;
  }
}
