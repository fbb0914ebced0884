package org.gradflow.integrate;

import org.gradflow.core.FieldObservable;
import org.hipparchus.analysis.solvers.BracketedRealFieldUnivariateSolver;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.events.AbstractFieldODEDetector;
import org.hipparchus.ode.events.FieldAdaptableInterval;
import org.hipparchus.ode.events.FieldODEEventHandler;

/**
 * g = observable(θ) − threshold on the Dfp dense output, located by Hipparchus's field event
 * search. A {@link FieldObservable} (among them the catalog's {@code loss} and {@code gradNorm})
 * is evaluated in the field, so its crossing times carry all the digits; any other observable is
 * evaluated on θ rounded to double and lifted, which bounds its event times to double accuracy
 * in g. The threshold is the field element of the decimal the spec wrote (Java's shortest decimal
 * of the double threshold: 0.1, not 0.1000000000000000055…).
 */
final class FieldThresholdDetector extends AbstractFieldODEDetector<FieldThresholdDetector, Dfp> {
  private final Event event;
  private final Dfp threshold;
  private final RoundedFieldState rounded;

  FieldThresholdDetector(Event event, Dfp threshold, RoundedFieldState rounded,
      FieldAdaptableInterval<Dfp> maxCheck, int maxIter, BracketedRealFieldUnivariateSolver<Dfp> solver,
      FieldODEEventHandler<Dfp> handler) {
    super(maxCheck, maxIter, solver, handler);
    this.event = event;
    this.threshold = threshold;
    this.rounded = rounded;
  }

  @Override
  protected FieldThresholdDetector create(FieldAdaptableInterval<Dfp> maxCheck, int maxIter,
      BracketedRealFieldUnivariateSolver<Dfp> solver, FieldODEEventHandler<Dfp> handler) {
    return new FieldThresholdDetector(event, threshold, rounded, maxCheck, maxIter, solver, handler);
  }

  @Override
  public Dfp g(FieldODEStateAndDerivative<Dfp> s) {
    if (event.observable() instanceof FieldObservable f) {
      return f.fieldValue(s.getPrimaryState(), s.getPrimaryDerivative()).subtract(threshold);
    }
    double g = event.observable().value(rounded.theta(s), rounded.thetaDot(s)) - event.threshold();
    // the shortest decimal of g: parsed in the field several times faster than newDfp(double)
    return threshold.getField().newDfp(Double.toString(g));
  }
}
