package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;

/**
 * One run of a sweep: its position ({@code index}, folder name {@code id} such as
 * {@code p0007}), the values it assigns (axis paths and seed paths, in sweep order), the full
 * system spec tree after overrides, and that tree's {@link SpecHash}.
 */
public record SweepPoint(int index, String id, Map<String, JsonNode> assignments, ObjectNode tree, String hash) {

  /** The point's system spec, validated; errors name the base file and this point. */
  public SystemSpec spec(String baseFile) {
    return SpecLoader.fromTree(baseFile + " [sweep point " + id + ": " + describe() + "]", tree, List.of());
  }

  /** {@code params.m=64, data.seed=3}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    assignments.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }
}
