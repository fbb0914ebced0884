package org.gradflow.models.linearnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.core.GradientCheck;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.junit.jupiter.api.Test;

class LinearNetworkTest {
  static final String RANDOM = "{'model': 'linear-network', 'params': {'target': [[1, -0.5, 0.2], [0.3, 2, 0]],"
      + " 'hidden': 4}, 'init': {'gaussian': {'scale': 0.5, 'seed': 3}}, 'integrator': {'tEnd': 10}}";
  static final String SAXE = "{'model': 'linear-network', 'params': {'target': [[3, 0, 0], [0, 1.5, 0], [0, 0, 0.5]],"
      + " 'hidden': 3}, 'init': {'balancedAligned': {'a0': 1e-4}},"
      + " 'integrator': {'rtol': 1e-12, 'atol': 1e-14, 'tEnd': 20, 'grid': {'log': 100, 'linear': 50}},"
      + " 'events': [{'name': 'half', 'observable': 'loss', 'threshold': 1.0, 'direction': 'down'}]}";

  @Test
  void analyticGradientMatchesCentralDifferencesAndAutomaticDifferentiation() {
    FlowSystem s = ModelRegistry.build(TestSpecs.spec(RANDOM));
    assertThat(GradientCheck.centralDifferences(s.flow(), s.initialState(), 0).values()).allMatch(e -> e.resolved() && e.error() < 1e-8);
    assertThat(GradientCheck.automatic(s.flow(), s.initialState()).values()).allMatch(e -> e < 1e-13);
  }

  @Test
  void balancedAlignedFlowFollowsSaxeClosedFormTo1e9() {
    RunResult r = TestSpecs.run(SAXE);
    assertThat(LinearNetworkChecks.maxClosedFormError(r, 1e-4)).isLessThan(1e-9);
  }

  @Test
  void lossEventIsLocatedAtTheClosedFormTimeTo1e8Relative() {
    RunResult r = TestSpecs.run(SAXE);
    double predicted = SaxeSolution.lossCrossingTime(new double[] {3, 1.5, 0.5}, 3, 1e-4, 1.0, 20);
    assertThat(Math.abs(r.firstEvent("half").time() - predicted) / predicted).isLessThan(1e-8);
  }

  @Test
  void conservedBalanceStaysPutFromAnUnbalancedStart() {
    RunResult r = TestSpecs.run(RANDOM, "integrator.rtol=1e-12", "integrator.atol=1e-14");
    double worst = 0;
    for (double d : r.trajectory().column("balanceDrift")) {
      worst = Math.max(worst, d);
    }
    assertThat(worst).isLessThan(1e-11);
    // and the check would notice a violation: the loss did change a lot meanwhile
    assertThat(r.trajectory().column("loss")[0]).isGreaterThan(10 * r.trajectory().last("loss"));
  }
}
