package org.gradflow.integrate;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.ODEStateAndDerivative;

/**
 * g = observable(θ, θ̇) − threshold, located by Hipparchus on the dense output. The direction
 * filter and terminal behaviour live in the handler; θ̇ here is the interpolated derivative.
 * The observable is read through the run's shared {@link EventObservables}.
 */
final class ThresholdDetector extends AbstractODEDetector<ThresholdDetector> {
  private final EventObservables watched;
  private final int index;
  private final double threshold;

  ThresholdDetector(EventObservables watched, int index, double threshold, AdaptableInterval maxCheck,
      int maxIter, BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
    super(maxCheck, maxIter, solver, handler);
    this.watched = watched;
    this.index = index;
    this.threshold = threshold;
  }

  @Override
  protected ThresholdDetector create(AdaptableInterval maxCheck, int maxIter,
      BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
    return new ThresholdDetector(watched, index, threshold, maxCheck, maxIter, solver, handler);
  }

  @Override
  public double g(ODEStateAndDerivative s) {
    return watched.value(index, s) - threshold;
  }
}
