package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gradflow.TestSpecs;
import org.gradflow.core.GradientCheck;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.InitialState;
import org.junit.jupiter.api.Test;

class ReducedSystemsTest {
  static final String SMALL = Instances.small("identity", 1e-4);

  @Test
  void effectiveDynamicsBlowsUpWithTheTightCubicLaw() {
    RunResult r = TestSpecs.run(SMALL, "model=condensation-stage1", "integrator.tEnd=100",
        "integrator.atol=1e-14", "integrator.rtol=1e-12", "integrator.grid.linear=400");
    EventRecord blow = r.firstEvent(EffectiveDynamicsFamily.BLOWUP);
    assertThat(blow).isNotNull();
    double tStar = blow.time() + Math.pow(blow.values().get("E"), -1.0 / 3);
    Trajectory tr = r.trajectory();
    double[] t = tr.times();
    double[] e = tr.column("E");
    double[] ratio = tr.column("blowupRateRatio");
    double lastProduct = Double.NaN;
    for (int i = 0; i < t.length; i++) {
      if (e[i] > 0) {
        // Thm 1: dE/dt̄ ≥ 3 E^{4/3} wherever E > 0
        assertThat(ratio[i]).isGreaterThanOrEqualTo(1 - 1e-9);
      }
      if (e[i] > 1e6) {
        lastProduct = e[i] * Math.pow(tStar - t[i], 3);
      }
    }
    assertThat(lastProduct).isCloseTo(1.0, within(1e-3));
    assertThat(tr.last("blowupRateRatio")).isCloseTo(1.0, within(1e-3));
    assertThat(tr.last("minColCosV")).isGreaterThan(0.999);
    // Prop. 2: w_{v,k}² − |W1[k,:]|² and W2_k² − |W1[:,k]|² are conserved
    EffectiveDynamicsFlow flow = (EffectiveDynamicsFlow) r.system().flow();
    double[] c0 = flow.balances(r.system().initialState());
    int iMid = 0;
    for (int i = 0; i < t.length; i++) {
      if (e[i] < 1e3) {
        iMid = i;
      }
    }
    double[] c1 = flow.balances(tr.state(iMid));
    double scale = Math.pow(e[iMid], 2.0 / 3);
    for (int k = 0; k < c0.length; k++) {
      assertThat(Math.abs(c1[k] - c0[k]) / scale).isLessThan(1e-9);
    }
  }

  @Test
  void reducedFlowsHaveExactGradients() {
    var stage1 = Instances.build(SMALL, "model=condensation-stage1").flow();
    var stage2 = Instances.build(SMALL, "model=condensation-stage2").flow();
    for (var flow : java.util.List.of(stage1, stage2)) {
      double[] th = InitialState.gaussian(flow.layout().dimension(), 1.0, 4);
      Map<String, Double> ad = GradientCheck.automatic(flow, th);
      assertThat(ad.values()).allSatisfy(x -> assertThat(x).isLessThan(1e-14));
    }
  }

  @Test
  void keyQueryOdeFollowsItsCoshSinhClosedForm() {
    RunResult r = TestSpecs.run(SMALL, "model=condensation-stage2", "integrator.tEnd=600",
        "integrator.rtol=1e-12", "integrator.grid.linear=60");
    KeyQueryFlow flow = (KeyQueryFlow) r.system().flow();
    double[] th0 = r.system().initialState();
    int d = 4;
    double[] q0 = java.util.Arrays.copyOfRange(th0, 0, d * d);
    double[] k0 = java.util.Arrays.copyOfRange(th0, d * d, 2 * d * d);
    KeyQuerySolution exact = new KeyQuerySolution(flow.force(), d, q0, k0);
    Trajectory tr = r.trajectory();
    double worst = 0;
    for (int i = 0; i < tr.size(); i++) {
      double[] want = exact.at(tr.row(i)[0]);
      double[] got = tr.state(i);
      double scale = 0;
      for (double w : want) {
        scale = Math.max(scale, Math.abs(w));
      }
      for (int k = 0; k < want.length; k++) {
        worst = Math.max(worst, Math.abs(got[k] - want[k]) / scale);
      }
    }
    assertThat(tr.size()).isGreaterThan(50);
    assertThat(worst).isLessThan(1e-9);
    // the pointwise rate of |M| tends to 2σ1(F) once M is aligned
    assertThat(tr.last("growthRateM")).isCloseTo(2 * exact.sigma(0), within(1e-3 * exact.sigma(0)));
  }
}
