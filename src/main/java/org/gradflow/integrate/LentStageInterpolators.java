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
 * is given none, and its protected {@code yDotK} is then set to the lent arrays. Two of its three
 * linear-combination hooks are blocked over components ({@link #combine}), bit-identically.
 */
final class LentStageInterpolators {
  private static final double[][] NO_STAGES = new double[0][];

  private LentStageInterpolators() {}

  /**
   * Upstream's private {@code RungeKuttaStateInterpolator.combine}, blocked over components like
   * the stage sums ({@link BlockedEmbeddedRungeKuttaIntegrator}): every component still computes
   * {@code a += c0·k0; a += c1·k1; …} in upstream's order, so the result is the same double. Used
   * through the protected hooks {@code currentStateLinearCombination} and
   * {@code derivativeLinearCombination}; {@code previousStateLinearCombination} is final upstream
   * and stays as it is.
   */
  static double[] combine(double[] a, double[][] stages, double[] coefficients) {
    for (int from = 0; from < a.length; from += BlockedEmbeddedRungeKuttaIntegrator.BLOCK) {
      int len = Math.min(BlockedEmbeddedRungeKuttaIntegrator.BLOCK, a.length - from);
      BlockedEmbeddedRungeKuttaIntegrator.accumulate(a, from, stages, coefficients, 0, coefficients.length, from, len);
    }
    return a;
  }

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

    @Override
    protected double[] currentStateLinearCombination(double... coefficients) {
      return combine(getGlobalCurrentState().getCompleteState(), yDotK, coefficients);
    }

    @Override
    protected double[] derivativeLinearCombination(double... coefficients) {
      return combine(new double[yDotK[0].length], yDotK, coefficients);
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

    @Override
    protected double[] currentStateLinearCombination(double... coefficients) {
      return combine(getGlobalCurrentState().getCompleteState(), yDotK, coefficients);
    }

    @Override
    protected double[] derivativeLinearCombination(double... coefficients) {
      return combine(new double[yDotK[0].length], yDotK, coefficients);
    }
  }
}
