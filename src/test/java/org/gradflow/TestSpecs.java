package org.gradflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;

/** Builds specs from inline JSON for tests (single quotes allowed for readability). */
public final class TestSpecs {
  private TestSpecs() {}

  public static SystemSpec spec(String json, String... overrides) {
    try {
      JsonNode tree = Json.MAPPER.readTree(json.replace('\'', '"'));
      return SpecLoader.fromTree("test.json", tree, List.of(overrides));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static RunResult run(String json, String... overrides) {
    SystemSpec s = spec(json, overrides);
    return SystemRuns.run(s, ModelRegistry.build(s), Progress.NONE);
  }
}
