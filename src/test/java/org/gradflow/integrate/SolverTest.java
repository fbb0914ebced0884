package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.models.quadratic.QuadraticFlow;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;

/**
 * The engine's own contracts, through {@link Solver#solve} (not the CLI), on flows with closed
 * forms: L = ½ Σ d_i θ_i², so θ_i(t) = θ0_i e^{−d_i t}.
 */
class SolverTest {
  /** 1-D: θ(t) = e^{−t}, L(t) = ½ e^{−2t}; the loss falls through c at t* = −½ ln(2c). */
  private static final GradientFlow ONE = QuadraticFlow.diagonal(new double[] {1}, new double[] {0});
  private static final double[] X0 = {1};
  private static final double LEVEL = 0.01;
  private static final double T_STAR = -0.5 * Math.log(2 * LEVEL);

  private static Observable loss(GradientFlow flow) {
    return new ObservableCatalog(flow).resolve("loss");
  }

  private static SolveOptions tight(double t1) {
    return SolveOptions.of(1, t1).withRtol(1e-12).withAtol(new double[] {1e-14});
  }

  @Test
  void locatesAThresholdCrossingToItsClosedForm() {
    Event e = new Event("L<c", loss(ONE), LEVEL, Direction.DOWN, false);
    Solution s = Solver.solve(ONE, X0, tight(5), List.of(e), SaveAt.times(0, 5), Progress.NONE);
    assertThat(s.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(s.events()).hasSize(1);
    assertThat(s.events().get(0).time()).isCloseTo(T_STAR, within(1e-11));
    assertThat(s.events().get(0).increasing()).isFalse();
    assertThat(s.events().get(0).persisted()).isTrue();
  }

  @Test
  void aDirectionFilterDropsTheOtherCrossings() {
    Event up = new Event("L up", loss(ONE), LEVEL, Direction.UP, false);
    Solution s = Solver.solve(ONE, X0, tight(5), List.of(up), SaveAt.times(0, 5), Progress.NONE);
    assertThat(s.events()).isEmpty();
  }

  @Test
  void aTerminalEventStopsTheRunThereWithTheStoppingStateAsLastRow() {
    Event e = new Event("stop", loss(ONE), LEVEL, Direction.DOWN, true);
    Solution s = Solver.solve(ONE, X0, tight(5), List.of(e), SaveAt.times(0, 1, 5), Progress.NONE);
    assertThat(s.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(s.failure()).isNull();
    assertThat(s.reason()).contains("terminal event 'stop'");
    assertThat(s.finalTime()).isCloseTo(T_STAR, within(1e-11));
    assertThat(s.trajectory().times()).containsExactly(0, 1, s.finalTime());
    assertThat(s.trajectory().last("loss")).isCloseTo(LEVEL, within(1e-12));
  }

  /**
   * Persistence is decided by the last crossing. On θ(t) = e^{−t}, sin(4πθ) crosses ½ upward at
   * θ = 17/24 and at θ = 5/24 (downward at 13/24 and 1/24 in between and after); ending at
   * θ = 1/8 (sin = 1) the second upward crossing persisted, the first one was undone.
   */
  @Test
  void onlyTheLastCrossingOfAnEventCanHavePersisted() {
    Observable wave = Observable.of("wave", th -> Math.sin(4 * Math.PI * th[0]));
    Event up = new Event("wave up", wave, 0.5, Direction.UP, false);
    Event either = new Event("wave", wave, 0.5, Direction.EITHER, false);
    double t1 = Math.log(8);
    Solution s = Solver.solve(ONE, X0, tight(t1), List.of(up, either), SaveAt.times(0, t1), Progress.NONE);
    List<EventRecord> ups = s.events().stream().filter(e -> e.name().equals("wave up")).toList();
    assertThat(ups).hasSize(2);
    assertThat(ups.get(0).time()).isCloseTo(Math.log(24.0 / 17), within(1e-9));
    assertThat(ups.get(1).time()).isCloseTo(Math.log(24.0 / 5), within(1e-9));
    assertThat(ups.get(0).persisted()).isFalse();
    assertThat(ups.get(1).persisted()).isTrue();
    List<EventRecord> all = s.events().stream().filter(e -> e.name().equals("wave")).toList();
    assertThat(all).extracting(EventRecord::increasing).containsExactly(true, false, true);
    assertThat(all).extracting(EventRecord::persisted).containsExactly(false, false, true);
  }

  @Test
  void samplesExactlyAtTheSaveTimesOnTheDenseOutput() {
    GradientFlow two = QuadraticFlow.diagonal(new double[] {1, 3}, new double[] {0, 0});
    double[] times = {0, 0.1, 0.3, 1, 3};
    SolveOptions o = SolveOptions.of(2, 3).withRtol(1e-12).withAtol(new double[] {1e-14, 1e-14});
    Solution s = Solver.solve(two, new double[] {1, 2}, o, List.of(), SaveAt.times(times), Progress.NONE);
    assertThat(s.trajectory().times()).containsExactly(times);
    for (int i = 0; i < times.length; i++) {
      double[] th = s.trajectory().state(i);
      assertThat(th[0]).isCloseTo(Math.exp(-times[i]), within(1e-11));
      assertThat(th[1]).isCloseTo(2 * Math.exp(-3 * times[i]), within(1e-11));
    }
  }

  @Test
  void theDfpPathLocatesTheSameEventWithAllItsDigitsAndAgreesWithDouble() {
    Event e = new Event("L<c", loss(ONE), LEVEL, Direction.DOWN, false);
    SolveOptions o = SolveOptions.of(1, 3).withRtol(1e-20).withAtol(new double[] {1e-24}).withDigits(30, 25);
    Solution dfp = Solver.solve(ONE, X0, o, List.of(e), SaveAt.times(0, 1, 3), Progress.NONE);
    Solution dbl = Solver.solve(ONE, X0, tight(3), List.of(e), SaveAt.times(0, 1, 3), Progress.NONE);
    assertThat(dfp.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(dfp.events()).hasSize(1);
    DfpField f = new DfpField(30);
    // t* = −½ ln(2c) for the decimal threshold c = 0.01 (the field path reads a threshold as the
    // decimal it was written as, not as the double 0.01 + 2.1e-19, which would move t* by 1e-17)
    Dfp exact = f.newDfp(Double.toString(LEVEL)).multiply(2).log().multiply(-0.5);
    Dfp got = f.newDfp(dfp.events().get(0).timeDecimal());
    // located on the field dense output at rtol 1e-20 (Dfp(40), rtol 1e-26: 1.5e-27 measured)
    assertThat(got.subtract(exact).abs().toDouble()).isLessThan(1e-19);
    assertThat(dfp.events().get(0).time()).isCloseTo(dbl.events().get(0).time(), within(1e-11));
    assertThat(dfp.trajectory().columns()).isEqualTo(dbl.trajectory().columns());
    assertThat(dfp.trajectory().times()).containsExactly(dbl.trajectory().times());
    assertThat(dfp.finalState()[0]).isCloseTo(dbl.finalState()[0], within(1e-13));
    Dfp exactEnd = f.newDfp(-3).exp();
    assertThat(f.newDfp(dfp.decimalFinalState()[0]).subtract(exactEnd).abs().toDouble()).isLessThan(1e-20);
    assertThat(f.newDfp(dfp.trajectory().decimalState(1)[0]).subtract(f.newDfp(-1).exp()).abs().toDouble())
        .isLessThan(1e-19); // a sample on the dense output, as the event
  }

  @Test
  void theDfpPathStopsOnATerminalEvent() {
    Event e = new Event("stop", loss(ONE), LEVEL, Direction.DOWN, true);
    SolveOptions o = SolveOptions.of(1, 5).withRtol(1e-18).withAtol(new double[] {1e-22}).withDigits(25, 0);
    Solution s = Solver.solve(ONE, X0, o, List.of(e), SaveAt.times(0, 5), Progress.NONE);
    assertThat(s.outcome()).isEqualTo(Outcome.STOPPED);
    // the run stops where Hipparchus located the event (double accuracy); its record has all digits
    assertThat(s.finalTime()).isCloseTo(T_STAR, within(1e-13));
    DfpField f = new DfpField(25);
    Dfp exact = f.newDfp(LEVEL).multiply(2).log().multiply(-0.5);
    assertThat(f.newDfp(s.events().get(0).timeDecimal()).subtract(exact).abs().toDouble()).isLessThan(1e-17);
  }

  /** GD on L = ½θ²: θ_k = (1 − η)^k; a crossing between iterates is placed by linear interpolation of g. */
  @Test
  void gradientDescentIsOneMoreMethodWithTheSameEventLog() {
    double eta = 0.1;
    Event e = new Event("L<c", loss(ONE), LEVEL, Direction.DOWN, false);
    SolveOptions o = tight(3).withMethod(Method.GD).withLearningRate(eta);
    double[] saved = {0, 10 * eta, 30 * eta}; // iterates 0, 10, 30 at their times k·η
    Solution s = Solver.solve(ONE, X0, o, List.of(e), SaveAt.times(saved), Progress.NONE);
    assertThat(s.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(s.stats().acceptedSteps()).isEqualTo(30);
    assertThat(s.finalState()[0]).isCloseTo(Math.pow(0.9, 30), within(1e-15));
    assertThat(s.trajectory().times()).containsExactly(saved);
    // L_k = ½ 0.81^k falls through 0.01 between k = 18 and 19
    double g18 = 0.5 * Math.pow(0.81, 18) - LEVEL;
    double g19 = 0.5 * Math.pow(0.81, 19) - LEVEL;
    assertThat(s.events()).hasSize(1);
    assertThat(s.events().get(0).time()).isCloseTo(eta * (18 + g18 / (g18 - g19)), within(1e-13));
    assertThat(s.events().get(0).persisted()).isTrue();
  }

  @Test
  void anExhaustedBudgetFailsWithItsReasonAndKeepsThePartialRun() {
    Solution s = Solver.solve(ONE, X0, tight(50).withMaxEvaluations(100), List.of(), SaveAt.times(0, 0.01, 50),
        Progress.NONE);
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.failure()).isEqualTo(Failure.EVALUATION_BUDGET);
    assertThat(s.reason()).contains("evaluation budget exhausted");
    assertThat(s.finalTime()).isBetween(0.01, 50.0);
    assertThat(s.trajectory().times()).startsWith(0, 0.01);
  }

  @Test
  void aNonFiniteFlowFailsOnEveryPath() {
    GradientFlow unstable = QuadraticFlow.diagonal(new double[] {-1000}, new double[] {0});
    SolveOptions o = tight(10).withAtol(new double[] {1e-6}).withRtol(1e-6);
    for (SolveOptions path : List.of(o, o.withMethod(Method.GD).withLearningRate(0.01))) {
      Solution s = Solver.solve(unstable, X0, path, List.of(), SaveAt.times(0, 10), Progress.NONE);
      assertThat(s.outcome()).as(path.method().name()).isEqualTo(Outcome.FAILED);
      assertThat(s.failure()).as(path.method().name()).isEqualTo(Failure.NON_FINITE);
    }
  }

  @Test
  void progressIsLinearOrInLogTime() {
    assertThat(Progress.Span.linear(0, 10).fraction(5)).isEqualTo(0.5);
    Progress.Span log = new Progress.Span(0, 100, 0.01);
    assertThat(log.fraction(1)).isCloseTo(0.5, within(1e-15));
    assertThat(log.fraction(0)).isZero();
    assertThat(log.describe(1)).contains("log t");
  }
}
