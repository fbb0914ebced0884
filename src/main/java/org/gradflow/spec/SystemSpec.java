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
    JsonNode tree) {}
