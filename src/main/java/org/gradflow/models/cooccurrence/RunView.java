package org.gradflow.models.cooccurrence;

import java.util.function.DoublePredicate;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;

/** Read-only helpers the cooccurrence checks share: event times, windows of the trajectory. */
final class RunView {
  final RunResult run;
  final Trajectory tr;
  final double[] t;

  RunView(RunResult run) {
    this.run = run;
    this.tr = run.trajectory();
    this.t = tr.times();
  }

  /**
   * Time of the event: the first crossing that persisted to the end of the run if there is one
   * (e.g. T1 is the crossing after which all margins stay positive), else the first; NaN if none.
   */
  double time(String event) {
    EventRecord e = record(event);
    return e == null ? Double.NaN : e.time();
  }

  EventRecord record(String event) {
    EventRecord first = null;
    for (EventRecord e : run.events()) {
      if (e.name().equals(event)) {
        if (e.persisted()) {
          return e;
        }
        first = first == null ? e : first;
      }
    }
    return first;
  }

  double[] col(String name) {
    return tr.column(name);
  }

  double first(String name) {
    return tr.column(name)[0];
  }

  double last(String name) {
    return tr.last(name);
  }

  double tEnd() {
    return run.finalTime();
  }

  /** Linear interpolation of a column at time s (clamped to the grid). */
  double at(String name, double s) {
    double[] v = col(name);
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

  /** Largest |value| of a column over grid times in [from, to]. */
  double maxAbs(String name, double from, double to) {
    double[] v = col(name);
    double mx = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        mx = Math.max(mx, Math.abs(v[i]));
      }
    }
    return mx;
  }

  double min(String name, double from, double to) {
    double[] v = col(name);
    double mn = Double.POSITIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        mn = Math.min(mn, v[i]);
      }
    }
    return mn;
  }

  double max(String name, double from, double to) {
    double[] v = col(name);
    double mx = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        mx = Math.max(mx, v[i]);
      }
    }
    return mx;
  }

  /** Fraction of grid points in [from, to] where the predicate holds, and their count. */
  double[] fraction(String name, double from, double to, DoublePredicate p) {
    double[] v = col(name);
    int n = 0;
    int ok = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] <= to) {
        n++;
        ok += p.test(v[i]) ? 1 : 0;
      }
    }
    return new double[] {n == 0 ? Double.NaN : (double) ok / n, n};
  }

  /** ∫_from^to column dτ by the trapezoid rule on the grid (plus interpolated end pieces). */
  double integral(String name, double from, double to) {
    double s = 0;
    double prevT = from;
    double prevV = at(name, from);
    double[] v = col(name);
    for (int i = 0; i < t.length; i++) {
      if (t[i] > from && t[i] < to) {
        s += 0.5 * (prevV + v[i]) * (t[i] - prevT);
        prevT = t[i];
        prevV = v[i];
      }
    }
    return s + 0.5 * (prevV + at(name, to)) * (to - prevT);
  }
}
