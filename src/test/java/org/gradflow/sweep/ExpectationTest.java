package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.validate.Verdict;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;

class ExpectationTest {

  /** Points over λ whose event time is given by a function of (λ, index). */
  private static List<PointValues> points(double[] lambdas, java.util.function.BiFunction<Double, Integer, Double> t) {
    List<SweepPoint> pts = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': "
        + java.util.Arrays.toString(lambdas) + "}]");
    List<PointValues> out = new ArrayList<>();
    for (SweepPoint p : pts) {
      Map<String, PointResult.EventSummary> ev = new LinkedHashMap<>();
      double v = t.apply(lambdas[p.index()], p.index());
      if (!Double.isNaN(v)) {
        ev.put("T", new PointResult.EventSummary(v, true, 1));
      }
      out.add(new PointValues(p, new PointResult(p.id(), p.index(), p.hash(), p.assignments(), "COMPLETED", "", 1, 0, ev,
          1, 0, 1, 1, "", List.of(), 0, null)));
    }
    return out;
  }

  private static Expectation parse(String json) {
    return Expectation.parse(new org.gradflow.spec.SpecSection("s.json", "expectations[0]", SweepFixtures.json(json)), "E1");
  }

  @Test
  void slopeMatchesAnIndependentLeastSquaresFitWithItsConfidenceInterval() {
    double[] l = {1, 2, 4, 8, 16, 32};
    double[] noise = {0.01, -0.02, 0.015, 0.0, -0.01, 0.005};
    List<PointValues> pts = points(l, (lam, i) -> 3 * Math.pow(lam, -1.1) * Math.exp(noise[i]));
    ExpectationResult r = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -1,"
        + " 'tolerance': 0.05}").evaluate(pts);
    // independent OLS on (ln λ, ln T)
    int n = l.length;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(l[i]) / n;
      my += (Math.log(3) - 1.1 * Math.log(l[i]) + noise[i]) / n;
    }
    double sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(l[i]) - mx;
      sxx += dx * dx;
      sxy += dx * (Math.log(3) - 1.1 * Math.log(l[i]) + noise[i] - my);
    }
    double b = sxy / sxx;
    double a = my - b * mx;
    double sse = 0;
    for (int i = 0; i < n; i++) {
      double e = Math.log(3) - 1.1 * Math.log(l[i]) + noise[i] - a - b * Math.log(l[i]);
      sse += e * e;
    }
    double half = new TDistribution(n - 2).inverseCumulativeProbability(0.975) * Math.sqrt(sse / (n - 2) / sxx);
    assertThat((double) r.details().get("slope")).isCloseTo(b, within(1e-12));
    assertThat((double) r.details().get("slopeCiHalfWidth")).isCloseTo(half, within(1e-12));
    // slope ≈ −1.1 is 0.1 away from −1: outside ±0.05, so FAIL with both numbers shown
    assertThat(r.check().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.check().predicted()).isEqualTo("-1.00000");
    assertThat(r.check().measured()).startsWith("-1.1").contains("95% CI, n = 6");
    assertThat(r.chart()).isNotNull();
  }

  @Test
  void withoutToleranceTheSlopePassesIffThePredictionIsInTheConfidenceInterval() {
    double[] l = {1, 2, 4, 8, 16};
    double[] noise = {0.05, -0.04, 0.03, -0.05, 0.02};
    List<PointValues> pts = points(l, (lam, i) -> Math.pow(lam, -1) * Math.exp(noise[i]));
    ExpectationResult in = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -1}").evaluate(pts);
    ExpectationResult out = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -0.5}").evaluate(pts);
    assertThat(in.check().verdict()).isEqualTo(Verdict.PASS);
    assertThat(out.check().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(out.check().note()).contains("outside the CI");
  }

  @Test
  void slopeAgainstLogInverseRecoversTheCoefficientOfLogOneOverEpsilon() {
    double[] eps = {1e-2, 1e-4, 1e-6, 1e-8};
    List<PointValues> pts = points(eps, (e, i) -> 2.5 + 0.5 * Math.log(1 / e));
    ExpectationResult r = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'xScale': 'logInverse', 'y': 'event:T',"
        + " 'yScale': 'linear', 'predicted': 0.5, 'tolerance': 1e-9}").evaluate(pts);
    assertThat(r.check().verdict()).isEqualTo(Verdict.PASS);
    assertThat((double) r.details().get("intercept")).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void tooFewDefinedPointsFailWithAReason() {
    List<PointValues> pts = points(new double[] {1, 2, 4}, (lam, i) -> i == 1 ? Double.NaN : 1 / lam);
    ExpectationResult r = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -1}").evaluate(pts);
    assertThat(r.check().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.check().measured()).contains("not enough points (2");
  }

  @Test
  void constantBandJudgesEveryPointAgainstTheMeanOrThePrediction() {
    List<PointValues> pts = points(new double[] {1, 2, 4, 8}, (lam, i) -> (i == 3 ? 1.4 : 1.0) / lam);
    ExpectationResult loose = parse("{'type': 'constant', 'id': 'V4', 'quantity': {'event:T': 1, 'params.diagonal.0': 1},"
        + " 'tolerance': 0.25}").evaluate(pts);
    // mean of {1, 1, 1, 1.4} = 1.1: 1.4 is 27% above it
    assertThat(loose.check().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(loose.perPointVerdict()).containsExactly(Map.entry("p0000", "PASS"), Map.entry("p0001", "PASS"),
        Map.entry("p0002", "PASS"), Map.entry("p0003", "FAIL"));
    assertThat(loose.perPoint().get("p0003")).isCloseTo(1.4, within(1e-12));
    assertThat(loose.check().title()).isEqualTo("event:T · params.diagonal.0 constant within ±25%");
    ExpectationResult wide = parse("{'type': 'constant', 'quantity': {'event:T': 1, 'params.diagonal.0': 1},"
        + " 'tolerance': 0.5, 'predicted': 1}").evaluate(pts);
    assertThat(wide.check().verdict()).isEqualTo(Verdict.PASS);
    assertThat(wide.details().get("reference")).isEqualTo(1.0);
  }

  @Test
  void anEventThatNeverFiredFailsTheConstantCheck() {
    List<PointValues> pts = points(new double[] {1, 2}, (lam, i) -> i == 0 ? 1.0 : Double.NaN);
    ExpectationResult r = parse("{'type': 'constant', 'quantity': 'event:T', 'tolerance': 0.5}").evaluate(pts);
    assertThat(r.check().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.check().note()).contains("1 undefined");
  }

  @Test
  void chartsRenderHeadless(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    List<PointValues> pts = points(new double[] {1, 2, 4, 8}, (lam, i) -> 1 / lam);
    ExpectationResult r = parse("{'type': 'slope', 'x': 'params.diagonal.0', 'y': 'event:T', 'predicted': -1}").evaluate(pts);
    Path png = org.gradflow.plot.Charts.save(r.chart(), dir.resolve("s.png"));
    assertThat(java.nio.file.Files.size(png)).isGreaterThan(5000);
  }
}
