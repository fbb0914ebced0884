package org.gradflow.models.linattn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.integrate.Progress;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.SuiteRunner;
import org.gradflow.validate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check of validation/linattn.json, unchanged, on a test-budget instance: the separate
 * key–query systems (the long runs) shrink to d = 2 and a larger start; the merged and ZFB
 * systems run as shipped (about a second each), so the suite's literal predictions still apply.
 */
class LinattnSuiteTest {
  private static final List<String> SMALL_SEPARATE = List.of("data.eigenvalues=[0.6, 0.3]", "params.heads=2",
      "integrator.tEnd=3000", "outputs.observables=[\"pc1\", \"pc2\", \"balanceDrift\"]", "outputs.plots=[]");

  @Test
  void everyCheckOfTheShippedSuitePassesOnATestBudgetInstance(@TempDir Path dir) throws Exception {
    ObjectNode suite = (ObjectNode) SpecLoader.readTree(Path.of("validation/linattn.json"));
    int checks = 0;
    for (var node : suite.get("checks")) {
      ObjectNode check = (ObjectNode) node;
      String system = check.get("system").textValue();
      if (system.contains("separate")) {
        ArrayNode set = check.has("set") ? (ArrayNode) check.get("set") : check.putArray("set");
        SMALL_SEPARATE.forEach(set::add);
        set.add(system.contains("aligned") ? "init.aligned.scale=0.05" : "init.gaussian.scale=0.02");
      }
      checks++;
    }
    Path file = dir.resolve("linattn-small.json");
    Files.writeString(file, Json.MAPPER.writeValueAsString(suite));
    SuiteRunner.Outcome o = SuiteRunner.run(file, List.of(), dir, name -> Progress.NONE);
    assertThat(o.results()).hasSizeGreaterThan(checks);
    assertThat(o.results()).allSatisfy(r -> assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.PASS));
    assertThat(o.results()).anyMatch(r -> r.id().equals("plateau1"));
  }

  private static String describe(CheckResult r) {
    return r.id() + ": predicted " + r.predicted() + ", measured " + r.measured() + ", " + r.tolerance();
  }
}
