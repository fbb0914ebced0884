package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;

/**
 * The canonical flow's 40-digit path against an independent solution of the decimal problem
 * (p = 0.5, q = 0.8 exactly): mpmath's Taylor-series odefun at 50 and 60 digits
 * ({@code scripts/markov_canonical_mpmath.py 0.5 0.8 1 -1 0.25 1}), which agree to 45 digits.
 * Before the field path built its coefficients from the spec's decimals, the two differed by
 * 2.9e-17 (q reached the field as the double 0.8000000000000000444…).
 */
class HighPrecisionReferenceTest {
  private static final DfpField FIELD = new DfpField(40);

  @Test
  void canonicalDfpRunMatchesTheMpmathSolutionTo1e30() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/markov-canonical-dfp.json"),
        List.of("integrator.rtol=1e-32", "integrator.atol=1e-40", "integrator.tEnd=0.25"));
    RunResult r = FlowIntegrator.run(spec, ModelRegistry.build(spec), Progress.NONE);
    assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
    assertThat(relativeError(r.decimalFinalState()[CanonicalFlow.E],
        "1.00822703076901779139712378072376155601489644")).isLessThan(1e-30);
    assertThat(relativeError(r.decimalFinalState()[CanonicalFlow.W],
        "-1.01613273093832310486965797354708897504305586")).isLessThan(1e-30);
  }

  private static double relativeError(String got, String reference) {
    Dfp ref = FIELD.newDfp(reference);
    return FIELD.newDfp(got).subtract(ref).divide(ref).abs().toDouble();
  }
}
