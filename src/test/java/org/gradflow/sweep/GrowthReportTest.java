package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowthReportTest {

  @Test
  void exponentsAreFittedOnLogLogAndTheBudgetIsSolvedOnTheEstimate() {
    List<GrowthBench.Sample> s = new ArrayList<>();
    for (int dim : new int[] {1000, 4000, 16000, 64000}) {
      s.add(new GrowthBench.Sample("p", "", dim, 3.0 * Math.pow(dim, 1.5), 1e-6 * dim, 100, 100L * dim, 0, "COMPLETED", 1));
    }
    GrowthReport.Fit rhs = GrowthReport.fit("rhsNanos", s, GrowthBench.Sample::rhsNanos);
    assertThat(rhs.exponent()).isCloseTo(1.5, within(1e-12));
    assertThat(rhs.ciHalfWidth()).isCloseTo(0, within(1e-9));
    GrowthReport.Fit model = GrowthReport.fit("modelBytes", s, x -> x.modelBytes());
    assertThat(model.exponent()).isCloseTo(1.0, within(1e-12));
    double budget = 24.0 * (1L << 30);
    double n = GrowthReport.largestDimension(model, budget);
    // 100·n + 8·32·n + 8e7 = budget
    assertThat(n).isCloseTo((budget - 8e7) / (100 + 8 * GrowthReport.WORK_VECTORS), within(2.0));
    assertThat(GrowthReport.runBytesEstimate(model, n)).isLessThanOrEqualTo(budget);
    assertThat(GrowthReport.runBytesEstimate(model, n + 2)).isGreaterThan(budget);
  }

  @Test
  void theBenchTimesARealFlowAndWritesItsTables(@TempDir Path dir) throws Exception {
    List<SweepPoint> pts = SweepFixtures.points("'axes': [{'path': 'params.diagonal', 'values': [[1, 2], [1, 2, 3, 4],"
        + " [1, 2, 3, 4, 5, 6, 7, 8]]}], 'set': ['params.b=null', 'init.explicit=null', 'init.gaussian.scale=1',"
        + " 'init.gaussian.seed=1', 'integrator.tEnd=5']");
    List<GrowthBench.Sample> s = new GrowthBench(0.01, true)
        .measureAll(pts, "base", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertThat(s).extracting(GrowthBench.Sample::dimension).containsExactly(2, 4, 8);
    assertThat(s).allMatch(x -> x.rhsNanos() > 0 && x.runSeconds() > 0 && x.rhsEvaluations() > 0);
    GrowthReport.write(s, dir, 1e9);
    assertThat(java.nio.file.Files.readAllLines(dir.resolve("bench.csv"))).hasSize(4);
    assertThat(dir.resolve("plots/bench-time.png")).exists();
    assertThat(dir.resolve("plots/bench-memory.png")).exists();
  }
}
