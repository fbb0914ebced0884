package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.List;

/**
 * The located crossings of one solve, on every path (double, Dfp, GD): filters them by the
 * event's direction, stops the run on a terminal one, and decides persistence when the run is
 * over.
 *
 * <p>Persistence is decided by the last crossing: a crossing persisted when no later crossing of
 * the same event undid it and the observable ends on its crossed side. Any later crossing of the
 * same event implies the observable went back in between, so only the last recorded crossing of
 * an event can have persisted.
 */
final class EventLog {
  private final RecordedObservables columns;
  private final List<EventRecord> records = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private String stopReason;

  EventLog(RecordedObservables columns) {
    this.columns = columns;
  }

  /** Records a crossing of {@code e} at (t, θ) if its direction counts; true if the run must stop. */
  boolean crossing(Event e, double t, double[] theta, boolean increasing, String where) {
    if (!e.direction().accepts(increasing)) {
      return false;
    }
    records.add(new EventRecord(e.name(), e.observable().name(), e.threshold(), increasing, t,
        columns.values(t, theta), theta.clone(), e.terminal(), false));
    events.add(e);
    if (e.terminal() && stopReason == null) {
      stopReason = "terminal event '" + e.name() + "' at t = " + t + where;
    }
    return e.terminal();
  }

  /** Attaches the decimal event time of the high-precision path to the last record. */
  void lastTimeDecimal(String decimal) {
    int i = records.size() - 1;
    records.set(i, records.get(i).withTimeDecimal(decimal));
  }

  String stopReason() {
    return stopReason;
  }

  /** The crossings with persistence decided at the final state, or left false when there is none. */
  List<EventRecord> finish(double[] thetaEndOrNull, double tEnd) {
    if (records.isEmpty() || thetaEndOrNull == null) {
      return List.copyOf(records);
    }
    List<EventRecord> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      boolean last = true;
      for (int j = i + 1; j < records.size() && last; j++) {
        last = events.get(j) != events.get(i);
      }
      EventRecord r = records.get(i);
      out.add(last ? r.settledBy(columns.value(events.get(i).observable(), thetaEndOrNull)) : r.withPersisted(false));
    }
    return out;
  }
}
