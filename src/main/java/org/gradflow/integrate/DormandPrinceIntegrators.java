package org.gradflow.integrate;

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

  /** Tableau and order from a Hipparchus instance of the method; dense output shared. */
  private abstract static class StockMethod extends BlockedEmbeddedRungeKuttaIntegrator {
    StockMethod(String name, int fsal, double minStep, double maxStep, double[] atol, double[] rtol) {
      super(name, fsal, minStep, maxStep, atol, rtol);
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
    protected ODEStateAndDerivative acceptStep(AbstractODEStateInterpolator step, double tEnd) {
      return super.acceptStep(SharedDenseOutput.of(step, getEquations().getMapper()), tEnd);
    }
  }

  static final class DP853 extends StockMethod {
    private static final DormandPrince853Integrator TABLEAU = new DormandPrince853Integrator(1, 1, 1, 1);
    private final StockError853 error = new StockError853(this::getStepSizeHelper);

    DP853(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(DormandPrince853Integrator.METHOD_NAME, 12, minStep, maxStep, atol, rtol);
    }

    @Override
    EmbeddedRungeKuttaIntegrator tableau() {
      return TABLEAU;
    }

    @Override
    protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
      return error.estimate(yDotK, y0, y1, h);
    }

    @Override
    protected RungeKuttaStateInterpolator createInterpolator(boolean forward, double[][] yDotK,
        ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent, EquationsMapper mapper) {
      return new LentStageInterpolators.DP853(forward, yDotK, stageLease(), stageLease().current(),
          globalPrevious, globalCurrent, globalPrevious, globalCurrent, mapper);
    }
  }

  static final class DP54 extends StockMethod {
    private static final DormandPrince54Integrator TABLEAU = new DormandPrince54Integrator(1, 1, 1, 1);
    private final StockError54 error = new StockError54(this::getStepSizeHelper);

    DP54(double minStep, double maxStep, double[] atol, double[] rtol) {
      super(DormandPrince54Integrator.METHOD_NAME, 6, minStep, maxStep, atol, rtol);
    }

    @Override
    EmbeddedRungeKuttaIntegrator tableau() {
      return TABLEAU;
    }

    @Override
    protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
      return error.estimate(yDotK, y0, y1, h);
    }

    @Override
    protected RungeKuttaStateInterpolator createInterpolator(boolean forward, double[][] yDotK,
        ODEStateAndDerivative globalPrevious, ODEStateAndDerivative globalCurrent, EquationsMapper mapper) {
      return new LentStageInterpolators.DP54(forward, yDotK, stageLease(), stageLease().current(),
          globalPrevious, globalCurrent, globalPrevious, globalCurrent, mapper);
    }
  }

  /**
   * Hipparchus's DP853 {@code estimateError} itself, run with the tolerances of the integrator
   * that owns it: its protected {@code getStepSizeHelper} hook returns the owner's.
   */
  private static final class StockError853 extends DormandPrince853Integrator {
    private final Supplier<StepsizeHelper> helper;

    StockError853(Supplier<StepsizeHelper> helper) {
      super(1, 1, 1, 1);
      this.helper = helper;
    }

    @Override
    protected StepsizeHelper getStepSizeHelper() {
      return helper.get();
    }

    double estimate(double[][] yDotK, double[] y0, double[] y1, double h) {
      return estimateError(yDotK, y0, y1, h);
    }
  }

  /** As {@link StockError853}, for DP54. */
  private static final class StockError54 extends DormandPrince54Integrator {
    private final Supplier<StepsizeHelper> helper;

    StockError54(Supplier<StepsizeHelper> helper) {
      super(1, 1, 1, 1);
      this.helper = helper;
    }

    @Override
    protected StepsizeHelper getStepSizeHelper() {
      return helper.get();
    }

    double estimate(double[][] yDotK, double[] y0, double[] y1, double h) {
      return estimateError(yDotK, y0, y1, h);
    }
  }
}
