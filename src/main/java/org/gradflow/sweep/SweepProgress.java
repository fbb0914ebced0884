package org.gradflow.sweep;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one progress line of a sweep: a bar, points done/total, running, failed, skipped,
 * elapsed and estimated remaining time. Redrawn in place on a terminal; on a pipe (CI, Slurm)
 * a plain line at most every {@code intervalSeconds}, and always the last one.
 */
public final class SweepProgress {
  private static final int BAR = 24;
  private final String name;
  private final int total;
  private final PrintStream out;
  private final boolean interactive;
  private final double intervalSeconds;
  private final long start = System.nanoTime();
  private int done;
  private int failed;
  private int skipped;
  private int running;
  private int ranDone;
  private long lastPrint = Long.MIN_VALUE;
  private int printedDone = -1;

  public SweepProgress(String name, int total, PrintStream out, boolean interactive, double intervalSeconds) {
    this.name = name;
    this.total = total;
    this.out = out;
    this.interactive = interactive;
    this.intervalSeconds = intervalSeconds;
  }

  /** A terminal gets an in-place line; anything else periodic plain lines. */
  public static SweepProgress forConsole(String name, int total) {
    return new SweepProgress(name, total, System.out, System.console() != null, 10);
  }

  public static SweepProgress silent(String name, int total) {
    return new SweepProgress(name, total, new PrintStream(java.io.OutputStream.nullOutputStream()), false, 1e9);
  }

  public synchronized void skipped(int n) {
    skipped += n;
    done += n;
    print(false);
  }

  public synchronized void started() {
    running++;
    print(false);
  }

  public synchronized void finished(boolean ok) {
    running--;
    done++;
    ranDone++;
    failed += ok ? 0 : 1;
    print(done == total);
  }

  public synchronized void close() {
    if (printedDone != done) {
      print(true);
    }
    if (interactive) {
      out.println();
    }
  }

  private void print(boolean force) {
    long now = System.nanoTime();
    if (!interactive && !force && now - lastPrint < intervalSeconds * 1e9) {
      return;
    }
    lastPrint = now;
    printedDone = done;
    out.print((interactive ? "\r" : "") + line(now) + (interactive ? "" : System.lineSeparator()));
    out.flush();
  }

  String line(long now) {
    double elapsed = (now - start) * 1e-9;
    int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
    String eta = ranDone == 0 || done == total ? "" : String.format(Locale.ROOT, ", ~%.0f s left",
        elapsed / ranDone * (total - done));
    return String.format(Locale.ROOT, "sweep %s [%s%s] %d/%d done, %d running, %d failed, %d skipped | %.1f s%s",
        name, "#".repeat(filled), "-".repeat(BAR - filled), done, total, running, failed, skipped, elapsed, eta);
  }
}
