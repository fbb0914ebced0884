package org.gradflow.integrate;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The interpolated states of one accepted step, by time ({@code K}: Double on the double path,
 * the field element on the high-precision path, whose dense output memoizes the same way).
 *
 * <p>Why: Hipparchus locates events detector by detector, and every detector interpolates the
 * whole state at the same check times; the step handler interpolates again. For DP853 one
 * interpolation combines 16 stage vectors twice, so on a 10⁵-dimensional state with fifteen
 * detectors the event checks cost about a hundred times the right-hand side. Within one step the
 * dense output is a fixed polynomial in t, so computing each time once is exact: every caller
 * gets the very same state object.
 *
 * <p>Bounded by a byte budget: once {@code capacity} states are held, further times are computed
 * but not kept. Detectors scan the check times in the same order, so keeping the earliest ones is
 * what later detectors hit; evicting would make a long scan miss every time.
 */
final class StepStateMemo<K, S> {
  /** Memory the states of one step may hold (θ and θ̇ per state). */
  static final long BUDGET_BYTES = 256L << 20;
  /** Bytes of one double component of θ and θ̇. */
  static final long DOUBLE_BYTES = 16;

  private final int capacity;
  private final Map<K, S> states = new HashMap<>();

  StepStateMemo(int capacity) {
    this.capacity = capacity;
  }

  /** A memo holding as many double states of {@code dimension} as the budget allows (at least two). */
  static <K, S> StepStateMemo<K, S> forDimension(int dimension) {
    return forDimension(dimension, DOUBLE_BYTES);
  }

  /** As {@link #forDimension(int)}, a component of θ and θ̇ together taking {@code bytesPerComponent}. */
  static <K, S> StepStateMemo<K, S> forDimension(int dimension, long bytesPerComponent) {
    long perState = bytesPerComponent * Math.max(1, dimension);
    return new StepStateMemo<>((int) Math.max(2, Math.min(4096, BUDGET_BYTES / perState)));
  }

  S get(K time, Function<K, S> interpolate) {
    S s = states.get(time);
    if (s == null) {
      s = interpolate.apply(time);
      if (states.size() < capacity) {
        states.put(time, s);
      }
    }
    return s;
  }

  int capacity() {
    return capacity;
  }
}
