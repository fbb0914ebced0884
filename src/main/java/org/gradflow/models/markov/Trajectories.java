package org.gradflow.models.markov;

import org.gradflow.integrate.FlowEquation;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.hipparchus.ode.ODEState;
import org.gradflow.integrate.Integrators;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.StepNormalizer;

/** Samples θ(t) of a flow on a uniform grid (dense output), for figures. */
final class Trajectories {
  private Trajectories() {}

  /** States at t = 0, h, 2h, …, tEnd (DOP853 at rtol 1e-10, atol 1e-12). */
  static List<double[]> sample(GradientFlow flow, double[] theta0, double tEnd, double h) {
    List<double[]> out = new ArrayList<>();
    DormandPrince853Integrator dp = Integrators.dormandPrince853(1e-12, tEnd, 1e-12, 1e-10);
    dp.addStepHandler(new StepNormalizer(h, (state, isLast) -> out.add(state.getPrimaryState().clone())));
    dp.integrate(new FlowEquation(flow), new ODEState(0, theta0.clone()), tEnd);
    return out;
  }
}
