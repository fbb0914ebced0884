package org.gradflow.models;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SystemSpec;

/** All model families on the class path, by registry name. */
public final class ModelRegistry {
  private static final Map<String, ModelFamily> FAMILIES = load();

  private ModelRegistry() {}

  private static Map<String, ModelFamily> load() {
    Map<String, ModelFamily> m = new TreeMap<>();
    for (ModelFamily f : ServiceLoader.load(ModelFamily.class)) {
      if (m.put(f.name(), f) != null) {
        throw new IllegalStateException("two model families are named '" + f.name() + "'");
      }
    }
    return m;
  }

  public static Map<String, ModelFamily> families() {
    return FAMILIES;
  }

  public static ModelFamily family(String file, String name) {
    ModelFamily f = FAMILIES.get(name);
    if (f == null) {
      throw new SpecException(file, "model", "unknown model '" + name + "' (registered: "
          + String.join(", ", FAMILIES.keySet()) + ")");
    }
    return f;
  }

  /** Builds the system; a {@code "gradient"} the model cannot honour is a spec error here, before any run. */
  public static FlowSystem build(SystemSpec spec) {
    FlowSystem system = family(spec.file(), spec.model()).build(spec);
    // what the family did not ask about, it does not know: an unknown field, not a silent default
    spec.params().requireKnownFields();
    spec.data().requireKnownFields();
    spec.init().requireKnownFields();
    spec.flowToIntegrate(system.flow());
    return system;
  }
}
