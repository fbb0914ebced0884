package org.gradflow.models.markov;

import org.gradflow.core.GradientFlow;
import org.gradflow.integrate.FlowEquation;
import org.hipparchus.ode.ODEState;
import org.gradflow.integrate.Integrators;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Direct DOP853 integration of a flow (the engine's {@link FlowEquation}) for this package's own
 * studies that need direct control of the integrator (escape-time sweeps, the kink restarts).
 * Runs described by a system file go through the engine's Solver instead.
 */
final class DirectFlow {
  private DirectFlow() {}

  /** θ(tEnd) from θ0 with DOP853 at (rtol, atol); atol per component. */
  static double[] integrate(GradientFlow flow, double[] theta0, double tEnd, double rtol, double[] atol) {
    double[] rel = new double[theta0.length];
    java.util.Arrays.fill(rel, rtol);
    DormandPrince853Integrator dp = Integrators.dormandPrince853(1e-300, Double.POSITIVE_INFINITY, atol, rel);
    return dp.integrate(new FlowEquation(flow), new ODEState(0, theta0.clone()), tEnd).getPrimaryState();
  }

  static double[] integrate(GradientFlow flow, double[] theta0, double tEnd, double rtol, double atol) {
    double[] abs = new double[theta0.length];
    java.util.Arrays.fill(abs, atol);
    return integrate(flow, theta0, tEnd, rtol, abs);
  }
}
