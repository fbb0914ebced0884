package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gradflow.spec.SpecSection;

/**
 * A monomial of named point values, ∏ value(name)^power, which is what scaling laws talk
 * about (T1·σ1²·m·m1). Written as a name ({@code "event:T1"}) or an object of name → power
 * ({@code {"event:T1": 1, "init.gaussian.scale": 2, "params.m": 1}}). Names are resolved by
 * {@link PointValues}: {@code event:<name>}, {@code result:<metric>}, or a dotted spec path.
 */
public record Quantity(Map<String, Double> powers) {

  public Quantity {
    powers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(powers));
  }

  static Quantity parse(SpecSection s) {
    JsonNode n = s.node();
    Map<String, Double> powers = new LinkedHashMap<>();
    if (n.isTextual() && !n.asText().isBlank()) {
      powers.put(n.asText().trim(), 1.0);
    } else if (n.isObject() && !n.isEmpty()) {
      for (String name : s.fieldNames()) {
        JsonNode p = n.get(name);
        if (!p.isNumber() || !Double.isFinite(p.asDouble())) {
          throw s.error(name, "power must be a finite number, got " + p);
        }
        powers.put(name, p.asDouble());
      }
    } else {
      throw s.error("expected a value name (e.g. \"event:T1\") or an object of name -> power");
    }
    for (String name : powers.keySet()) {
      PointValues.checkName(s, name);
    }
    return new Quantity(powers);
  }

  /** The value at one point, NaN when a factor is undefined there (e.g. an event never fired). */
  public double at(PointValues values) {
    double v = 1;
    for (Map.Entry<String, Double> e : powers.entrySet()) {
      v *= Math.pow(values.value(e.getKey()), e.getValue());
    }
    return v;
  }

  /** Readable label: {@code event:T1 · params.m^2}. */
  public String label() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : powers.entrySet()) {
      if (sb.length() > 0) {
        sb.append(" · ");
      }
      sb.append(e.getKey());
      double p = e.getValue();
      if (p != 1) {
        sb.append('^').append(p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%g", p));
      }
    }
    return sb.toString();
  }
}
