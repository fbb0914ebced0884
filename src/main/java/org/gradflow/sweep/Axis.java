package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.spec.SpecSection;

/**
 * One swept spec field: a dotted path into the system spec (e.g. {@code params.m},
 * {@code init.gaussian.scale}) and the values it takes, given as an explicit list, a linear
 * range or a log range ({@code {"from", "to", "count"}}, endpoints included exactly).
 * {@code "integer": true} rounds range values to the nearest integer (e.g. sizes).
 */
public record Axis(String path, List<JsonNode> values) {
  private static final List<String> FIELDS = List.of("path", "values", "linear", "log", "integer");

  public Axis {
    values = List.copyOf(values);
  }

  static Axis parse(SpecSection s) {
    s.allowOnly(FIELDS);
    String path = s.text("path", null);
    if (path == null || path.isBlank()) {
      throw s.error("path", "required: the dotted spec field this axis sets, e.g. params.m");
    }
    int kinds = (s.has("values") ? 1 : 0) + (s.has("linear") ? 1 : 0) + (s.has("log") ? 1 : 0);
    if (kinds != 1) {
      throw s.error("give exactly one of \"values\" (list), \"linear\" or \"log\" ({from, to, count})");
    }
    boolean integer = s.bool("integer", false);
    List<JsonNode> values = new ArrayList<>();
    if (s.has("values")) {
      JsonNode list = s.node().get("values");
      if (!list.isArray() || list.isEmpty()) {
        throw s.error("values", "must be a non-empty list");
      }
      list.forEach(values::add);
    } else {
      boolean log = s.has("log");
      SpecSection r = s.child(log ? "log" : "linear");
      double from = r.number("from");
      double to = r.number("to");
      int count = r.positiveInteger("count");
      if (log && !(from > 0 && to > 0)) {
        throw r.error("a log range needs from > 0 and to > 0, got from " + from + ", to " + to);
      }
      for (int i = 0; i < count; i++) {
        double v = rangeValue(from, to, count, i, log);
        values.add(integer ? JsonNodeFactory.instance.numberNode(Math.round(v))
            : JsonNodeFactory.instance.numberNode(v));
      }
    }
    return new Axis(path.trim(), values);
  }

  /** i-th of count values from..to (inclusive), evenly spaced in v or in log v; endpoints exact. */
  static double rangeValue(double from, double to, int count, int i, boolean log) {
    if (count == 1 || i == 0) {
      return from;
    }
    if (i == count - 1) {
      return to;
    }
    double f = (double) i / (count - 1);
    return log ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from);
  }

  public int size() {
    return values.size();
  }
}
