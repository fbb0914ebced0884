package org.gradflow.validate;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.gradflow.spec.SpecSection;

/** Every check type on the class path, by name (from all {@link CheckProvider}s). */
public final class CheckRegistry {
  private static final Map<String, CheckType> TYPES = load();

  private CheckRegistry() {}

  private static Map<String, CheckType> load() {
    Map<String, CheckType> m = new TreeMap<>();
    for (CheckProvider p : ServiceLoader.load(CheckProvider.class)) {
      for (CheckType t : p.checkTypes()) {
        if (m.put(t.name(), t) != null) {
          throw new IllegalStateException("two check types are named '" + t.name() + "'");
        }
      }
    }
    return m;
  }

  public static Map<String, CheckType> types() {
    return TYPES;
  }

  public static Check create(SpecSection config) {
    String type = config.text("type", null);
    if (type == null) {
      throw config.error("type", "required (one of " + TYPES.keySet() + ")");
    }
    CheckType t = TYPES.get(type);
    if (t == null) {
      throw config.error("type", "unknown check type '" + type + "' (known: " + TYPES.keySet() + ")");
    }
    return t.create(config);
  }
}
