package org.gradflow.sweep;

import java.util.List;
import java.util.Set;
import org.gradflow.spec.SpecSection;

/**
 * A statement the sweep must confirm, evaluated over all finished points: a quantity constant
 * across the sweep ({@code "type": "constant"}) or a fitted slope ({@code "type": "slope"}).
 */
public sealed interface Expectation permits ConstantExpectation, SlopeExpectation {

  String id();

  ExpectationResult evaluate(List<PointValues> points);

  static Expectation parse(SpecSection s, String defaultId) {
    String type = s.text("type", null);
    if (type == null) {
      throw s.error("type", "required: \"constant\" or \"slope\"");
    }
    return switch (type) {
      case "constant" -> ConstantExpectation.parse(s, defaultId);
      case "slope" -> SlopeExpectation.parse(s, defaultId);
      default -> throw s.error("type", "unknown expectation type '" + type + "' (expected constant or slope)");
    };
  }

  static void checkFields(SpecSection s, Set<String> allowed) {
    s.allowOnly(allowed);
  }

  /** A number field that must be finite and positive when present. */
  static Double positiveOrNull(SpecSection s, String field) {
    if (!s.has(field)) {
      return null;
    }
    double v = s.number(field);
    if (!(v > 0) || !Double.isFinite(v)) {
      throw s.error(field, "must be a positive number, got " + v);
    }
    return v;
  }
}
