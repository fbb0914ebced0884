package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;

/**
 * The Dfp path reaches far below double precision on a system with an exact solution — the
 * solution of the decimal problem the spec states (a = 1.2, θ0 = 0.3, … as decimals, not their
 * doubles), evaluated in Dfp.
 */
class HighPrecisionTest {

  @Test
  void dfpPathAt40DigitsMatchesExactSolutionOfTheDecimalProblemTo1e28() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/quadratic-dfp.json"), List.of());
    FlowSystem system = ModelRegistry.build(spec);
    RunResult r = FlowIntegrator.run(spec, system, Progress.NONE);
    assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
    assertThat(r.stats().digits()).isEqualTo(40);

    DfpField f = new DfpField(40);
    String[] a = {"1.2", "0.5", "0.25"};
    String[] b = {"1.0", "-2.0", "0.5"};
    String[] x0 = {"0.3", "-0.7", "1.1"};
    Dfp t = f.newDfp(spec.integrator().tEnd());
    Dfp worst = f.getZero();
    for (int i = 0; i < 3; i++) {
      Dfp star = f.newDfp(b[i]).divide(f.newDfp(a[i]));
      Dfp exact = star.add(f.newDfp(x0[i]).subtract(star).multiply(t.multiply(f.newDfp(a[i])).negate().exp()));
      Dfp got = f.newDfp(r.decimalFinalState()[i]);
      Dfp rel = got.subtract(exact).abs().divide(exact.abs());
      worst = rel.greaterThan(worst) ? rel : worst;
    }
    assertThat(worst.toDouble()).isLessThan(1e-28);
    // consistent with the double path at its best, to double precision
    RunResult d = FlowIntegrator.run(SpecLoader.load(Path.of("systems/quadratic-dfp.json"),
        List.of("integrator.digits=null", "integrator.rtol=1e-14", "integrator.atol=1e-16")), system, Progress.NONE);
    assertThat(d.stats().digits()).isZero();
    assertThat(d.finalState()[0]).isCloseTo(f.newDfp(r.decimalFinalState()[0]).toDouble(),
        org.assertj.core.api.Assertions.within(1e-13));
  }
}
