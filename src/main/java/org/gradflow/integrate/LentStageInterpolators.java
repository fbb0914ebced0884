package org.gradflow.integrate;

import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince54StateInterpolator;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince853StateInterpolator;

/**
 * Hipparchus's DP853 and DP54 dense output over the integrator's own stage arrays, not copies of
 * them ({@link StageLease}); the interpolation formulas are Hipparchus's, untouched.
 *
 * <p>How: {@code RungeKuttaStateInterpolator}'s constructor clones the stages it is given, so it
 * is given none, and its protected {@code yDotK} is then set to the lent arrays.
 */
final class LentStageInterpolators {
  private static final double[][] NO_STAGES = new double[0][];

  private LentStageInterpolators() {}

  static final class DP853 extends DormandPrince853StateInterpolator {
    private static final long serialVersionUID = 1L;
    private final transient StageLease lease;
    private final long token;

    DP853(boolean forward, double[][] stages, StageLease lease, long token, ODEStateAndDerivative globalPrevious,
        ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent,
        EquationsMapper mapper) {
      super(forward, NO_STAGES, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
      this.yDotK = stages.clone();
      this.lease = lease;
      this.token = token;
    }

    @Override
    protected DP853 create(boolean forward, double[][] stages, ODEStateAndDerivative globalPrevious,
        ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent,
        EquationsMapper mapper) {
      return new DP853(forward, stages, lease, token, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
    }

    @Override
    protected ODEStateAndDerivative computeInterpolatedStateAndDerivatives(EquationsMapper mapper, double time,
        double theta, double thetaH, double oneMinusThetaH) {
      lease.check(token);
      return super.computeInterpolatedStateAndDerivatives(mapper, time, theta, thetaH, oneMinusThetaH);
    }
  }

  static final class DP54 extends DormandPrince54StateInterpolator {
    private static final long serialVersionUID = 1L;
    private final transient StageLease lease;
    private final long token;

    DP54(boolean forward, double[][] stages, StageLease lease, long token, ODEStateAndDerivative globalPrevious,
        ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent,
        EquationsMapper mapper) {
      super(forward, NO_STAGES, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
      this.yDotK = stages.clone();
      this.lease = lease;
      this.token = token;
    }

    @Override
    protected DP54 create(boolean forward, double[][] stages, ODEStateAndDerivative globalPrevious,
        ODEStateAndDerivative globalCurrent, ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent,
        EquationsMapper mapper) {
      return new DP54(forward, stages, lease, token, globalPrevious, globalCurrent, softPrevious, softCurrent, mapper);
    }

    @Override
    protected ODEStateAndDerivative computeInterpolatedStateAndDerivatives(EquationsMapper mapper, double time,
        double theta, double thetaH, double oneMinusThetaH) {
      lease.check(token);
      return super.computeInterpolatedStateAndDerivatives(mapper, time, theta, thetaH, oneMinusThetaH);
    }
  }
}
