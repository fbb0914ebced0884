package org.gradflow.integrate;

import java.util.function.Function;
import java.util.function.Supplier;
import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.ode.nonstiff.interpolators.RungeKuttaStateInterpolator;
import org.hipparchus.ode.sampling.AbstractODEStateInterpolator;

/**
 * The engine's double-precision integrators: Hipparchus's DP853 and DP54 run by
 * {@link BlockedEmbeddedRungeKuttaIntegrator}, with each accepted step's dense output handed to
 * detectors and handlers as a {@link SharedDenseOutput}. Tableau, error estimate, step control
 * and interpolation formulas are Hipparchus's own objects and methods, not copies; results are
 * bit-identical to {@link DormandPrince853Integrator} and {@link DormandPrince54Integrator}.
 */
public final class DormandPrinceIntegrators {
  private DormandPrinceIntegrators() {}

  /** The integrator for {@code method} ("DP853" or "DP54"), as Hipparchus's constructors take it. */
  public static BlockedEmbeddedRungeKuttaIntegrator create(String method, double minStep, double maxStep,
      double[] atol, double[] rtol) {
    return switch (method) {
      case "DP853" -> new DP853(minStep, maxStep, atol, rtol);
      case "DP54" -> new DP54(minStep, maxStep, atol, rtol);
      default -> throw new IllegalArgumentException("unknown method '" + method + "' (DP853 or DP54)");
    };
  }

  /** Hipparchus's error estimate of a method, run with the tolerances of the integrator that asks. */
  private interface ErrorEstimate {
    double estimate(double[][] yDotK, double[] y0, double[] y1, double h);
  }

  /** Builds the dense output of one step over its lent stage arrays. */
  private interface InterpolatorFactory {
    RungeKuttaStateInterpolator create(boolean forward, double[][] stages, StageLease lease, long token,
        ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent,
        ODEStateAndDerivative softPrevious, ODEStateAndDerivative softCurrent, EquationsMapper mapper);
  }

  /** Tableau, order, error estimate and dense output of a Hipparchus method; dense output shared. */
  private abstract static class StockMethod extends BlockedEmbeddedRungeKuttaIntegrator {
    private final ErrorEstimate error;
    private final InterpolatorFactory interpolators;

    StockMethod(String name, int fsal, double minStep, double maxStep, double[] atol, double[] rtol,
        Function<Supplier<StepsizeHelper>, ErrorEstimate> error, InterpolatorFactory interpolators) {
      super(name, fsal, minStep, maxStep, atol, rtol);
      this.error = error.apply(this::getStepSizeHelper);
      this.interpolators = interpolators;
    }

    /** Hipparchus's integrator of this method (static: asked for before any field is set). */
    abstract EmbeddedRungeKuttaIntegrator tableau();

    @Override
    public double[] getC() {
      return tableau().getC();
    }

    @Override
    public double[][] getA() {
      return tableau().getA();
    }

    @Override
    public double[] getB() {
      return tableau().getB();
    }

    @Override
    public int getOrder() {
      return tableau().getOrder();
    }

    @Override
    protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
      return error.estimate(yDotK, y0, y1, h);
    }

    @Override
    protected RungeKuttaStateInterpolator createInterpolator(boolean forward, double[][] yDotK,
        ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent, EquationsMapper mapper) {
      return interpolators.create(forward, yDotK, stageLease(), stageLease().current(), globalPrevious,
          globalCurrent, globalPrevious, globalCurrent, mapper);
    }

    @Override
    protected ODEStateAndDerivative acceptStep(AbstractODEStateInterpolator step, double tEnd) {
      return super.acceptStep(SharedDenseOutput.of(step, getEquations().getMapper()), tEnd);
    }
  }

  static final class DP853 extends StockMethod {
    private static final DormandPrince853Integrator TABLEAU = new DormandPrince853Integrator(1, 1, 1, 1);

    /** fsal = 12: the stage DormandPrince853Integrator passes to its superclass. */
    DP853(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(DormandPrince853Integrator.METHOD_NAME, 12, minStep, maxStep, atol, rtol, StockError853::new,
          LentStageInterpolators.DP853::new);
    }

    @Override
    EmbeddedRungeKuttaIntegrator tableau() {
      return TABLEAU;
    }
  }

  static final class DP54 extends StockMethod {
    private static final DormandPrince54Integrator TABLEAU = new DormandPrince54Integrator(1, 1, 1, 1);

    /** fsal = 6: the stage DormandPrince54Integrator passes to its superclass. */
    DP54(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(DormandPrince54Integrator.METHOD_NAME, 6, minStep, maxStep, atol, rtol, StockError54::new,
          LentStageInterpolators.DP54::new);
    }

    @Override
    EmbeddedRungeKuttaIntegrator tableau() {
      return TABLEAU;
    }
  }

  /**
   * Hipparchus's DP853 {@code estimateError} itself, run with the tolerances of the integrator
   * that owns it: its protected {@code getStepSizeHelper} hook returns the owner's.
   */
  private static final class StockError853 extends DormandPrince853Integrator implements ErrorEstimate {
    private final Supplier<StepsizeHelper> helper;

    StockError853(Supplier<StepsizeHelper> helper) {
      super(1, 1, 1, 1);
      this.helper = helper;
    }

    @Override
    protected StepsizeHelper getStepSizeHelper() {
      return helper.get();
    }

    @Override
    public double estimate(double[][] yDotK, double[] y0, double[] y1, double h) {
      return estimateError(yDotK, y0, y1, h);
    }
  }

  /** As {@link StockError853}, for DP54. */
  private static final class StockError54 extends DormandPrince54Integrator implements ErrorEstimate {
    private final Supplier<StepsizeHelper> helper;

    StockError54(Supplier<StepsizeHelper> helper) {
      super(1, 1, 1, 1);
      this.helper = helper;
    }

    @Override
    protected StepsizeHelper getStepSizeHelper() {
      return helper.get();
    }

    @Override
    public double estimate(double[][] yDotK, double[] y0, double[] y1, double h) {
      return estimateError(yDotK, y0, y1, h);
    }
  }
}
