package org.gradflow.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.TestSpecs;
import org.gradflow.integrate.RunResult;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

/** {@code maxValue} reads the largest sample of an observable: PASS within the tolerance, FAIL outside. */
class MaxValueCheckTest {
  private static final String SYSTEM = "{'model': 'quadratic', 'params': {'A': [[2, 0], [0, 1]], 'b': [0, 0]},"
      + " 'init': {'explicit': {'theta': [1, -1]}}, 'integrator': {'tEnd': 3, 'grid': {'linear': 30}}}";

  private static List<CheckResult> evaluate(String check) throws Exception {
    JsonNode node = Json.MAPPER.readTree(check.replace('\'', '"'));
    RunResult run = TestSpecs.run(SYSTEM);
    SuiteContext ctx = new SuiteContext() {
      @Override
      public RunResult run(String systemFile, List<String> overrides) {
        return run;
      }

      @Override
      public SystemSpec spec(String systemFile, List<String> overrides) {
        return run.spec();
      }

      @Override
      public Path outputDir() {
        return Path.of(".");
      }
    };
    return CheckRegistry.create(new SpecSection("suite.json", "checks[0]", node)).evaluate(ctx);
  }

  @Test
  void theLargestLossIsTheInitialOne() throws Exception {
    // L = θ1² + θ2²/2 decreases from 1.5: the max over the samples is L(0), the final value is not
    List<CheckResult> ok = evaluate("{'type': 'maxValue', 'system': 's', 'observable': 'loss', 'predicted': 1.5, 'relTol': 1e-12}");
    assertThat(ok).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.PASS));
    List<CheckResult> bad = evaluate("{'type': 'maxValue', 'system': 's', 'observable': 'loss', 'predicted': 1.4, 'absTol': 1e-3}");
    assertThat(bad).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.FAIL));
    List<CheckResult> last = evaluate("{'type': 'finalValue', 'system': 's', 'observable': 'loss', 'predicted': 1.5, 'relTol': 1e-3}");
    assertThat(last).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.FAIL));
  }
}
