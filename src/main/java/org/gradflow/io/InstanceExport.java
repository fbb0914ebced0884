package org.gradflow.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.gradflow.models.ExplicitInputs;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * One instance in the spec's explicit formats: θ0 by block, the generated data and the fixed
 * parameters, as the {@code params}, {@code data} and {@code init} sections a spec takes
 * ({@link #sections}), and as a complete spec that rebuilds the identical system
 * ({@link #systemSpec}).
 */
public final class InstanceExport {
  private InstanceExport() {}

  /**
   * {@code params} and {@code data} with everything generated made explicit (as the spec has
   * them when the family declares nothing), and {@code init}: {@code {"explicit": θ0 blocks}}
   * plus the family's fixed init fields.
   */
  public static ObjectNode sections(SystemSpec spec, FlowSystem system) {
    ExplicitInputs in = system.inputs();
    ObjectNode out = Json.MAPPER.createObjectNode();
    putSection(out, "params", in.params(), spec.params());
    putSection(out, "data", in.data(), spec.data());
    ObjectNode init = out.putObject("init");
    init.set("explicit", Json.MAPPER.valueToTree(StateJson.blocks(system.flow().layout(), system.initialState())));
    for (Map.Entry<String, Object> f : in.initFields().entrySet()) {
      init.set(f.getKey(), Json.MAPPER.valueToTree(f.getValue()));
    }
    return out;
  }

  /** The spec as run (after --set) with its params, data and init replaced by {@link #sections}. */
  public static ObjectNode systemSpec(SystemSpec spec, ObjectNode sections) {
    ObjectNode tree = ((ObjectNode) spec.tree()).deepCopy();
    String from = Path.of(spec.file()).getFileName().toString();
    String description = spec.description() == null || spec.description().isBlank() ? ""
        : ": " + spec.description();
    tree.put("description", "explicit instance exported from " + from + description);
    sections.fieldNames().forEachRemaining(f -> tree.set(f, sections.get(f)));
    return tree;
  }

  private static void putSection(ObjectNode out, String name, Map<String, Object> explicit, SpecSection asGiven) {
    if (explicit != null) {
      out.set(name, Json.MAPPER.valueToTree(explicit));
    } else if (asGiven.isPresent()) {
      out.set(name, asGiven.node().deepCopy());
    }
  }
}
