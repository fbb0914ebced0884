package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  @Test
  void deviationFromFlowMatchesClosedFormsOfBoth() {
    SystemSpec spec = Toys.spec(Toys.QUADRATIC);
    FlowSystem system = Toys.build(spec);
    GdSettings s = new GdSettings(0.05, 100, GdSettings.recordSteps(100, 10, 4));
    RunResult flow = ReferenceRuns.run(spec, system, s.recordTimes(), Progress.NONE);
    Comparison c = new Comparison("flow", spec, system, flow);
    GdRunner.run(spec, system, s, Progress.NONE, c::add);
    assertThat(c.rows()).hasSize(s.recordSteps().length);
    double[] dev = c.column("deviation");
    double[] t = c.column("t");
    assertThat(dev[0]).isZero();
    for (int j = 0; j < dev.length; j++) {
      long k = s.recordSteps()[j];
      double[] gd = GdRunnerTest.exact(0.05, k);
      double d2 = 0;
      for (int i = 0; i < 3; i++) {
        double gf = GdRunnerTest.B[i] / GdRunnerTest.A[i] * (1 - Math.exp(-GdRunnerTest.A[i] * t[j]));
        d2 += (gd[i] - gf) * (gd[i] - gf);
      }
      assertThat(dev[j]).isCloseTo(Math.sqrt(d2), within(1e-10));
      // one block ('theta'): its deviation is the total one
      assertThat(c.column("deviation_theta")[j]).isEqualTo(dev[j]);
    }
    Comparison.Summary sum = c.summary(java.util.List.of());
    assertThat(sum.finalTime()).isCloseTo(5.0, within(1e-12));
    assertThat(sum.maxDeviation()).isGreaterThanOrEqualTo(sum.finalDeviation()).isPositive();
    assertThat(c.header()).contains("loss_diff", "diff_gradNorm");
  }
}
