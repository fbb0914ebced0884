package org.gradflow.integrate;

import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince54StateInterpolator;

/**
 * Hipparchus's DP54, unchanged except that each step's dense output is computed once per time
 * and shared by every event detector and step handler (see {@link StepStateMemo}). Steps, error
 * control and interpolation formulas are Hipparchus's; results are bit-identical.
 */
final class MemoizedDormandPrince54 extends DormandPrince54Integrator {

  MemoizedDormandPrince54(double minStep, double maxStep, double[] atol, double[] rtol) {
    super(minStep, maxStep, atol, rtol);
  }

  @Override
  protected DormandPrince54StateInterpolator createInterpolator(boolean forward, double[][] yDotK,
      ODEStateAndDerivative previous, ODEStateAndDerivative current, EquationsMapper mapper) {
    return new Interpolator(forward, yDotK, previous, current, previous, current, mapper,
        StepStateMemo.forDimension(mapper.getTotalDimension()));
  }

  /** Restricted copies (event splitting) share the step's memo: same polynomial, same states. */
  private static final class Interpolator extends DormandPrince54StateInterpolator {
    private static final long serialVersionUID = 1L;
    private final transient StepStateMemo memo;

    Interpolator(boolean forward, double[][] yDotK, ODEStateAndDerivative globalPrevious,
        ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious,
        ODEStateAndDerivative softCurrent, EquationsMapper mapper, StepStateMemo memo) {
      super(forward, yDotK, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
      this.memo = memo;
    }

    @Override
    protected DormandPrince54StateInterpolator create(boolean forward, double[][] yDotK,
        ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent,
        ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent, EquationsMapper mapper) {
      return new Interpolator(forward, yDotK, globalPrevious, globalCurrent, softPrevious, softCurrent,
          mapper, memo);
    }

    @Override
    protected ODEStateAndDerivative computeInterpolatedStateAndDerivatives(EquationsMapper mapper,
        double time, double theta, double thetaH, double oneMinusThetaH) {
      return memo.get(time, t -> super.computeInterpolatedStateAndDerivatives(mapper, t, theta, thetaH,
          oneMinusThetaH));
    }
  }
}
