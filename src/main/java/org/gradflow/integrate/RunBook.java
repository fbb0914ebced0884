package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.gradflow.core.GradientFlow;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * The bookkeeping every path of a solve shares (double, Dfp, GD): samples at the save times,
 * the event log, accepted steps and the last accepted state, progress, warnings, and the
 * {@link Solution} at the end, so the three paths cannot drift in what they record or report.
 */
final class RunBook {
  final SolveOptions options;
  final GradientFlow flow;
  final RecordedObservables columns;
  final Trajectory trajectory;
  final EventLog log;
  final List<String> warnings = new ArrayList<>();
  private final Progress progress;
  private final double[] times;
  private final SaveAt.Listener listener;
  private final boolean keepStates;
  private final long started;
  private int next;
  private long steps;
  private double lastTime;
  private double[] lastState;

  RunBook(GradientFlow flow, double[] theta0, SolveOptions options, SaveAt saveAt, Progress progress) {
    this.options = options;
    this.flow = flow;
    this.columns = new RecordedObservables(flow, saveAt.observables());
    this.trajectory = new Trajectory(columns.columns());
    this.log = new EventLog(columns);
    this.progress = progress;
    this.times = saveAt.times();
    this.listener = saveAt.listener();
    this.keepStates = (long) times.length * theta0.length <= Solver.STATE_BUDGET;
    this.lastTime = options.t0();
    this.lastState = theta0.clone();
    progress.start(options.label(), new Progress.Span(options.t0(), options.t1(), saveAt.logFrom()));
    this.started = System.nanoTime();
  }

  /** Samples every save time up to {@code tStepEnd} (inclusive) from the step's dense output. */
  void sampleThrough(double tStepEnd, DoubleFunction<double[]> stateAt, DoubleFunction<String[]> decimalOrNull) {
    while (next < times.length && times[next] <= tStepEnd) {
      double t = times[next++];
      if (t < options.t0()) {
        continue;
      }
      sample(t, stateAt.apply(t), decimalOrNull == null ? null : decimalOrNull.apply(t));
    }
  }

  private void sample(double t, double[] theta, String[] decimal) {
    add(t, columns.row(t, theta), theta, decimal);
  }

  /** Samples a GD iterate whose loss and −∇L are known. */
  void sampleIterate(double t, double loss, double[] theta, double[] negGrad) {
    add(t, columns.row(t, loss, theta, negGrad), theta, null);
  }

  private void add(double t, double[] row, double[] theta, String[] decimal) {
    trajectory.add(row, keepStates ? theta.clone() : null, decimal);
    if (listener != null) {
      listener.saved(t, theta, row);
    }
  }

  /** The save times (GD maps them to iterates). */
  double[] times() {
    return times.clone();
  }

  /** An accepted step ended at (t, θ). */
  void accepted(double t, double[] theta, long evaluations) {
    steps++;
    lastTime = t;
    lastState = theta;
    progress.update(t, trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN, steps, evaluations);
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

  /** After a run stopped early, the last row is the stopping state itself. */
  void finishAt(double t, double[] theta, String[] decimal) {
    if (trajectory.size() == 0 || trajectory.row(trajectory.size() - 1)[0] < t) {
      sample(t, theta, decimal);
    }
  }

  /** What a Hipparchus exception (or a non-finite flow) means for the run. */
  static Failure classify(RuntimeException e) {
    if (e instanceof NonFiniteStateException) {
      return Failure.NON_FINITE;
    }
    if (e instanceof MathIllegalStateException) {
      return Failure.EVALUATION_BUDGET;
    }
    if (e instanceof MathIllegalArgumentException) {
      return Failure.STEP_UNDERFLOW;
    }
    throw e;
  }

  String failureReason(Failure f, RuntimeException e) {
    return switch (f) {
      case EVALUATION_BUDGET -> "evaluation budget exhausted (integrator.maxEvaluations = " + options.maxEvaluations()
          + ") at t = " + lastTime + ": " + e.getMessage();
      case STEP_UNDERFLOW -> "step size underflow at t = " + lastTime + ": " + e.getMessage();
      case NON_FINITE, LOSS_ROSE -> e.getMessage();
    };
  }

  double wallSeconds() {
    return (System.nanoTime() - started) * 1e-9;
  }

  /** The solution; the summary line goes to the progress. */
  Solution finish(Outcome outcome, Failure failure, String reason, double tFinal, double[] thetaFinal,
      String[] decimalFinal, IntegrationStats stats, String pathNote) {
    List<EventRecord> events = log.finish(outcome == Outcome.FAILED && options.method() == Method.GD ? null : thetaFinal,
        tFinal);
    progress.finish(String.format(Locale.ROOT, "%s: %s at t = %.6g%s, loss %.6e, %d steps (%d rejected), %d RHS evaluations, %.3f s",
        options.label(), outcome.name().toLowerCase(Locale.ROOT), tFinal, pathNote,
        trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN, stats.acceptedSteps(), stats.rejectedSteps(),
        stats.rhsEvaluations(),
        stats.wallSeconds()));
    return new Solution(trajectory, events, stats, tFinal, thetaFinal, decimalFinal, outcome, failure, reason,
        List.copyOf(new LinkedHashSet<>(warnings)));
  }
}
