package org.gradflow.integrate;

import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.sampling.AbstractODEStateInterpolator;

/**
 * One step's dense output as every event detector and step handler sees it: Hipparchus's own
 * interpolator, asked at most once per time (see {@link StepStateMemo}). Restricted copies, made
 * when an event splits the step, share the memo: the polynomial is the same.
 */
final class SharedDenseOutput extends AbstractODEStateInterpolator {
  private static final long serialVersionUID = 1L;
  private final transient AbstractODEStateInterpolator step;
  private final transient StepStateMemo<Double, ODEStateAndDerivative> memo;

  private SharedDenseOutput(boolean forward, ODEStateAndDerivative globalPrevious,
      ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious,
      ODEStateAndDerivative softCurrent, EquationsMapper mapper, AbstractODEStateInterpolator step,
      StepStateMemo<Double, ODEStateAndDerivative> memo) {
    super(forward, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
    this.step = step;
    this.memo = memo;
  }

  /** Wraps a freshly accepted step's interpolator. */
  static SharedDenseOutput of(AbstractODEStateInterpolator step, EquationsMapper mapper) {
    return new SharedDenseOutput(step.isForward(), step.getGlobalPreviousState(), step.getGlobalCurrentState(),
        step.getPreviousState(), step.getCurrentState(), mapper, step,
        StepStateMemo.forDimension(mapper.getTotalDimension()));
  }

  @Override
  protected SharedDenseOutput create(boolean forward, ODEStateAndDerivative globalPrevious,
      ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious,
      ODEStateAndDerivative softCurrent, EquationsMapper mapper) {
    return new SharedDenseOutput(forward, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper, step,
        memo);
  }

  @Override
  protected ODEStateAndDerivative computeInterpolatedStateAndDerivatives(EquationsMapper mapper, double time,
      double theta, double thetaH, double oneMinusThetaH) {
    return memo.get(time, step::getInterpolatedState);
  }
}
