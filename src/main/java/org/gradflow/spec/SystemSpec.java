package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One system: a model family by registry name, its model-specific sections ({@code params},
 * {@code data}, {@code init}, read by the family) and the generic ones, already validated.
 * {@code tree} is the JSON as loaded, after command-line overrides: it is echoed into run.json
 * and hashed by sweeps.
 */
public record SystemSpec(
    String file,
    String name,
    String description,
    String model,
    SpecSection params,
    SpecSection data,
    SpecSection init,
    IntegratorSpec integrator,
    List<EventSpec> events,
    OutputSpec outputs,
    GradientChoice gradient,
    JsonNode tree) {

  /**
   * The flow that runs, GD and sweeps integrate for this spec: the family's {@code built} flow,
   * or its reverse-AD twin when {@code "gradient": "reverse-ad"}. Checks keep using the family's
   * own flow. Fails (exit 2) on {@code "analytic"} for a model that only has a loss.
   */
  public org.gradflow.core.GradientFlow flowToIntegrate(org.gradflow.core.GradientFlow built) {
    return gradient == null ? built : gradient.apply(file, model, built);
  }
}
