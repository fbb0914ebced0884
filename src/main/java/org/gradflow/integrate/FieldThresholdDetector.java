package org.gradflow.integrate;

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
 * search. {@code loss} and {@code gradNorm} are evaluated in the field (the flow's field
 * gradient), so their crossing times carry all the digits; other observables are evaluated on θ
 * rounded to double and lifted, which bounds their event times to double accuracy in g.
 */
final class FieldThresholdDetector extends AbstractFieldODEDetector<FieldThresholdDetector, Dfp> {
  private final GradientFlow flow;
  private final Event event;

  FieldThresholdDetector(GradientFlow flow, Event event, FieldAdaptableInterval<Dfp> maxCheck, int maxIter,
      BracketedRealFieldUnivariateSolver<Dfp> solver, FieldODEEventHandler<Dfp> handler) {
    super(maxCheck, maxIter, solver, handler);
    this.flow = flow;
    this.event = event;
  }

  @Override
  protected FieldThresholdDetector create(FieldAdaptableInterval<Dfp> maxCheck, int maxIter,
      BracketedRealFieldUnivariateSolver<Dfp> solver, FieldODEEventHandler<Dfp> handler) {
    return new FieldThresholdDetector(flow, event, maxCheck, maxIter, solver, handler);
  }

  /** Whether this observable is evaluated in the field (else through double). */
  static boolean inField(Event e) {
    String n = e.observable().name();
    return n.equals("loss") || n.equals("gradNorm");
  }

  @Override
  public Dfp g(FieldODEStateAndDerivative<Dfp> s) {
    Dfp[] theta = s.getPrimaryState();
    Dfp threshold = theta[0].newInstance(event.threshold());
    if (inField(event)) {
      Dfp[] out = MathArrays.buildArray(theta[0].getField(), theta.length);
      Dfp loss = flow.negativeGradient(theta, out);
      if (event.observable().name().equals("loss")) {
        return loss.subtract(threshold);
      }
      Dfp sum = theta[0].getField().getZero();
      for (Dfp o : out) {
        sum = sum.add(o.multiply(o));
      }
      return sum.sqrt().subtract(threshold);
    }
    double[] d = FieldFlowIntegrator.toDouble(theta);
    double[] dDot = FieldFlowIntegrator.toDouble(s.getPrimaryDerivative());
    return theta[0].newInstance(event.observable().value(d, dDot)).subtract(threshold);
  }
}
