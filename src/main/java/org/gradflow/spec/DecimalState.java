package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.FieldDecimal;
import org.gradflow.core.ParameterLayout;

/**
 * The initial state as the spec writes it, for the high-precision path: each entry of an
 * {@code init.explicit} block is the decimal literal of the spec (1e-20, not the double
 * 1.0000000000000000209e-20), every other entry the exact value of the double θ0 the family built.
 * A literal is used only where the family's θ0 is that literal rounded to double, so a family that
 * transforms its explicit init keeps its own values.
 */
public final class DecimalState {
  private DecimalState() {}

  public static BigDecimal[] initial(SystemSpec spec, ParameterLayout layout, double[] theta0) {
    BigDecimal[] out = new BigDecimal[theta0.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = FieldDecimal.exact(theta0[i]);
    }
    SpecSection init = spec.init();
    if (!init.isPresent() || !init.has("explicit") || !init.child("explicit").node().isObject()) {
      return out;
    }
    JsonNode explicit = init.child("explicit").node();
    for (ParameterLayout.Block b : layout.blocks()) {
      List<JsonNode> leaves = new ArrayList<>();
      flatten(explicit.get(b.name()), leaves);
      if (leaves.size() != b.size()) {
        continue;
      }
      for (int k = 0; k < leaves.size(); k++) {
        BigDecimal literal = leaves.get(k).decimalValue();
        if (literal.doubleValue() == theta0[b.offset() + k]) {
          out[b.offset() + k] = literal;
        }
      }
    }
    return out;
  }

  private static void flatten(JsonNode n, List<JsonNode> leaves) {
    if (n == null) {
      return;
    }
    if (n.isArray()) {
      n.forEach(e -> flatten(e, leaves));
    } else if (n.isNumber()) {
      leaves.add(n);
    }
  }
}
