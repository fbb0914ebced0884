package org.gradflow.integrate;

/** Receives progress of a run; called from the integrator's step handler (throttle inside). */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void start(String name, Span span) {}

    @Override
    public void update(double t, double loss, long steps, long rhsEvaluations) {}

    @Override
    public void finish(String summary) {}
  };

  void start(String name, Span span);

  void update(double t, double loss, long steps, long rhsEvaluations);

  void finish(String summary);

  /**
   * The time span of a run and how far along time t is: linear in t, or in log t from
   * {@code logFrom} (the first log-spaced save time) when the run is sampled log-spaced, where a
   * linear percentage would sit near 0 % for most of the run's decades.
   */
  record Span(double t0, double t1, double logFrom) {
    public static Span linear(double t0, double t1) {
      return new Span(t0, t1, Double.NaN);
    }

    public boolean logTime() {
      return logFrom > 0 && logFrom < t1;
    }

    /** Fraction of the span done at t, in [0, 1]. */
    public double fraction(double t) {
      double f = logTime()
          ? Math.log(Math.max(t, logFrom) / logFrom) / Math.log(t1 / logFrom)
          : (t - t0) / (t1 - t0);
      return Math.max(0, Math.min(1, f));
    }

    /** "t = 3.2 / 100 (47.3 % in log t)" style position. */
    public String describe(double t) {
      return String.format(java.util.Locale.ROOT, "%5.1f%%%s", 100 * fraction(t), logTime() ? " (log t)" : "");
    }
  }
}
