package org.gradflow.integrate;

import org.gradflow.core.Observable;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.ODEStateAndDerivative;

/**
 * g = observable(θ, θ̇) − threshold, located by Hipparchus on the dense output. The direction
 * filter and terminal behaviour live in the handler; θ̇ here is the interpolated derivative.
 */
final class ThresholdDetector extends AbstractODEDetector<ThresholdDetector> {
  private final Observable observable;
  private final double threshold;

  ThresholdDetector(Observable observable, double threshold, AdaptableInterval maxCheck, int maxIter,
      BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
    super(maxCheck, maxIter, solver, handler);
    this.observable = observable;
    this.threshold = threshold;
  }

  @Override
  protected ThresholdDetector create(AdaptableInterval maxCheck, int maxIter,
      BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
    return new ThresholdDetector(observable, threshold, maxCheck, maxIter, solver, handler);
  }

  @Override
  public double g(ODEStateAndDerivative s) {
    return observable.value(s.getPrimaryState(), s.getPrimaryDerivative()) - threshold;
  }
}
