package org.gradflow.integrate;

import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.AbstractODEStateInterpolator;

/**
 * Hipparchus's DP853 and DP54, unchanged except that each accepted step's dense output is handed
 * to detectors and handlers as a {@link SharedDenseOutput}. Steps, error control and
 * interpolation formulas are Hipparchus's; results are bit-identical.
 */
final class SharedDenseOutputIntegrators {
  private SharedDenseOutputIntegrators() {}

  static final class DP853 extends DormandPrince853Integrator {
    DP853(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(minStep, maxStep, atol, rtol);
    }

    @Override
    protected ODEStateAndDerivative acceptStep(AbstractODEStateInterpolator step, double tEnd) {
      return super.acceptStep(SharedDenseOutput.of(step, getEquations().getMapper()), tEnd);
    }
  }

  static final class DP54 extends DormandPrince54Integrator {
    DP54(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(minStep, maxStep, atol, rtol);
    }

    @Override
    protected ODEStateAndDerivative acceptStep(AbstractODEStateInterpolator step, double tEnd) {
      return super.acceptStep(SharedDenseOutput.of(step, getEquations().getMapper()), tEnd);
    }
  }
}
