package org.gradflow.models.cooccurrence;

import org.gradflow.integrate.RunView;
import org.gradflow.integrate.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact identities of spec §3.4 along a trajectory of the small preset: the conserved
 * matrices C1 = WᵀW − W_V W_Vᵀ and C2 = W_K W_Kᵀ − W_Q W_Qᵀ, Eq. (4)/(5), Lemma F.11 and the
 * energy identity, through the engine (observables on the grid) and directly with Hipparchus.
 */
class TrajectoryIdentitiesTest {
  static RunResult run;

  @BeforeAll
  static void integrate() {
    // two detectors only: each one costs dense-output interpolations on every check
    SystemSpec spec = SpecLoader.load(Path.of("systems/cooccurrence-small.json"),
        List.of("params.builtinEvents=[\"E_sign\", \"E_T1\"]", "integrator.grid.log=40",
            "params.observeInvariants=true"));
    FlowSystem system = ModelRegistry.build(spec);
    run = SystemRuns.run(spec, system, Progress.NONE);
  }

  private static double maxAbs(String column) {
    return run.view().maxAbs(column);
  }

  @Test
  void runCompletesAndGoesThroughBothPhases() {
    assertThat(run.outcome()).isEqualTo(Outcome.COMPLETED);
    RunView v = run.view();
    assertThat(v.persistentOrFirstTime("E_sign")).isLessThan(v.persistentOrFirstTime("E_T1"));
    assertThat(v.persistentOrFirst("E_T1").persisted()).isTrue();
    assertThat(v.last("loss")).isLessThan(0.05);
  }

  @Test
  void conservationLawsHoldToTheIntegratorTolerance() {
    // rtol 1e-9 on entries of size ~σ²·m: drift must stay many orders below the scale of C
    assertThat(maxAbs("c1Drift")).isLessThan(1e-9);
    assertThat(maxAbs("c2Drift")).isLessThan(1e-15);
  }

  @Test
  void exactIdentitiesHoldAtEveryGridPoint() {
    assertThat(maxAbs("eq4Residual")).isLessThan(1e-12);
    assertThat(maxAbs("eq5Residual")).isLessThan(1e-12);
    assertThat(maxAbs("f11Residual")).isLessThan(1e-12);
    assertThat(maxAbs("energyResidual")).isLessThan(1e-12);
  }

  @Test
  void conservedMatricesDirectlyWithHipparchus() {
    Instance inst = Instance.generate(6, 4, 13, 6, 4, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
        0.5, 0.5, 5, 6);
    CooccurrenceFlow flow = inst.flow();
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return inst.theta0().length;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        double[] d = new double[y.length];
        flow.negativeGradient(y, d);
        return d;
      }
    };
    var dp = new DormandPrince853Integrator(1e-12, 10, 1e-14, 1e-12);
    double[] end = dp.integrate(ode, new ODEState(0, inst.theta0().clone()), 10.0).getPrimaryState();
    assertThat(flow.loss(end)).isLessThan(0.5 * flow.loss(inst.theta0()));
    double[][] c1a = conserved(flow, inst.theta0(), "W", "W_V");
    double[][] c1b = conserved(flow, end, "W", "W_V");
    double[][] c2a = conserved(flow, inst.theta0(), "W_Q", "W_K");
    double[][] c2b = conserved(flow, end, "W_Q", "W_K");
    for (int r = 0; r < c1a.length; r++) {
      for (int s = 0; s < c1a.length; s++) {
        assertThat(c1b[r][s]).isCloseTo(c1a[r][s], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c2b[r][s]).isCloseTo(c2a[r][s], org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  /** C1 = WᵀW − W_V W_Vᵀ (first = "W"), C2 = W_K W_Kᵀ − W_Q W_Qᵀ (first = "W_Q"), m×m. */
  private static double[][] conserved(CooccurrenceFlow flow, double[] th, String first, String second) {
    var l = flow.layout();
    double[][] a = l.matrix(th, first);
    double[][] b = l.matrix(th, second);
    int m = flow.m();
    double[][] c = new double[m][m];
    for (int r = 0; r < m; r++) {
      for (int s = 0; s < m; s++) {
        double x = 0;
        if (first.equals("W")) {
          for (double[] row : a) {
            x += row[r] * row[s];
          }
          for (int k = 0; k < b[0].length; k++) {
            x -= b[r][k] * b[s][k];
          }
        } else {
          for (int k = 0; k < b[0].length; k++) {
            x += b[r][k] * b[s][k] - a[r][k] * a[s][k];
          }
        }
        c[r][s] = x;
      }
    }
    return c;
  }
}
