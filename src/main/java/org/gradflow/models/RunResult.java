package org.gradflow.models;

import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.IntegrationStats;
import org.gradflow.integrate.Outcome;
import org.gradflow.integrate.RunView;
import org.gradflow.spec.SystemSpec;
import org.gradflow.integrate.Solution;
import org.gradflow.integrate.SolveOptions;
import org.gradflow.integrate.Trajectory;

/**
 * A system's run as writers, checks and reports see it: the spec and system it came from, the
 * options the engine was given (the span may differ from the spec's, e.g. a GD reference run
 * to K·η), and the engine's {@link Solution}.
 */
public record RunResult(SystemSpec spec, FlowSystem system, SolveOptions options, Solution solution) {

  public Trajectory trajectory() {
    return solution.trajectory();
  }

  public List<EventRecord> events() {
    return solution.events();
  }

  public IntegrationStats stats() {
    return solution.stats();
  }

  public double finalTime() {
    return solution.finalTime();
  }

  public double[] finalState() {
    return solution.finalState();
  }

  /** The final state's full decimal digits on the high-precision path, null elsewhere. */
  public String[] decimalFinalState() {
    return solution.decimalFinalState();
  }

  public Outcome outcome() {
    return solution.outcome();
  }

  public String reason() {
    return solution.reason();
  }

  public List<String> warnings() {
    return solution.warnings();
  }

  public boolean failed() {
    return solution.failed();
  }

  /** First event of that name, or null. */
  public EventRecord firstEvent(String name) {
    return solution.firstEvent(name);
  }

  /** Lookups on this run's samples and events. */
  public RunView view() {
    return new RunView(solution);
  }
}
