package org.gradflow.gd;

import java.io.PrintStream;
import java.util.Locale;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.Progress.Span;

/**
 * Plain progress lines (no terminal control, so logs of CI and batch jobs stay readable): one
 * line when a run starts, then at most one every {@code intervalSeconds}, then the summary.
 */
public final class LogProgress implements Progress {
  private final PrintStream out;
  private final double intervalSeconds;
  private String name;
  private Span span;
  private long started;
  private long lastPrint;

  public LogProgress(PrintStream out, double intervalSeconds) {
    this.out = out;
    this.intervalSeconds = intervalSeconds;
  }

  @Override
  public void start(String name, Span span) {
    this.name = name;
    this.span = span;
    this.started = System.nanoTime();
    this.lastPrint = started;
    out.printf(Locale.ROOT, "%s: started, t_end = %.6g%n", name, span.t1());
  }

  @Override
  public void update(double t, double loss, long steps, long rhsEvaluations) {
    long now = System.nanoTime();
    if ((now - lastPrint) * 1e-9 < intervalSeconds) {
      return;
    }
    lastPrint = now;
    out.printf(Locale.ROOT, "%s: t = %.6g / %.6g (%s), loss %.6e, %d steps, %d gradient evaluations, %.1f s%n",
        name, t, span.t1(), span.describe(t).trim(), loss, steps, rhsEvaluations, (now - started) * 1e-9);
  }

  @Override
  public void finish(String summary) {
    out.println(summary);
  }
}
