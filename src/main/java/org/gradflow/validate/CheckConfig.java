package org.gradflow.validate;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.spec.SpecSection;

/**
 * Reading the fields every check object shares: {@code system} (a systems/ file),
 * {@code set} (overrides for it), {@code id}, {@code title}; and a guard against unknown fields.
 */
public final class CheckConfig {
  private CheckConfig() {}

  public static String system(SpecSection c) {
    String s = c.text("system", null);
    if (s == null) {
      throw c.error("system", "required: the system file this check runs");
    }
    return s;
  }

  public static List<String> overrides(SpecSection c) {
    List<String> out = new ArrayList<>();
    SpecSection set = c.child("set");
    if (!set.isPresent()) {
      return out;
    }
    if (!set.node().isArray()) {
      throw set.error("must be a list of \"path=value\" strings");
    }
    for (int i = 0; i < set.node().size(); i++) {
      if (!set.node().get(i).isTextual()) {
        throw set.element(i).error("must be a \"path=value\" string");
      }
      out.add(set.node().get(i).textValue());
    }
    return out;
  }

  /** Rejects fields other than the shared ones and {@code allowed}. */
  public static void allowOnly(SpecSection c, String... allowed) {
    List<String> ok = new ArrayList<>(List.of("type", "id", "title", "system", "set"));
    ok.addAll(List.of(allowed));
    c.allowOnly(ok);
  }
}
