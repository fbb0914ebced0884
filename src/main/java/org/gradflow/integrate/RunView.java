package org.gradflow.integrate;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;

/**
 * Read-only lookups on a finished solve, as checks and figures ask them: a column at a time
 * (interpolated), extremes, shares and integrals over a time window of the samples, and event
 * times. Windows [from, to] are closed and hold the grid times inside them; nothing is
 * extrapolated beyond the samples.
 */
public final class RunView {
  private final Solution solution;
  private final Trajectory trajectory;
  private final double[] t;

  public RunView(Solution solution) {
    this.solution = solution;
    this.trajectory = solution.trajectory();
    this.t = trajectory.times();
  }

  /** Share of the samples in a window where a predicate holds, and how many samples that is. */
  public record Share(double fraction, int samples) {}

  public Trajectory trajectory() {
    return trajectory;
  }

  /** Number of samples. */
  public int size() {
    return t.length;
  }

  /** Time of sample i. */
  public double time(int i) {
    return t[i];
  }

  /** Where the solve ended (t_end, or earlier if stopped or failed). */
  public double tEnd() {
    return solution.finalTime();
  }

  public boolean hasColumn(String name) {
    return trajectory.hasColumn(name);
  }

  /** A column's values at every sample (a copy). */
  public double[] column(String name) {
    return trajectory.column(name);
  }

  public double first(String name) {
    return trajectory.column(name)[0];
  }

  public double last(String name) {
    return trajectory.last(name);
  }

  /** Linear interpolation of a column at time s (clamped to the grid). */
  public double at(String name, double s) {
    double[] v = column(name);
    if (s <= t[0]) {
      return v[0];
    }
    for (int i = 1; i < t.length; i++) {
      if (t[i] >= s) {
        double w = (s - t[i - 1]) / (t[i] - t[i - 1]);
        return v[i - 1] + w * (v[i] - v[i - 1]);
      }
    }
    return v[v.length - 1];
  }

  /** Largest |value| of a column over all samples (0 if there are none). */
  public double maxAbs(String name) {
    return maxAbs(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** Largest |value| of a column over grid times in [from, to] (0 if there are none). */
  public double maxAbs(String name, double from, double to) {
    return fold(name, from, to, 0, (m, x) -> Math.max(m, Math.abs(x)));
  }

  /** Largest value of a column over all samples (−∞ if there are none). */
  public double max(String name) {
    return max(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** Largest value of a column over grid times in [from, to] (−∞ if there are none). */
  public double max(String name, double from, double to) {
    return fold(name, from, to, Double.NEGATIVE_INFINITY, Math::max);
  }

  /** Smallest value of a column over grid times in [from, to] (+∞ if there are none). */
  public double min(String name, double from, double to) {
    return fold(name, from, to, Double.POSITIVE_INFINITY, Math::min);
  }

  /** The column's values at grid times in [from, to], folded into start by op, in time order. */
  private double fold(String name, double from, double to, double start, DoubleBinaryOperator op) {
    double[] v = column(name);
    double acc = start;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        acc = op.applyAsDouble(acc, v[i]);
      }
    }
    return acc;
  }

  /** Share of grid points in [from, to] where the predicate holds (NaN if there are none). */
  public Share share(String name, double from, double to, DoublePredicate p) {
    double[] v = column(name);
    int n = 0;
    int ok = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        n++;
        ok += p.test(v[i]) ? 1 : 0;
      }
    }
    return new Share(n == 0 ? Double.NaN : (double) ok / n, n);
  }

  /** ∫_from^to column dτ by the trapezoid rule on the grid (plus interpolated end pieces). */
  public double integral(String name, double from, double to) {
    double s = 0;
    double prevT = from;
    double prevV = at(name, from);
    double[] v = column(name);
    for (int i = 0; i < t.length; i++) {
      if (t[i] > from && t[i] < to) {
        s += 0.5 * (prevV + v[i]) * (t[i] - prevT);
        prevT = t[i];
        prevV = v[i];
      }
    }
    return s + 0.5 * (prevV + at(name, to)) * (to - prevT);
  }

  public List<EventRecord> events() {
    return solution.events();
  }

  /** First crossing of that event, or null. */
  public EventRecord firstEvent(String event) {
    return solution.firstEvent(event);
  }

  /** Time of the event's first crossing, NaN if it never fired. */
  public double firstTime(String event) {
    return timeOf(firstEvent(event));
  }

  /** First crossing of that event at or after time s, or null. */
  public EventRecord firstAfter(String event, double s) {
    for (EventRecord e : solution.events()) {
      if (e.name().equals(event) && e.time() >= s) {
        return e;
      }
    }
    return null;
  }

  /**
   * The first crossing of that event that persisted to the end of the run if there is one (e.g.
   * T1 is the crossing after which all margins stay positive), else the first; null if none.
   */
  public EventRecord persistentOrFirst(String event) {
    EventRecord first = null;
    for (EventRecord e : solution.events()) {
      if (e.name().equals(event)) {
        if (e.persisted()) {
          return e;
        }
        first = first == null ? e : first;
      }
    }
    return first;
  }

  /** Time of {@link #persistentOrFirst}, NaN if the event never fired. */
  public double persistentOrFirstTime(String event) {
    return timeOf(persistentOrFirst(event));
  }

  private static double timeOf(EventRecord e) {
    return e == null ? Double.NaN : e.time();
  }
}
