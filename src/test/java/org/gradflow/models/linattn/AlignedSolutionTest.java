package org.gradflow.models.linattn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlignedSolutionTest {
  private final InContextTask task = new InContextTask(new double[] {0.4, 0.3, 0.2, 0.1}, 20);

  @Test
  void separateImplicitSolutionSolvesTheScalarOde() {
    AlignedSolution exact = new AlignedSolution(task, false, 4, 1e-2);
    for (int p = 0; p < 4; p++) {
      double s = task.lambda()[p] * task.lambda()[p];
      double c = task.a(p) * task.lambda()[p];
      double kappa = Math.cbrt(s / c);
      assertThat(exact.time(p, 1e-2)).isCloseTo(0, within(1e-12));
      for (double x : new double[] {0.02, 0.3 * kappa, 0.7 * kappa, 0.99 * kappa}) {
        double h = 1e-5 * Math.min(x, kappa - x);
        double dtdu = (exact.time(p, x + h) - exact.time(p, x - h)) / (2 * h);
        assertThat(dtdu * x * x * (s - c * x * x * x)).isCloseTo(1, within(1e-7));
      }
    }
  }

  @Test
  void lossStartsOnThePlateauAndEndsAtTheMinimum() {
    for (boolean merged : new boolean[] {true, false}) {
      InContextTask t = merged ? new InContextTask(new double[] {0.25, 0.25, 0.25, 0.25}, 20) : task;
      AlignedSolution exact = new AlignedSolution(t, merged, merged ? 2 : 4, 1e-3);
      assertThat(exact.loss(0)).isCloseTo(t.plateauLoss(0), within(1e-4));
      assertThat(exact.loss(1e7)).isCloseTo(t.minimumLoss(), within(1e-12));
      double level = 0.5 * (t.plateauLoss(0) + t.plateauLoss(1));
      assertThat(exact.loss(exact.lossCrossing(level, 1e7))).isCloseTo(level, within(1e-12));
    }
  }
}
