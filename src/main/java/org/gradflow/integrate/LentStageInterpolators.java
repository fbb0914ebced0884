package org.gradflow.integrate;

import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince54StateInterpolator;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince853StateInterpolator;

/**
 * Hipparchus's DP853 and DP54 dense output over the integrator's own stage arrays, not copies of
 * them ({@link StageLease}), with Hipparchus's interpolation formulas and its operation order.
 *
 * <p>How: {@code RungeKuttaStateInterpolator}'s constructor clones the stages it is given, so it
 * is given none, and its protected {@code yDotK} is then set to the lent arrays. Upstream builds
 * the state and the derivative at θ as two linear combinations of the stages (coefficients p and
 * q), one pass over all stages each; here both are formed in one blocked pass ({@link #combine}),
 * which reads each stage block once. The coefficients are upstream's own, read off its formulas
 * by a probe ({@link Probe853}, {@link Probe54}): upstream's interpolation of the unit stage
 * vectors from a zero state is exactly p, its derivative exactly q.
 */
final class LentStageInterpolators {
  private static final double[][] NO_STAGES = new double[0][];
  private static final Probe853 PROBE_853 = new Probe853();
  private static final Probe54 PROBE_54 = new Probe54();

  private LentStageInterpolators() {}

  /**
   * Upstream's {@code computeInterpolatedStateAndDerivatives} result for coefficients pq =
   * {p, q}: state = base + Σ p_k·k_k (base: the step's start for θ ≤ 1/2, as upstream chooses,
   * else its end), derivative = 0 + Σ q_k·k_k, every component summed in upstream's order
   * ({@code RungeKuttaStateInterpolator.combine}), so the results are the same doubles; blocked
   * over components like the stage sums of {@link BlockedEmbeddedRungeKuttaIntegrator}.
   */
  static ODEStateAndDerivative combine(EquationsMapper mapper, double time, double theta, double[][] pq,
      double[][] stages, ODEStateAndDerivative previous, ODEStateAndDerivative current) {
    double[] state = previous != null && theta <= 0.5 ? previous.getCompleteState() : current.getCompleteState();
    double[] derivative = new double[state.length];
    int s = pq[0].length;
    for (int from = 0; from < state.length; from += BlockedEmbeddedRungeKuttaIntegrator.BLOCK) {
      int len = Math.min(BlockedEmbeddedRungeKuttaIntegrator.BLOCK, state.length - from);
      BlockedEmbeddedRungeKuttaIntegrator.accumulate(state, from, stages, pq[0], 0, s, from, len);
      BlockedEmbeddedRungeKuttaIntegrator.accumulate(derivative, from, stages, pq[1], 0, s, from, len);
    }
    return mapper.mapStateAndDerivative(time, state, derivative);
  }

  /** Unit stage vectors e_k in R^s and a zero state at t = 0 and 1. */
  private static double[][] unitStages(int s) {
    double[][] k = new double[s][s];
    for (int i = 0; i < s; i++) {
      k[i][i] = 1;
    }
    return k;
  }

  private static ODEStateAndDerivative zero(double t, int s) {
    return new ODEStateAndDerivative(t, new double[s], new double[s]);
  }

  /** {p, q}: a probe's interpolated state and derivative. */
  private static double[][] pq(ODEStateAndDerivative probed) {
    return new double[][] {probed.getPrimaryState(), probed.getPrimaryDerivative()};
  }

  private static EquationsMapper mapper(int s) {
    return new ExpandableODE(new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return s;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        return new double[s];
      }
    }).getMapper();
  }

  /**
   * Stock DP853 dense output on the 16 unit stages: at θ its state is p and its derivative q,
   * exactly (0 + p_k·1 = p_k, and the other terms add p_j·0 = 0).
   */
  private static final class Probe853 extends DormandPrince853StateInterpolator {
    private static final long serialVersionUID = 1L;

    Probe853() {
      super(true, unitStages(16), zero(0, 16), zero(1, 16), zero(0, 16), zero(1, 16), mapper(16));
    }

    double[][] coefficients(double theta, double thetaH, double oneMinusThetaH) {
      return pq(computeInterpolatedStateAndDerivatives(getMapper(), theta, theta, thetaH, oneMinusThetaH));
    }
  }

  /** {@link Probe853} for DP54's 7 stages. */
  private static final class Probe54 extends DormandPrince54StateInterpolator {
    private static final long serialVersionUID = 1L;

    Probe54() {
      super(true, unitStages(7), zero(0, 7), zero(1, 7), zero(0, 7), zero(1, 7), mapper(7));
    }

    double[][] coefficients(double theta, double thetaH, double oneMinusThetaH) {
      return pq(computeInterpolatedStateAndDerivatives(getMapper(), theta, theta, thetaH, oneMinusThetaH));
    }
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
      return combine(mapper, time, theta, PROBE_853.coefficients(theta, thetaH, oneMinusThetaH), yDotK,
          getGlobalPreviousState(), getGlobalCurrentState());
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
      return combine(mapper, time, theta, PROBE_54.coefficients(theta, thetaH, oneMinusThetaH), yDotK,
          getGlobalPreviousState(), getGlobalCurrentState());
    }
  }
}
