package org.gradflow.models.condensation;

import java.util.Arrays;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.gradflow.integrate.Integrators;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * dL/dt = −|∇L|² in integrated form: the flow augmented with q̇ = |∇L|² (Hipparchus DOP853)
 * gives the dissipated energy q(T), compared with the drop of the loss computed through the
 * cancellation-free deficit, (1 − L(T)) − (1 − L(0)).
 */
public final class EnergyIdentity {
  private EnergyIdentity() {}

  /** {dissipated q(T), loss drop L(0) − L(T)}. */
  public static double[] measure(CondensationFlow flow, double[] theta0, double tEnd, double[] atol, double rtol) {
    int n = theta0.length;
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      private final double[] g = new double[n];

      @Override
      public int getDimension() {
        return n + 1;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        flow.negativeGradient(y, g);
        double[] out = new double[n + 1];
        double s = 0;
        for (int i = 0; i < n; i++) {
          out[i] = g[i];
          s += g[i] * g[i];
        }
        out[n] = s;
        return out;
      }
    };
    double[] a = Arrays.copyOf(atol, n + 1);
    // q starts at 0 and grows to O(L(0) − L(T)); its error is controlled by rtol once q > 1e-22
    a[n] = 1e-22;
    double[] r = new double[n + 1];
    Arrays.fill(r, rtol);
    DormandPrince853Integrator dp = Integrators.dormandPrince853(tEnd * 1e-15, tEnd, a, r);
    ODEStateAndDerivative end = dp.integrate(ode, new ODEState(0, Arrays.copyOf(theta0, n + 1)), tEnd);
    double[] y = end.getPrimaryState();
    double drop = flow.lossDeficit(Arrays.copyOf(y, n)) - flow.lossDeficit(theta0);
    return new double[] {y[n], drop};
  }
}
