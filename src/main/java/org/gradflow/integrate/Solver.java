package org.gradflow.integrate;

import java.util.List;
import org.gradflow.core.GradientFlow;

/**
 * The engine's one entry point, in the shape of diffrax's {@code diffeqsolve}: the flow θ̇ = −∇L
 * from θ0 over the options' span, with the options' method (Dormand–Prince in double, DP853 in
 * Dfp when digits are set, or gradient descent), the events located on the way, the trajectory
 * saved at {@link SaveAt}'s times. Never throws for a run that goes wrong: the {@link Solution}
 * says FAILED, why, and keeps what was computed.
 */
public final class Solver {
  /** Largest number of doubles of θ snapshots a trajectory keeps (≈ 80 MB). */
  public static final long STATE_BUDGET = 10_000_000L;

  private Solver() {}

  public static Solution solve(GradientFlow flow, double[] theta0, SolveOptions options, List<Event> events,
      SaveAt saveAt, Progress progress) {
    if (theta0.length != flow.layout().dimension() || options.atol().length != theta0.length) {
      throw new IllegalArgumentException("θ0 has " + theta0.length + " components, atol "
          + options.atol().length + ", the flow's layout " + flow.layout().dimension());
    }
    if (options.method() == Method.GD) {
      return GradientDescent.solve(flow, theta0, options, events, saveAt, progress);
    }
    if (options.highPrecision()) {
      return FieldFlowIntegrator.solve(flow, theta0, options, events, saveAt, progress);
    }
    return FlowIntegrator.solve(flow, theta0, options, events, saveAt, progress);
  }
}
