package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gradflow.spec.SpecSection;

/**
 * Named numbers of one finished point, for quantities and table columns:
 * {@code event:<name>} (time of the first crossing, NaN if it never fired),
 * {@code result:<metric>} (finalLoss, finalTime, steps, rejectedSteps, rhsEvaluations,
 * dimension), or a dotted path into the point's system spec ({@code params.m}).
 */
public final class PointValues {
  static final List<String> METRICS =
      List.of("finalLoss", "finalTime", "steps", "rejectedSteps", "rhsEvaluations", "dimension");

  private final SweepPoint point;
  private final PointResult result;

  public PointValues(SweepPoint point, PointResult result) {
    this.point = point;
    this.result = result;
  }

  public String id() {
    return point.id();
  }

  public int index() {
    return point.index();
  }

  /** The first swept path, used as the default x of figures; null for a sweep of seeds only. */
  public String firstAxis() {
    return point.assignments().isEmpty() ? null : point.assignments().keySet().iterator().next();
  }

  public SweepPoint point() {
    return point;
  }

  public PointResult result() {
    return result;
  }

  static void checkName(SpecSection where, String name) {
    if (name.startsWith("result:") && !METRICS.contains(name.substring(7))) {
      throw where.error("unknown value '" + name + "' (result metrics: " + METRICS + ")");
    }
    if (name.startsWith("event:") && name.length() == 6) {
      throw where.error("'event:' needs an event name, e.g. event:T1");
    }
  }

  public double value(String name) {
    if (name.startsWith("event:")) {
      PointResult.EventSummary e = result.events().get(name.substring(6));
      return e == null ? Double.NaN : e.time();
    }
    if (name.startsWith("result:")) {
      return switch (name.substring(7)) {
        case "finalLoss" -> result.finalLoss();
        case "finalTime" -> result.finalTime();
        case "steps" -> result.steps();
        case "rejectedSteps" -> result.rejectedSteps();
        case "rhsEvaluations" -> result.rhsEvaluations();
        case "dimension" -> result.dimension();
        default -> throw new IllegalArgumentException("unknown metric " + name);
      };
    }
    JsonNode n = specValue(point.tree(), name);
    return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
  }

  /** Node at a dotted path (numeric parts index lists), or null. */
  static JsonNode specValue(JsonNode tree, String path) {
    JsonNode cur = tree;
    for (String part : path.split("\\.")) {
      if (cur == null) {
        return null;
      }
      cur = cur.isArray() && part.chars().allMatch(Character::isDigit) ? cur.get(Integer.parseInt(part)) : cur.get(part);
    }
    return cur;
  }
}
