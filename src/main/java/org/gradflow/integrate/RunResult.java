package org.gradflow.integrate;

import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/**
 * Everything one integration produced, complete or not. {@code decimalFinalState} holds the
 * final state's full decimal digits on the high-precision path (null on the double path).
 */
public record RunResult(
    SystemSpec spec,
    FlowSystem system,
    Trajectory trajectory,
    List<EventRecord> events,
    IntegrationStats stats,
    double finalTime,
    double[] finalState,
    String[] decimalFinalState,
    Outcome outcome,
    String reason,
    List<String> warnings) {

  /** How the run ended. */
  public enum Outcome {
    /** reached t_end */
    COMPLETED,
    /** a stop condition or terminal event ended it early, as asked */
    STOPPED,
    /** the integration failed (NaN/Inf, step underflow, evaluation budget); results are partial */
    FAILED
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
