package org.gradflow.integrate;

import java.util.Map;

/**
 * One located crossing: the event's name, the observable and threshold, whether it crossed
 * upward, the time, all recorded observables at that time, the state, and whether the
 * observable stayed on the crossed side until the end of the run ({@code persisted}).
 */
public record EventRecord(
    String name,
    String observable,
    double threshold,
    boolean increasing,
    double time,
    Map<String, Double> values,
    double[] state,
    boolean terminal,
    boolean persisted) {

  public EventRecord withPersisted(boolean p) {
    return new EventRecord(name, observable, threshold, increasing, time, values, state, terminal, p);
  }

  /** This crossing with {@code persisted} decided from the observables at the end of the run. */
  public EventRecord settledBy(Map<String, Double> finalValues) {
    Double v = finalValues.get(observable);
    return withPersisted(v != null && (increasing ? v >= threshold : v <= threshold));
  }
}
