package org.gradflow.integrate;

import java.util.List;

/**
 * Everything one solve produced, complete or not, and nothing of the spec or system it came
 * from. {@code decimalFinalState} holds the final state's full decimal digits on the
 * high-precision path (null on the double and GD paths); {@code failure} is null unless the
 * outcome is FAILED.
 */
public record Solution(
    Trajectory trajectory,
    List<EventRecord> events,
    IntegrationStats stats,
    double finalTime,
    double[] finalState,
    String[] decimalFinalState,
    Outcome outcome,
    Failure failure,
    String reason,
    List<String> warnings) {

  public Solution {
    if ((outcome == Outcome.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("a failure is given exactly when the outcome is FAILED");
    }
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  /** First event of that name, or null. */
  public EventRecord firstEvent(String name) {
    for (EventRecord e : events) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
