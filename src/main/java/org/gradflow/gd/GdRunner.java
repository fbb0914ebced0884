package org.gradflow.gd;

import java.util.Arrays;
import org.gradflow.integrate.Method;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.Solution;
import org.gradflow.integrate.SolveOptions;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.RunResult;
import org.gradflow.models.SystemRuns;
import org.gradflow.spec.SystemSpec;

/**
 * Full-batch gradient descent θ_{k+1} = θ_k − η∇L(θ_k) on a system's own flow, run by the
 * engine as one more method ({@link Method#GD}): the spec's options with the span [0, K·η], the
 * learning rate and event stride of the settings, the iterates of {@link GdSettings#recordSteps()}
 * saved. Columns, events (the system's, the spec's, the stop conditions) and their log are the
 * flow run's; see the engine's GD path for how crossings between iterates are located.
 */
public final class GdRunner {

  /** Receives every recorded iterate (e.g. to compare it with a flow without storing it). */
  @FunctionalInterface
  public interface RecordListener {
    void recorded(long step, double[] theta, double[] row);
  }

  private GdRunner() {}

  /** The engine options of a GD run of these settings. */
  static SolveOptions options(SystemSpec spec, FlowSystem system, GdSettings settings) {
    return SystemRuns.options(spec, system)
        .withMethod(Method.GD)
        .withSpan(0, settings.endTime())
        .withLearningRate(settings.learningRate())
        .withEventStride(settings.eventStride())
        .withLabel(spec.name() + " (GD, lr " + settings.learningRate() + ")");
  }

  public static GdResult run(SystemSpec spec, FlowSystem system, GdSettings settings, Progress progress,
      RecordListener listener) {
    double eta = settings.learningRate();
    RunResult r = SystemRuns.run(spec, system, options(spec, system, settings), settings.recordTimes(), progress,
        listener == null ? null : (t, theta, row) -> listener.recorded(Math.round(t / eta), theta, row));
    Solution s = r.solution();
    long[] rowSteps = Arrays.stream(s.trajectory().times()).mapToLong(t -> Math.round(t / eta)).toArray();
    return new GdResult(settings, s.trajectory(), rowSteps, s.events(), s.stats().acceptedSteps(), s.finalState(),
        s.stats().rhsEvaluations(), s.stats().wallSeconds(), s.outcome(), s.reason());
  }
}
