package org.gradflow.integrate;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * An ODE that writes its derivative into the caller's array: {@link BlockedEmbeddedRungeKuttaIntegrator}
 * hands it the stage arrays themselves, where Hipparchus's {@link org.hipparchus.ode.ExpandableODE}
 * copies the state in and the derivative out on every call.
 */
public interface InPlaceDerivative extends OrdinaryDifferentialEquation {
  /** Writes ẏ(t, y) into {@code yDot} (every component); must not modify {@code y}. */
  void computeDerivatives(double t, double[] y, double[] yDot);
}
