package org.gradflow.integrate;

import org.gradflow.core.FieldObservable;
import org.gradflow.core.GradientFlow;
import org.hipparchus.analysis.solvers.BracketedRealFieldUnivariateSolver;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.events.AbstractFieldODEDetector;
import org.hipparchus.ode.events.FieldAdaptableInterval;
import org.hipparchus.ode.events.FieldODEEventHandler;
import org.hipparchus.util.MathArrays;

/**
 * g = observable(θ) − threshold on the Dfp dense output, located by Hipparchus's field event
 * search. {@code loss}, {@code gradNorm} (the flow's field gradient) and every
 * {@link FieldObservable} are evaluated in the field, so their crossing times carry all the
 * digits; other observables are evaluated on θ rounded to double and lifted, which bounds their
 * event times to double accuracy in g. The threshold is the field element of the decimal the
 * spec wrote (Java's shortest decimal of the double threshold: 0.1, not 0.1000000000000000055…).
 */
final class FieldThresholdDetector extends AbstractFieldODEDetector<FieldThresholdDetector, Dfp> {
  private final GradientFlow flow;
  private final Event event;
  private final Dfp threshold;
  private final RoundedFieldState rounded;

  FieldThresholdDetector(GradientFlow flow, Event event, Dfp threshold, RoundedFieldState rounded,
      FieldAdaptableInterval<Dfp> maxCheck, int maxIter, BracketedRealFieldUnivariateSolver<Dfp> solver,
      FieldODEEventHandler<Dfp> handler) {
    super(maxCheck, maxIter, solver, handler);
    this.flow = flow;
    this.event = event;
    this.threshold = threshold;
    this.rounded = rounded;
  }

  @Override
  protected FieldThresholdDetector create(FieldAdaptableInterval<Dfp> maxCheck, int maxIter,
      BracketedRealFieldUnivariateSolver<Dfp> solver, FieldODEEventHandler<Dfp> handler) {
    return new FieldThresholdDetector(flow, event, threshold, rounded, maxCheck, maxIter, solver, handler);
  }

  /** Whether this event's observable is evaluated in the field (else through double). */
  static boolean inField(Event e) {
    String n = e.observable().name();
    return e.observable() instanceof FieldObservable || n.equals("loss") || n.equals("gradNorm");
  }

  @Override
  public Dfp g(FieldODEStateAndDerivative<Dfp> s) {
    Dfp[] theta = s.getPrimaryState();
    if (event.observable() instanceof FieldObservable f) {
      return f.fieldValue(theta, s.getPrimaryDerivative()).subtract(threshold);
    }
    String name = event.observable().name();
    if (name.equals("loss") || name.equals("gradNorm")) {
      Dfp[] out = MathArrays.buildArray(theta[0].getField(), theta.length);
      Dfp loss = flow.negativeGradient(theta, out);
      if (name.equals("loss")) {
        return loss.subtract(threshold);
      }
      Dfp sum = theta[0].getField().getZero();
      for (Dfp o : out) {
        sum = sum.add(o.multiply(o));
      }
      return sum.sqrt().subtract(threshold);
    }
    double g = event.observable().value(rounded.theta(s), rounded.thetaDot(s)) - event.threshold();
    // the shortest decimal of g: parsed in the field several times faster than newDfp(double)
    return theta[0].getField().newDfp(Double.toString(g));
  }
}
