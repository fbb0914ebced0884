package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.gradflow.core.Observable;
import org.hipparchus.ode.ODEStateAndDerivative;

/**
 * The observables watched by a run's threshold detectors, evaluated together once per state.
 *
 * <p>Why: every detector's g reads θ and θ̇ out of the state, and Hipparchus hands out copies, so
 * fifteen detectors meant thirty copies of the whole state per check time. With the step's states
 * shared ({@link StepStateMemo}), the first detector to see a state copies it once and evaluates
 * every watched observable; the others read the stored values. Keys are held weakly and by
 * identity (Hipparchus states do not override equals), so values live exactly as long as the
 * state they belong to.
 */
final class EventObservables {
  private final List<Observable> observables = new ArrayList<>();
  private final Map<ODEStateAndDerivative, double[]> values = new WeakHashMap<>();

  /** Watches {@code o}; returns its index for {@link #value}. */
  int watch(Observable o) {
    observables.add(o);
    values.clear();
    return observables.size() - 1;
  }

  double value(int index, ODEStateAndDerivative s) {
    double[] v = values.get(s);
    if (v == null) {
      double[] theta = s.getPrimaryState();
      double[] thetaDot = s.getPrimaryDerivative();
      v = new double[observables.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = observables.get(k).value(theta, thetaDot);
      }
      values.put(s, v);
    }
    return v[index];
  }
}
