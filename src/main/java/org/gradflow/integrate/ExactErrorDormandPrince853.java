package org.gradflow.integrate;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.ode.FieldEquationsMapper;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.interpolators.RungeKuttaFieldStateInterpolator;
import org.hipparchus.ode.nonstiff.DormandPrince853FieldIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaFieldIntegrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathArrays;

/**
 * Hipparchus's field DP853 — its tableau, step control and dense-output formulas — with its local
 * error estimate evaluated in the field. (It extends the embedded Runge–Kutta base rather than
 * DormandPrince853FieldIntegrator only because that class's createInterpolator must return its own
 * interpolator type, whose constructor rebuilds the weights every step.)
 *
 * <p>Why: {@code DormandPrince853FieldIntegrator.estimateError} (4.0.3) forms the error sums
 * Σ_k E_k·k_k from {@code getReal()} of each stage, in double. The weights sum to zero, so
 * that sum cancels to ≈ 1e-16·|k| and no tolerance below double precision can be met: the step
 * size collapses (measured: h stuck at 2e-13 for rtol 1e-30). Here the same estimator — the
 * 5th- and 3rd-order error weights of Hairer &amp; Wanner's DOP853, as exact rationals — is
 * summed in the field; only the final ratio error/tolerance, which is O(1), is rounded.
 *
 * <p>Also: two of the "field" Butcher coefficients Hipparchus builds, a[9][8] and a[10][8], come
 * from double literals whose integers exceed 2^53 (e.g. 35290686222309375), so they are only
 * accurate to ~1e-17; that violates the order conditions at that level and capped the global
 * error near 1e-20 whatever the tolerance (measured). They are rebuilt here from exact integers,
 * and so are the four dense-output weights with the same defect ({@link FieldDormandPrince853Interpolator}).
 */
public final class ExactErrorDormandPrince853<T extends CalculusFieldElement<T>> extends EmbeddedRungeKuttaFieldIntegrator<T> {
  /** Stages with nonzero error weights (0-based): 1 and 6–12 in Hairer's numbering. */
  private static final int[] STAGES = {0, 5, 6, 7, 8, 9, 10, 11};
  private static final double[][] E1 = {
      {116092271.0, 8848465920.0}, {-1871647.0, 1527680.0}, {-69799717.0, 140793660.0},
      {1230164450203.0, 739113984000.0}, {-1980813971228885.0, 5654156025964544.0},
      {464500805.0, 1389975552.0}, {1606764981773.0, 19613062656000.0}, {-137909.0, 6168960.0}};
  private static final double[][] E2 = {
      {-364463.0, 1920240.0}, {3399327.0, 763840.0}, {66578432.0, 35198415.0},
      {-1674902723.0, 288716400.0}, {-74684743568175.0, 176692375811392.0},
      {-734375.0, 4826304.0}, {171414593.0, 851261400.0}, {69869.0, 3084480.0}};

  private final T[] e1;
  private final T[] e2;
  private final T[][] interpolationWeights;

  public ExactErrorDormandPrince853(Field<T> field, double minStep, double maxStep, double[] atol, double[] rtol) {
    super(field, DormandPrince853Integrator.METHOD_NAME, 12, minStep, maxStep, atol, rtol);
    setUsingFieldCoefficients(true);
    this.e1 = rationals(field, E1);
    this.e2 = rationals(field, E2);
    this.interpolationWeights = FieldDormandPrince853Interpolator.weights(field, true);
  }

  /** Hipparchus's dense output with its weights exact and built once (not once per step). */
  @Override
  protected RungeKuttaFieldStateInterpolator<T> createInterpolator(boolean forward, T[][] yDotK,
      FieldODEStateAndDerivative<T> globalPreviousState, FieldODEStateAndDerivative<T> globalCurrentState,
      FieldEquationsMapper<T> mapper) {
    return new FieldDormandPrince853Interpolator<>(getField(), forward, yDotK, globalPreviousState,
        globalCurrentState, globalPreviousState, globalCurrentState, mapper, interpolationWeights);
  }

  /** Hipparchus's own DP853 tableau (the super constructor asks for it before any field is set). */
  private DormandPrince853FieldIntegrator<T> tableau() {
    return new DormandPrince853FieldIntegrator<>(getField(), 1, 1, 1, 1);
  }

  @Override
  public T[] getC() {
    return tableau().getC();
  }

  @Override
  public T[] getB() {
    return tableau().getB();
  }

  @Override
  public int getOrder() {
    return 8;
  }

  @Override
  public T[][] getA() {
    T[][] a = tableau().getA();
    Field<T> f = getField();
    a[9][8] = exactInteger(f, 35290686222309375L).divide(exactInteger(f, 14152473387134411L));
    a[10][8] = exactInteger(f, -28388795297996250L).divide(exactInteger(f, 3199510091356783L));
    return a;
  }

  /** An integer of up to 18 digits, assembled exactly from two parts below 2^53. */
  static <T extends CalculusFieldElement<T>> T exactInteger(Field<T> field, long value) {
    long high = value / 1_000_000_000L;
    long low = value % 1_000_000_000L;
    return field.getOne().multiply((double) high).multiply(1e9).add((double) low);
  }

  /** Numerators and denominators are integers below 2^53: exact doubles, exact field quotients. */
  private static <T extends CalculusFieldElement<T>> T[] rationals(Field<T> field, double[][] pq) {
    T[] r = MathArrays.buildArray(field, pq.length);
    for (int i = 0; i < pq.length; i++) {
      r[i] = field.getOne().multiply(pq[i][0]).divide(field.getOne().multiply(pq[i][1]));
    }
    return r;
  }

  @Override
  protected double estimateError(T[][] yDotK, T[] y0, T[] y1, T h) {
    StepsizeHelper helper = getStepSizeHelper();
    int n = helper.getMainSetDimension();
    double error1 = 0;
    double error2 = 0;
    for (int j = 0; j < n; j++) {
      T sum1 = h.getField().getZero();
      T sum2 = sum1;
      for (int k = 0; k < STAGES.length; k++) {
        T stage = yDotK[STAGES[k]][j];
        sum1 = sum1.add(stage.multiply(e1[k]));
        sum2 = sum2.add(stage.multiply(e2[k]));
      }
      T yScale = FastMath.max(y0[j].abs(), y1[j].abs());
      T tol = helper.getTolerance(j, yScale);
      double ratio1 = sum1.divide(tol).getReal();
      double ratio2 = sum2.divide(tol).getReal();
      error1 += ratio1 * ratio1;
      error2 += ratio2 * ratio2;
    }
    double den = error1 + 0.01 * error2;
    if (den <= 0.0) {
      den = 1.0;
    }
    return FastMath.abs(h.getReal()) * error1 / FastMath.sqrt(n * den);
  }
}
