package org.gradflow.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.EventRecord;

/**
 * The one JSON form of located events, whatever path located them (double, Dfp, GD, imported
 * snapshots): name, observable, threshold, direction, time {@code t}, {@code tDecimal} (all
 * digits on the Dfp path, else null), terminal, persisted, the recorded observables and, for
 * states small enough, θ by block.
 */
public final class EventsJson {
  /** Largest dimension whose event states are written. */
  public static final int STATE_LIMIT = 5_000;

  private EventsJson() {}

  public static List<Map<String, Object>> of(List<EventRecord> events, ParameterLayout layout) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (EventRecord e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("observable", e.observable());
      m.put("threshold", e.threshold());
      m.put("direction", e.increasing() ? "up" : "down");
      m.put("t", e.time());
      m.put("tDecimal", e.timeDecimal());
      m.put("terminal", e.terminal());
      m.put("persisted", e.persisted());
      m.put("values", e.values());
      if (layout.dimension() <= STATE_LIMIT) {
        m.put("state", StateJson.blocks(layout, e.state()));
      }
      out.add(m);
    }
    return out;
  }
}
