package org.gradflow.gd;

import org.gradflow.integrate.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

class GdRunnerTest {
  static final double[] A = {2.0, 0.5, 0.1};
  static final double[] B = {1.0, -1.0, 0.5};

  /** GD on a diagonal quadratic from 0: θ_k,i = (b_i/a_i)(1 − (1 − η a_i)^k). */
  static double[] exact(double eta, long k) {
    double[] th = new double[3];
    for (int i = 0; i < 3; i++) {
      th[i] = B[i] / A[i] * (1 - Math.pow(1 - eta * A[i], k));
    }
    return th;
  }

  static double loss(double[] th) {
    double l = 0;
    for (int i = 0; i < 3; i++) {
      l += 0.5 * A[i] * th[i] * th[i] - B[i] * th[i];
    }
    return l;
  }

  @Test
  void iteratesMatchClosedFormAndRowsAreAtRecordedSteps() {
    SystemSpec spec = Toys.spec(Toys.QUADRATIC);
    FlowSystem system = Toys.build(spec);
    GdSettings s = new GdSettings(0.1, 50, new long[] {0, 1, 7, 50});
    List<double[]> seen = new ArrayList<>();
    GdResult r = GdRunner.run(spec, system, s, Progress.NONE, (k, theta, row) -> seen.add(theta.clone()));
    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(r.rowSteps()).containsExactly(0, 1, 7, 50);
    assertThat(r.gradientEvaluations()).isEqualTo(51);
    assertThat(r.trajectory().times()).containsExactly(0.0, 0.1, 0.7000000000000001, 5.0);
    for (int j = 0; j < 4; j++) {
      double[] want = exact(0.1, r.rowSteps()[j]);
      for (int i = 0; i < 3; i++) {
        assertThat(seen.get(j)[i]).isCloseTo(want[i], within(1e-14));
      }
      assertThat(r.trajectory().row(j)[1]).isCloseTo(loss(want), within(1e-14));
    }
    assertThat(r.finalState()).containsExactly(seen.get(3));
  }

  @Test
  void eventTimeIsLinearlyInterpolatedBetweenSteps() {
    double threshold = -0.8;
    SystemSpec spec = Toys.spec(Toys.QUADRATIC.replace("'integrator'",
        "'events': [{'name': 'low', 'observable': 'loss', 'threshold': " + threshold + ", 'direction': 'down'}], 'integrator'"));
    FlowSystem system = Toys.build(spec);
    double eta = 0.25;
    GdResult r = GdRunner.run(spec, system, GdSettings.endpointsOnly(eta, 40), Progress.NONE, null);
    long k = 1;
    while (loss(exact(eta, k)) > threshold) {
      k++;
    }
    double g0 = loss(exact(eta, k - 1)) - threshold;
    double g1 = loss(exact(eta, k)) - threshold;
    double want = eta * (k - 1 + g0 / (g0 - g1));
    EventRecord e = r.events().get(0);
    assertThat(r.events()).hasSize(1);
    assertThat(e.name()).isEqualTo("low");
    assertThat(e.increasing()).isFalse();
    assertThat(e.time()).isCloseTo(want, within(1e-13));
    assertThat(e.time()).isBetween(eta * (k - 1), eta * k);
    assertThat(e.persisted()).isTrue();
  }

  @Test
  void terminalStopConditionEndsTheRunAndRecordsTheLastIterate() {
    SystemSpec spec = Toys.spec(Toys.QUADRATIC, "integrator.stopGradientNormBelow=0.5");
    GdResult r = GdRunner.run(spec, Toys.build(spec), GdSettings.endpointsOnly(0.1, 1000), Progress.NONE, null);
    assertThat(r.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(r.reason()).contains("stop: gradNorm below");
    assertThat(r.finalStep()).isLessThan(1000);
    assertThat(r.rowSteps()[r.rowSteps().length - 1]).isEqualTo(r.finalStep());
    assertThat(r.trajectory().last("gradNorm")).isLessThanOrEqualTo(0.5);
  }

  @Test
  void divergingGdFailsWithTheStepNamed() {
    SystemSpec spec = Toys.spec(Toys.QUADRATIC);
    // η·a_max = 2.2 > 2: the stiff direction blows up geometrically
    GdResult r = GdRunner.run(spec, Toys.build(spec), GdSettings.endpointsOnly(1.1, 100_000), Progress.NONE, null);
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.reason()).contains("non-finite").contains("at step");
    for (double x : r.finalState()) {
      assertThat(Double.isFinite(x)).isTrue();
    }
  }

  @Test
  void recordStepsIncludeEndpointsAndAreSorted() {
    long[] s = GdSettings.recordSteps(30000, 50, 10);
    assertThat(s[0]).isEqualTo(0);
    assertThat(s[s.length - 1]).isEqualTo(30000);
    assertThat(s).contains(1, 3000, 15000).isSorted();
    long[] thin = GdSettings.thin(s, 20);
    assertThat(thin).hasSizeLessThanOrEqualTo(20).contains(0, 30000).isSorted();
  }

  @Test
  void eventStrideLocatesTheSameCrossingsAsCheckingEveryStep() {
    String obs = "sigmaRatio(W2*W1)";
    SystemSpec probe = Toys.spec(Toys.LINEAR_NET, "outputs.observables=[\"" + obs + "\"]");
    long k = 300;
    long[] all = java.util.stream.LongStream.rangeClosed(0, k).toArray();
    GdResult dense = GdRunner.run(probe, Toys.build(probe), new GdSettings(0.02, k, all), Progress.NONE, null);
    double[] v = dense.trajectory().column(obs);
    double threshold = 0.5 * (v[0] + v[v.length - 1]);
    String event = "events=[{\"name\": \"mid\", \"observable\": \"" + obs + "\", \"threshold\": " + threshold + "}]";
    SystemSpec spec = Toys.spec(Toys.LINEAR_NET, event);
    List<EventRecord> every = GdRunner.run(spec, Toys.build(spec), new GdSettings(0.02, k, new long[] {0, k}, 1),
        Progress.NONE, null).events();
    List<EventRecord> strided = GdRunner.run(spec, Toys.build(spec), new GdSettings(0.02, k, new long[] {0, k}, 7),
        Progress.NONE, null).events();
    assertThat(every).isNotEmpty();
    assertThat(strided).hasSameSizeAs(every);
    for (int i = 0; i < every.size(); i++) {
      assertThat(strided.get(i).time()).isEqualTo(every.get(i).time());
      assertThat(strided.get(i).increasing()).isEqualTo(every.get(i).increasing());
    }
  }
}
