package org.gradflow.integrate;

import java.util.Map;

/**
 * One located crossing: the event's name, the observable and threshold, whether it crossed
 * upward, the time, all recorded observables at that time, the state, and whether the
 * observable stayed on the crossed side until the end of the run ({@code persisted}: decided by
 * the event's last crossing, see {@link EventLog}). {@code timeDecimal} is the event time with
 * all its digits on the high-precision path (null elsewhere).
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
    boolean persisted,
    String timeDecimal) {

  public EventRecord(String name, String observable, double threshold, boolean increasing, double time,
      Map<String, Double> values, double[] state, boolean terminal, boolean persisted) {
    this(name, observable, threshold, increasing, time, values, state, terminal, persisted, null);
  }

  public EventRecord withPersisted(boolean p) {
    return new EventRecord(name, observable, threshold, increasing, time, values, state, terminal, p, timeDecimal);
  }

  EventRecord withTimeDecimal(String decimal) {
    return new EventRecord(name, observable, threshold, increasing, time, values, state, terminal, persisted, decimal);
  }

  /** This crossing with {@code persisted} decided from its observable's value at the end of the run. */
  EventRecord settledBy(double finalValue) {
    return withPersisted(increasing ? finalValue >= threshold : finalValue <= threshold);
  }
}
