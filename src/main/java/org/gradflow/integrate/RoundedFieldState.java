package org.gradflow.integrate;

import org.gradflow.core.FieldDecimal;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.ode.FieldODEStateAndDerivative;

/**
 * θ and θ̇ of the last field state asked for, rounded to double. Why: every event detector of the
 * high-precision path checks the same interpolated state objects (the dense output memoizes them
 * per time), and the detectors of observables without a field evaluation each need that state in
 * double; it is rounded once per state instead of once per detector.
 */
final class RoundedFieldState {
  private FieldODEStateAndDerivative<Dfp> last;
  private double[] theta;
  private double[] thetaDot;

  double[] theta(FieldODEStateAndDerivative<Dfp> s) {
    round(s);
    return theta;
  }

  double[] thetaDot(FieldODEStateAndDerivative<Dfp> s) {
    round(s);
    return thetaDot;
  }

  private void round(FieldODEStateAndDerivative<Dfp> s) {
    if (s != last) {
      theta = toDouble(s.getPrimaryState());
      thetaDot = toDouble(s.getPrimaryDerivative());
      last = s;
    }
  }

  static double[] toDouble(Dfp[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = FieldDecimal.toDouble(v[i]);
    }
    return d;
  }
}
