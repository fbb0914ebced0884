package org.gradflow.models.quadratic;

import org.gradflow.integrate.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.junit.jupiter.api.Test;

class QuadraticFlowTest {
  static final String DENSE = "{'model': 'quadratic', 'params': {'A': [[3, 1, 0], [1, 2, 0.5], [0, 0.5, 1]],"
      + " 'b': [1, -2, 0.5]}, 'init': {'explicit': {'theta': [0.3, -0.7, 1.1]}},"
      + " 'integrator': {'rtol': 1e-12, 'atol': 1e-14, 'tEnd': 10, 'grid': {'log': 50, 'linear': 20}}}";

  @Test
  void denseFlowMatchesClosedFormAtEverySample() {
    RunResult r = TestSpecs.run(DENSE);
    QuadraticFlow flow = (QuadraticFlow) r.system().flow();
    QuadraticSolution exact = new QuadraticSolution(flow.matrix(), flow.b(), r.system().initialState());
    Trajectory tr = r.trajectory();
    assertThat(tr.size()).isGreaterThan(60);
    double worst = 0;
    for (int i = 0; i < tr.size(); i++) {
      double t = tr.row(i)[0];
      double[] want = exact.at(t);
      double[] got = tr.state(i);
      for (int k = 0; k < want.length; k++) {
        worst = Math.max(worst, Math.abs(got[k] - want[k]) / Math.max(1e-300, Math.abs(want[k])));
      }
    }
    assertThat(worst).isLessThan(1e-9);
    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(tr.last("t")).isEqualTo(10.0);
  }
}
