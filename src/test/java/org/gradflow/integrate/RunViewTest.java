package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lookups on a finished solve, on a hand-made solution with x(t) = t² − 2 at t = 0, 1, …, 4. */
class RunViewTest {
  private static final RunView VIEW = new RunView(solution());

  private static Solution solution() {
    Trajectory tr = new Trajectory(List.of("t", "loss", "gradNorm", "x"));
    for (int i = 0; i <= 4; i++) {
      tr.add(new double[] {i, 1.0 / (1 + i), 0, i * i - 2.0}, null);
    }
    List<EventRecord> events = List.of(
        crossing("up", 1.2, false), crossing("down", 2.0, false), crossing("up", 2.5, true), crossing("up", 3.5, true));
    return new Solution(tr, events, new IntegrationStats("DP853", 1e-10, 1, 4, 0, 60, 0, 0), 4, new double[] {14},
        null, Outcome.COMPLETED, null, "", List.of());
  }

  private static EventRecord crossing(String name, double t, boolean persisted) {
    return new EventRecord(name, "x", 0, name.equals("up"), t, Map.of(), null, false, persisted);
  }

  @Test
  void samplesAndColumns() {
    assertThat(VIEW.size()).isEqualTo(5);
    assertThat(VIEW.time(3)).isEqualTo(3);
    assertThat(VIEW.tEnd()).isEqualTo(4);
    assertThat(VIEW.first("x")).isEqualTo(-2);
    assertThat(VIEW.last("x")).isEqualTo(14);
    assertThat(VIEW.hasColumn("x")).isTrue();
    assertThat(VIEW.hasColumn("y")).isFalse();
  }

  @Test
  void interpolatesLinearlyAndClampsToTheGrid() {
    assertThat(VIEW.at("x", 1.5)).isEqualTo(0.5); // between −1 and 2
    assertThat(VIEW.at("x", -1)).isEqualTo(-2);
    assertThat(VIEW.at("x", 9)).isEqualTo(14);
  }

  @Test
  void windowsHoldTheGridTimesInsideThem() {
    assertThat(VIEW.max("x", 0.5, 2.5)).isEqualTo(2);
    assertThat(VIEW.min("x", 0.5, 2.5)).isEqualTo(-1);
    assertThat(VIEW.maxAbs("x", 0, 1)).isEqualTo(2);
    assertThat(VIEW.maxAbs("x")).isEqualTo(14);
    assertThat(VIEW.max("x")).isEqualTo(14);
    assertThat(VIEW.max("x", 4.5, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
    RunView.Share positive = VIEW.share("x", 1, 4, x -> x > 0);
    assertThat(positive.samples()).isEqualTo(4);
    assertThat(positive.fraction()).isEqualTo(0.75);
    assertThat(VIEW.share("x", 5, 6, x -> true).fraction()).isNaN();
  }

  /** Trapezoids on the samples plus interpolated end pieces: exact for a piecewise-linear column. */
  @Test
  void integratesByTheTrapezoidRule() {
    // pieces of the sampled polyline: [0.5,1]: (−1.5−1)/2·0.5, [1,2]: (−1+2)/2, [2,2.5]: (2+4.5)/2·0.5
    assertThat(VIEW.integral("x", 0.5, 2.5)).isCloseTo(-0.625 + 0.5 + 1.625, within(1e-15));
  }

  @Test
  void eventTimes() {
    assertThat(VIEW.firstTime("up")).isEqualTo(1.2);
    assertThat(VIEW.firstTime("never")).isNaN();
    assertThat(VIEW.firstAfter("up", 2).time()).isEqualTo(2.5);
    assertThat(VIEW.firstAfter("up", 4)).isNull();
    assertThat(VIEW.persistentOrFirstTime("up")).isEqualTo(2.5);
    assertThat(VIEW.persistentOrFirstTime("down")).isEqualTo(2.0);
    assertThat(VIEW.persistentOrFirst("never")).isNull();
  }
}
