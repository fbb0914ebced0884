package org.gradflow.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradflow.plot.Charts;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.Verdict;
import org.knowm.xchart.XYChart;

/**
 * "quantity constant within ±tolerance": every point's value lies within a relative
 * {@code tolerance} of the reference, which is {@code predicted} when given, else the mean over
 * the points. A point where the quantity is undefined (an event that never fired) fails it.
 * Example: T1·σ1²·m·m1 constant within ±25%.
 */
public record ConstantExpectation(
    String id, String title, String source, Quantity quantity, double tolerance, Double predicted, String x)
    implements Expectation {

  private static final Set<String> FIELDS =
      Set.of("type", "id", "title", "source", "quantity", "tolerance", "predicted", "x");

  static ConstantExpectation parse(SpecSection s, String defaultId) {
    Expectation.checkFields(s, FIELDS);
    Double tol = Expectation.positiveOrNull(s, "tolerance");
    if (tol == null) {
      throw s.error("tolerance", "required: the relative band, e.g. 0.25 for ±25%");
    }
    Double predicted = s.has("predicted") ? s.number("predicted") : null;
    Quantity q = Quantity.parse(s.child("quantity"));
    String id = s.text("id", defaultId);
    return new ConstantExpectation(id, s.text("title", q.label() + " constant within ±" + SlopeExpectation.percent(tol)),
        s.text("source", ""), q, tol, predicted, s.text("x", null));
  }

  @Override
  public ExpectationResult evaluate(List<PointValues> points) {
    Map<String, Double> values = new LinkedHashMap<>();
    double sum = 0;
    int finite = 0;
    for (PointValues p : points) {
      double v = quantity.at(p);
      values.put(p.id(), v);
      if (Double.isFinite(v)) {
        sum += v;
        finite++;
      }
    }
    double ref = predicted != null ? predicted : (finite == 0 ? Double.NaN : sum / finite);
    Map<String, String> verdicts = new LinkedHashMap<>();
    double worst = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int failed = 0;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      double dev = Math.abs(v / ref - 1);
      boolean ok = Double.isFinite(dev) && dev <= tolerance;
      verdicts.put(e.getKey(), ok ? "PASS" : "FAIL");
      failed += ok ? 0 : 1;
      worst = Double.isFinite(dev) ? Math.max(worst, dev) : Double.POSITIVE_INFINITY;
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    boolean pass = !points.isEmpty() && failed == 0;
    String refWords = predicted != null ? "predicted " + CheckResult.fmt(ref) : "mean " + CheckResult.fmt(ref);
    CheckResult check = new CheckResult(id, title, source,
        "constant (" + refWords + ")",
        "range [" + CheckResult.fmt(min) + ", " + CheckResult.fmt(max) + "] over " + points.size() + " points",
        "rel " + CheckResult.fmt(tolerance) + " (worst " + CheckResult.fmt(worst) + ")",
        pass ? Verdict.PASS : Verdict.FAIL,
        failed == 0 ? "" : failed + " point(s) outside the band" + (finite < points.size() ? ", "
            + (points.size() - finite) + " undefined (event did not fire?)" : ""));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("quantity", quantity.powers());
    details.put("reference", ref);
    details.put("referenceKind", predicted != null ? "predicted" : "mean");
    details.put("worstRelativeDeviation", worst);
    return new ExpectationResult(check, details, values, verdicts, chart(points, values, ref));
  }

  private XYChart chart(List<PointValues> points, Map<String, Double> values, double ref) {
    if (points.isEmpty() || !Double.isFinite(ref)) {
      return null;
    }
    String xName = x != null ? x : points.get(0).firstAxis();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (PointValues p : points) {
      double xv = xName == null ? p.index() : p.value(xName);
      double yv = values.get(p.id());
      if (Double.isFinite(xv) && Double.isFinite(yv)) {
        xs.add(xv);
        ys.add(yv);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    double lo = xs.stream().mapToDouble(d -> d).min().orElse(0);
    double hi = xs.stream().mapToDouble(d -> d).max().orElse(1);
    boolean logX = lo > 0 && hi / lo >= 10;
    XYChart c = Charts.lines(id + ": " + title, xName == null ? "point" : xName, quantity.label(), logX, false);
    Charts.addPoints(c, "measured", xs.stream().mapToDouble(d -> d).toArray(), ys.stream().mapToDouble(d -> d).toArray());
    double[] ends = {lo, hi == lo ? lo + 1 : hi};
    Charts.addLine(c, predicted != null ? "predicted" : "mean", ends, new double[] {ref, ref});
    Charts.addLine(c, "+" + SlopeExpectation.percent(tolerance), ends, new double[] {ref * (1 + tolerance), ref * (1 + tolerance)});
    Charts.addLine(c, "-" + SlopeExpectation.percent(tolerance), ends, new double[] {ref * (1 - tolerance), ref * (1 - tolerance)});
    return c;
  }
}
