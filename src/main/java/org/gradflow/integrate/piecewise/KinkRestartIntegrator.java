package org.gradflow.integrate.piecewise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.gradflow.integrate.Integrators;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Integrates a {@link PiecewiseSmoothFlow} across its ReLU kinks without stalling (spec §6.4,
 * §8 option b). Each segment is a Hipparchus DOP853 run on one smooth piece (every surface's side
 * held fixed, so the field is smooth and the error control meaningful). An event detector per
 * surface stops the segment exactly where h_k = 0 ({@link Action#STOP}); there the two pieces'
 * normal velocities n·F_active and n·F_inactive decide the continuation:
 * both positive → active, both negative → inactive, active pushes in and inactive pushes out →
 * Filippov sliding with F = λF_act + (1−λ)F_in, λ = n·F_in/(n·F_in − n·F_act), which keeps h_k
 * constant; sliding ends (another STOP) when λ leaves [0, 1]. One surface may slide at a time.
 */
public final class KinkRestartIntegrator {
  /** Side code for a surface being slid along. */
  public static final int SLIDING = 2;

  private final PiecewiseSmoothFlow flow;
  private final double rtol;
  private final double atol;
  private final int maxSegments;
  private final List<KinkEvent> events = new ArrayList<>();
  private long evaluations;

  public KinkRestartIntegrator(PiecewiseSmoothFlow flow, double rtol, double atol, int maxSegments) {
    this.flow = flow;
    this.rtol = rtol;
    this.atol = atol;
    this.maxSegments = maxSegments;
  }

  public List<KinkEvent> events() {
    return events;
  }

  public long evaluations() {
    return evaluations;
  }

  /** θ(tEnd) from θ0. */
  public double[] integrate(double[] theta0, double tEnd) {
    int n = flow.switchCount();
    int[] sides = new int[n];
    double[] theta = theta0.clone();
    for (int k = 0; k < n; k++) {
      sides[k] = flow.switching(k, theta) > 0 ? PiecewiseSmoothFlow.ACTIVE : PiecewiseSmoothFlow.INACTIVE;
    }
    for (int k = 0; k < n; k++) {
      if (flow.switching(k, theta) == 0) { // starts on a kink: the pieces' normal velocities decide
        sides[k] = decide(k, theta, sides, -1);
        events.add(new KinkEvent(0, k, "start", name(sides[k]), theta.clone()));
      }
    }
    double t = 0;
    for (int segment = 0; segment < maxSegments; segment++) {
      Segment ode = new Segment(sides.clone());
      DormandPrince853Integrator dp = Integrators.dormandPrince853(1e-14, tEnd, atol, rtol);
      int[] hit = {-1, -1};
      for (int k = 0; k < n; k++) {
        final int surface = k;
        if (sides[k] == SLIDING) {
          dp.addEventDetector(new Detector(s -> ode.lambda(s.getPrimaryState()), tEnd, (s, det, inc) -> {
            hit[0] = surface;
            hit[1] = PiecewiseSmoothFlow.INACTIVE; // λ → 0: the inactive piece takes over
            return Action.STOP;
          }));
          dp.addEventDetector(new Detector(s -> 1 - ode.lambda(s.getPrimaryState()), tEnd, (s, det, inc) -> {
            hit[0] = surface;
            hit[1] = PiecewiseSmoothFlow.ACTIVE; // λ → 1: the active piece takes over
            return Action.STOP;
          }));
        } else {
          dp.addEventDetector(new Detector(s -> flow.switching(surface, s.getPrimaryState()), tEnd, (s, det, inc) -> {
            hit[0] = surface;
            hit[1] = -1;
            return Action.STOP;
          }));
        }
      }
      ODEStateAndDerivative end = dp.integrate(ode, new ODEState(t, theta), tEnd);
      evaluations += dp.getEvaluations();
      t = end.getTime();
      theta = end.getPrimaryState();
      if (hit[0] < 0 || t >= tEnd) {
        return theta;
      }
      int k = hit[0];
      int from = sides[k];
      sides[k] = hit[1] >= 0 ? hit[1] : decide(k, theta, sides, from);
      events.add(new KinkEvent(t, k, name(from), name(sides[k]), theta.clone()));
    }
    throw new IllegalStateException("more than " + maxSegments + " kink restarts before t = " + tEnd
        + " (chattering between pieces?); events so far: " + events.size());
  }

  /** The continuation at a point of surface k from the normal velocities of both pieces. */
  private int decide(int k, double[] theta, int[] sides, int from) {
    double[] normal = new double[theta.length];
    flow.switchingGradient(k, theta, normal);
    double act = normalVelocity(k, theta, sides, PiecewiseSmoothFlow.ACTIVE, normal);
    double in = normalVelocity(k, theta, sides, PiecewiseSmoothFlow.INACTIVE, normal);
    if (act > 0 && in >= 0) {
      return PiecewiseSmoothFlow.ACTIVE;
    }
    if (act <= 0 && in < 0) {
      return PiecewiseSmoothFlow.INACTIVE;
    }
    if (act < 0 && in > 0) {
      for (int j = 0; j < sides.length; j++) {
        if (j != k && sides[j] == SLIDING) {
          throw new IllegalStateException("sliding on two kinks at once is not supported (surfaces "
              + j + " and " + k + ")");
        }
      }
      return SLIDING;
    }
    // repelling (act > 0 > in) or tangential: keep the piece the trajectory came on
    return from == PiecewiseSmoothFlow.INACTIVE ? PiecewiseSmoothFlow.INACTIVE : PiecewiseSmoothFlow.ACTIVE;
  }

  private double normalVelocity(int k, double[] theta, int[] sides, int side, double[] normal) {
    int[] s = sides.clone();
    for (int j = 0; j < s.length; j++) {
      if (s[j] == SLIDING) {
        s[j] = PiecewiseSmoothFlow.ACTIVE;
      }
    }
    s[k] = side;
    double[] f = new double[theta.length];
    flow.negativeGradientOnSides(theta, s, f);
    double v = 0;
    for (int i = 0; i < f.length; i++) {
      v += normal[i] * f[i];
    }
    return v;
  }

  private static String name(int side) {
    return switch (side) {
      case PiecewiseSmoothFlow.ACTIVE -> "active";
      case PiecewiseSmoothFlow.INACTIVE -> "inactive";
      case SLIDING -> "sliding";
      default -> "start";
    };
  }

  /** The ODE of one segment: fixed pieces, or the Filippov combination on the sliding surface. */
  private final class Segment implements OrdinaryDifferentialEquation {
    private final int[] sides;
    private final int sliding;
    private final int[] work;
    private final double[] fAct;
    private final double[] fIn;
    private final double[] normal;

    Segment(int[] sides) {
      this.sides = sides;
      int s = -1;
      for (int k = 0; k < sides.length; k++) {
        if (sides[k] == SLIDING) {
          s = k;
        }
      }
      this.sliding = s;
      this.work = sides.clone();
      int dim = flow.layout().dimension();
      fAct = new double[dim];
      fIn = new double[dim];
      normal = new double[dim];
    }

    @Override
    public int getDimension() {
      return flow.layout().dimension();
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      double[] out = new double[y.length];
      if (sliding < 0) {
        flow.negativeGradientOnSides(y, sides, out);
        return out;
      }
      double lambda = lambda(y);
      for (int i = 0; i < out.length; i++) {
        out[i] = lambda * fAct[i] + (1 - lambda) * fIn[i];
      }
      return out;
    }

    /** λ of the Filippov combination at y (also fills fAct, fIn). */
    double lambda(double[] y) {
      work[sliding] = PiecewiseSmoothFlow.ACTIVE;
      flow.negativeGradientOnSides(y, work, fAct);
      work[sliding] = PiecewiseSmoothFlow.INACTIVE;
      flow.negativeGradientOnSides(y, work, fIn);
      flow.switchingGradient(sliding, y, normal);
      double a = 0;
      double b = 0;
      for (int i = 0; i < y.length; i++) {
        a += normal[i] * fAct[i];
        b += normal[i] * fIn[i];
      }
      return b / (b - a);
    }
  }

  /** A STOP detector on a scalar function of the state, with tight location. */
  private static final class Detector implements ODEEventDetector {
    private final java.util.function.ToDoubleFunction<ODEStateAndDerivative> g;
    private final double tEnd;
    private final ODEEventHandler handler;

    Detector(java.util.function.ToDoubleFunction<ODEStateAndDerivative> g, double tEnd, ODEEventHandler handler) {
      this.g = g;
      this.tEnd = tEnd;
      this.handler = handler;
    }

    @Override
    public double g(ODEStateAndDerivative s) {
      return g.applyAsDouble(s);
    }

    @Override
    public AdaptableInterval getMaxCheckInterval() {
      return AdaptableInterval.of(tEnd / 1000);
    }

    @Override
    public int getMaxIterationCount() {
      return 200;
    }

    @Override
    public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
      return new BracketingNthOrderBrentSolver(0, 1e-14 * Math.max(1, tEnd), 0, 5);
    }

    @Override
    public ODEEventHandler getHandler() {
      return handler;
    }
  }
}
