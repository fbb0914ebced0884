package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Outcome;
import org.gradflow.integrate.Progress;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.RunResult;
import org.gradflow.models.SystemRuns;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiny-initialization event time on the 40-digit path against an independent 50-digit solution:
 * systems/markov-canonical-tiny.json (p = 0.2, q = 0.3, w0 = 0.05) from e0 = 1e-20 and 1e-40, the
 * time at which |e| has doubled (the flow's escape from e = 0 begins). References:
 * {@code scripts/markov_canonical_crossing_mpmath.py 0.2 0.3 E0 0.05 2·E0} at 50 and 60 digits
 * (mpmath's Taylor-series odefun on u = e/e0 and findroot), which agree to all 50 printed digits.
 * The doubling time hardly depends on e0 (the flow is linear in e near 0, the references differ
 * from the 40th digit on), so the test checks that the field path resolves an event on a state of
 * size 1e-40 to 30 digits (its absolute tolerance is relative to the initial size), not e0's effect.
 * The same run continued to |e| = 0.1 (t ≈ 181.39, 74 409 steps, about 2.5 minutes: too long for
 * a unit test) agrees with the reference to 1.3e-33 relative; see docs/markov.md.
 */
class TinyInitEscapeTest {
  private static final DfpField FIELD = new DfpField(50);

  @ParameterizedTest(name = "e0 = {0}")
  @CsvSource({
      "1e-20, 2e-20, 2.8737445296846820456767500889642477946748411920226",
      "1e-40, 2e-40, 2.8737445296846820456767500889642477946745445039812"})
  void doublingTimeHasThirtyCorrectDigits(String e0, String twice, String reference) {
    SystemSpec spec = SpecLoader.load(Path.of("systems/markov-canonical-tiny.json"), List.of(
        "init.explicit.e=" + e0, "integrator.digits=40", "integrator.rtol=1e-32",
        "integrator.atol={\"relativeToInitial\": 1e-32}", "integrator.tEnd=3",
        // |e| grows monotonically here: a coarse check interval (every step end is checked anyway)
        "integrator.eventCheckInterval=0.5",
        "events=[{\"name\": \"doubling\", \"observable\": \"absE\", \"threshold\": " + twice
            + ", \"direction\": \"up\"}]"));
    RunResult r = SystemRuns.run(spec, ModelRegistry.build(spec), Progress.NONE);
    assertThat(r.outcome()).isEqualTo(Outcome.COMPLETED);
    EventRecord doubling = r.events().stream().filter(e -> e.name().equals("doubling")).findFirst().orElseThrow();
    assertThat(doubling.timeDecimal()).isNotNull();
    Dfp ref = FIELD.newDfp(reference);
    double relative = FIELD.newDfp(doubling.timeDecimal()).subtract(ref).divide(ref).abs().toDouble();
    assertThat(relative).as("doubling at t = %s, reference %s", doubling.timeDecimal(), reference)
        .isLessThan(1e-30);
  }
}
