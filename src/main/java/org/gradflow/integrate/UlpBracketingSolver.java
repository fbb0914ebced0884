package org.gradflow.integrate;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.CalculusFieldUnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketedRealFieldUnivariateSolver;

/**
 * A field bracketing solver whose brackets are never narrower than two double ulps of t.
 *
 * <p>Why: Hipparchus 4.0.3's field event search ({@code FieldDetectorBasedEventState.findRoot})
 * checks its progress on {@code getReal()} of the bracket ends and fails with an internal error
 * when a bracket returned by the solver collapses to one double, which a field Brent solver
 * does as soon as it converges below double resolution. Widening such a bracket by an ulp on
 * each side (keeping the sign change) lets the search finish at double accuracy; the engine then
 * refines the event time in the field on the step's dense output.
 */
final class UlpBracketingSolver<T extends CalculusFieldElement<T>> implements BracketedRealFieldUnivariateSolver<T> {
  private final BracketedRealFieldUnivariateSolver<T> inner;

  UlpBracketingSolver(BracketedRealFieldUnivariateSolver<T> inner) {
    this.inner = inner;
  }

  @Override
  public int getMaxEvaluations() {
    return inner.getMaxEvaluations();
  }

  @Override
  public int getEvaluations() {
    return inner.getEvaluations();
  }

  @Override
  public T getAbsoluteAccuracy() {
    return inner.getAbsoluteAccuracy();
  }

  @Override
  public T getRelativeAccuracy() {
    return inner.getRelativeAccuracy();
  }

  @Override
  public T getFunctionValueAccuracy() {
    return inner.getFunctionValueAccuracy();
  }

  @Override
  public T solve(int maxEval, CalculusFieldUnivariateFunction<T> f, T min, T max, AllowedSolution side) {
    return inner.solve(maxEval, f, min, max, side);
  }

  @Override
  public T solve(int maxEval, CalculusFieldUnivariateFunction<T> f, T min, T max, T start, AllowedSolution side) {
    return inner.solve(maxEval, f, min, max, start, side);
  }

  @Override
  public Interval<T> solveInterval(int maxEval, CalculusFieldUnivariateFunction<T> f, T min, T max, T start) {
    Interval<T> i = inner.solveInterval(maxEval, f, min, max, start);
    T left = i.getLeftAbscissa();
    T right = i.getRightAbscissa();
    if (left.getReal() != right.getReal()) {
      return i;
    }
    double ulp = Math.ulp(left.getReal());
    T wideLeft = left.subtract(ulp);
    T wideRight = right.add(ulp);
    if (wideLeft.getReal() < min.getReal() || wideRight.getReal() > max.getReal()) {
      return i;
    }
    T gl = f.value(wideLeft);
    T gr = f.value(wideRight);
    boolean keepsSign = (gl.getReal() <= 0) == (i.getLeftValue().getReal() <= 0)
        && (gr.getReal() <= 0) == (i.getRightValue().getReal() <= 0);
    return keepsSign ? new Interval<>(wideLeft, gl, wideRight, gr) : i;
  }
}
