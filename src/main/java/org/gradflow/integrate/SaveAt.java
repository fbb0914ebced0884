package org.gradflow.integrate;

import java.util.List;
import org.gradflow.core.Observable;

/**
 * What a solve records: the trajectory at {@code times} (increasing, within [t0, t1]; hit
 * exactly on the dense output, or on GD's iterates), with columns t, loss, gradNorm and then
 * {@code observables}. {@code logFrom} is the first time of a log-spaced grid (NaN if not
 * log-spaced), so progress can be shown in log t; {@code listener} (may be null) sees each
 * sample as it is taken. θ snapshots are kept while they fit {@link Solver#STATE_BUDGET}.
 */
public record SaveAt(double[] times, List<Observable> observables, double logFrom, Listener listener) {
  /** Receives every saved sample as it is recorded (e.g. to compare it without storing it). */
  @FunctionalInterface
  public interface Listener {
    void saved(double t, double[] theta, double[] row);
  }

  public SaveAt {
    times = times.clone();
    for (int i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1])) {
        throw new IllegalArgumentException("save times must increase: " + times[i - 1] + " then " + times[i]);
      }
    }
    observables = List.copyOf(observables);
  }

  public static SaveAt times(double... times) {
    return new SaveAt(times, List.of(), Double.NaN, null);
  }

  public SaveAt withObservables(List<Observable> observables) {
    return new SaveAt(times, observables, logFrom, listener);
  }

  public SaveAt withLogFrom(double t) {
    return new SaveAt(times, observables, t, listener);
  }

  public SaveAt withListener(Listener l) {
    return new SaveAt(times, observables, logFrom, l);
  }

  @Override
  public double[] times() {
    return times.clone();
  }
}
