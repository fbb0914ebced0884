package org.gradflow.integrate;

import java.util.List;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Step handler: samples the dense output at the grid times, counts accepted steps, remembers
 * the last accepted state (what a failed run keeps), reports progress, and watches for blocks
 * that shrink below their absolute tolerance.
 */
final class Recorder implements ODEStepHandler {
  private final double[] times;
  private final RecordedObservables columns;
  private final Trajectory trajectory;
  private final boolean keepStates;
  private final Progress progress;
  private final java.util.function.LongSupplier rhsEvaluations;
  private final double[] atol;
  private final ParameterLayout layout;
  private final List<String> warnings;
  private int next;
  private long steps;
  private double lastTime;
  private double[] lastState;

  Recorder(double[] times, RecordedObservables columns, Trajectory trajectory, boolean keepStates,
      Progress progress, java.util.function.LongSupplier rhsEvaluations, double[] atol, ParameterLayout layout, List<String> warnings) {
    this.times = times;
    this.columns = columns;
    this.trajectory = trajectory;
    this.keepStates = keepStates;
    this.progress = progress;
    this.rhsEvaluations = rhsEvaluations;
    this.atol = atol;
    this.layout = layout;
    this.warnings = warnings;
  }

  @Override
  public void init(ODEStateAndDerivative s0, double t) {
    next = 0;
    lastTime = s0.getTime();
    lastState = s0.getPrimaryState();
  }

  @Override
  public void handleStep(ODEStateInterpolator interpolator) {
    ODEStateAndDerivative end = interpolator.getCurrentState();
    double tEnd = end.getTime();
    while (next < times.length && times[next] <= tEnd) {
      double t = times[next++];
      double[] theta = t == tEnd ? end.getPrimaryState() : interpolator.getInterpolatedState(t).getPrimaryState();
      sample(t, theta);
    }
    steps++;
    lastTime = tEnd;
    lastState = end.getPrimaryState();
    if (steps % 64 == 0 && warnings.size() < 32) {
      warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(lastState, atol, layout, tEnd));
    }
    progress.update(tEnd, trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN, steps, rhsEvaluations.getAsLong());
  }

  private void sample(double t, double[] theta) {
    trajectory.add(columns.row(t, theta), keepStates ? theta.clone() : null);
  }

  /** After a run stopped early, the last row is the stopping state itself. */
  void finishAt(double t, double[] theta) {
    if (trajectory.size() == 0 || trajectory.row(trajectory.size() - 1)[0] < t) {
      sample(t, theta);
    }
  }

  long steps() {
    return steps;
  }

  double lastTime() {
    return lastTime;
  }

  double[] lastState() {
    return lastState;
  }
}
