package org.gradflow.gd;

import org.gradflow.integrate.Outcome;
import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;

/**
 * One GD run: the recorded trajectory (column t = k·η), the steps of its rows, the events
 * located on the iterates (times k·η, linearly interpolated between steps), the last step
 * reached and its state, the cost, and how the run ended.
 */
public record GdResult(
    GdSettings settings,
    Trajectory trajectory,
    long[] rowSteps,
    List<EventRecord> events,
    long finalStep,
    double[] finalState,
    long gradientEvaluations,
    double wallSeconds,
    Outcome outcome,
    String reason) {

  public double finalTime() {
    return finalStep * settings.learningRate();
  }
}
