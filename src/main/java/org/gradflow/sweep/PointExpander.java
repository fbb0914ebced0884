package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;

/**
 * Turns a sweep into its points, in a fixed order: axis combinations (cartesian: first axis
 * slowest; zip: element by element), each repeated over the seeds (innermost). Every point's
 * tree is the base, then the sweep's {@code set} overrides, then its own assignments, and is
 * validated as a system spec here so a bad axis value fails before anything runs.
 */
public final class PointExpander {
  private PointExpander() {}

  public static List<SweepPoint> expand(SweepSpec sweep) {
    List<Map<String, JsonNode>> combos = combinations(sweep);
    int total = combos.size() * (sweep.repetition() == null ? 1 : sweep.repetition().seeds().size());
    int width = Math.max(4, Integer.toString(total - 1).length());
    List<SweepPoint> points = new ArrayList<>(total);
    for (Map<String, JsonNode> combo : combos) {
      if (sweep.repetition() == null) {
        points.add(point(sweep, points.size(), width, combo));
        continue;
      }
      for (long seed : sweep.repetition().seeds()) {
        Map<String, JsonNode> a = new LinkedHashMap<>(combo);
        for (String p : sweep.repetition().paths()) {
          a.put(p, JsonNodeFactory.instance.numberNode(seed));
        }
        points.add(point(sweep, points.size(), width, a));
      }
    }
    return points;
  }

  private static List<Map<String, JsonNode>> combinations(SweepSpec sweep) {
    List<Axis> axes = sweep.axes();
    List<Map<String, JsonNode>> out = new ArrayList<>();
    if (axes.isEmpty()) {
      out.add(Map.of());
      return out;
    }
    if (sweep.combine() == SweepSpec.Combine.ZIP) {
      for (int i = 0; i < axes.get(0).size(); i++) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Axis a : axes) {
          m.put(a.path(), a.values().get(i));
        }
        out.add(m);
      }
      return out;
    }
    int[] idx = new int[axes.size()];
    while (true) {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      for (int k = 0; k < axes.size(); k++) {
        m.put(axes.get(k).path(), axes.get(k).values().get(idx[k]));
      }
      out.add(m);
      int k = axes.size() - 1;
      while (k >= 0 && ++idx[k] == axes.get(k).size()) {
        idx[k--] = 0;
      }
      if (k < 0) {
        return out;
      }
    }
  }

  private static SweepPoint point(SweepSpec sweep, int index, int width, Map<String, JsonNode> assignments) {
    String id = "p" + String.format("%0" + width + "d", index);
    ObjectNode tree = sweep.baseTree().deepCopy();
    for (String o : sweep.set()) {
      SpecLoader.applyOverride(sweep.file() + " (set)", tree, o);
    }
    for (Map.Entry<String, JsonNode> e : assignments.entrySet()) {
      try {
        SpecLoader.setPath(sweep.file(), tree, e.getKey(), e.getValue().deepCopy());
      } catch (SpecException ex) {
        throw new SpecException(sweep.file(), "axes", "point " + id + ": " + ex.getMessage());
      }
    }
    SweepPoint p = new SweepPoint(index, id,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments)), tree, SpecHash.of(tree));
    p.spec(sweep.baseFile());
    return p;
  }
}
