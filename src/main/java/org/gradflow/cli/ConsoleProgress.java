package org.gradflow.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.Progress.Span;

/**
 * Progress of a run on the console, shown only once a run has taken a couple of seconds: a live
 * bar (fraction of the span, in log t for log-sampled runs; loss, steps, RHS evaluations) on a terminal; plain log lines every
 * {@link #LOG_INTERVAL_NANOS} otherwise (CI, Slurm), so logs stay readable.
 */
final class ConsoleProgress implements Progress {
  private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final int TICKS = 1000;

  private final PrintStream log;
  private final boolean terminal;
  private String name;
  private Span span;
  private long started;
  private long lastLog;
  private ProgressBar bar;

  ConsoleProgress(PrintStream log) {
    this.log = log;
    this.terminal = System.console() != null;
  }

  @Override
  public void start(String name, Span span) {
    this.name = name;
    this.span = span;
    this.started = System.nanoTime();
    this.lastLog = started;
  }

  @Override
  public void update(double t, double loss, long steps, long rhsEvaluations) {
    long now = System.nanoTime();
    if (now - started < SHOW_AFTER_NANOS) {
      return;
    }
    String status = String.format(Locale.ROOT, "t=%.4g loss=%.4e steps=%d rhs=%d", t, loss, steps, rhsEvaluations);
    if (terminal) {
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(TICKS)
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
      }
      bar.stepTo((long) (TICKS * span.fraction(t)));
      bar.setExtraMessage(status);
    } else if (now - lastLog >= LOG_INTERVAL_NANOS) {
      lastLog = now;
      log.printf(Locale.ROOT, "[%s] %s %s (%.0f s)%n", name, span.describe(t), status, (now - started) * 1e-9);
    }
  }

  @Override
  public void finish(String summary) {
    if (bar != null) {
      bar.stepTo(TICKS);
      bar.close();
      bar = null;
    }
    log.println(summary);
  }
}
