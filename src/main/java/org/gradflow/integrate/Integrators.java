package org.gradflow.integrate;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaFieldIntegrator;

/**
 * The engine's integrators for studies whose equation is not a plain gradient flow (an augmented
 * flow, a piecewise-smooth flow between kinks, a reduced system in a model's own variables):
 * stock Hipparchus DP853 in double, and DP853 over a field with field coefficients and the error
 * estimate summed in the field. Flow runs go through {@link Solver}; outside this package no
 * code constructs a Hipparchus integrator (a test keeps it so).
 */
public final class Integrators {
  private Integrators() {}

  /** Hipparchus DP853 with per-component tolerances. */
  public static DormandPrince853Integrator dormandPrince853(double minStep, double maxStep, double[] atol,
      double[] rtol) {
    return new DormandPrince853Integrator(minStep, maxStep, atol, rtol);
  }

  /** Hipparchus DP853 with scalar tolerances. */
  public static DormandPrince853Integrator dormandPrince853(double minStep, double maxStep, double atol,
      double rtol) {
    return new DormandPrince853Integrator(minStep, maxStep, atol, rtol);
  }

  /** Field DP853 accurate beyond double: field Butcher coefficients, error summed in the field. */
  public static <T extends CalculusFieldElement<T>> EmbeddedRungeKuttaFieldIntegrator<T> fieldDormandPrince853(
      Field<T> field, double minStep, double maxStep, double[] atol, double[] rtol) {
    return new ExactErrorDormandPrince853<>(field, minStep, maxStep, atol, rtol);
  }
}
