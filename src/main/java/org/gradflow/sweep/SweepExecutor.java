package org.gradflow.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the points that are not complete yet (never run, or whose run FAILED) on a fixed pool of threads (default: one per core),
 * each into its own staging folder, committed atomically by {@link PointStore}. A point that
 * throws is reported and left unwritten; the others go on.
 */
public final class SweepExecutor {
  private final PointStore store;
  private final PointRunner runner;
  private final int threads;

  public SweepExecutor(PointStore store, PointRunner runner, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.store = store;
    this.runner = runner;
    this.threads = threads;
  }

  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** What happened: how many points ran, were skipped as already complete, and which failed (id → reason). */
  public record Report(int ran, int skipped, Map<String, String> failures, double wallSeconds, double cpuSeconds,
      double pointCpuSeconds, double busiestWorkerCpuSeconds) {
    public boolean ok() {
      return failures.isEmpty();
    }

    /**
     * Σ point CPU / busiest worker's point CPU: the speed-up over one thread if every worker had
     * a core to itself (no other load), from CPU times, which a busy machine does not distort.
     */
    public double idealSpeedup() {
      return pointCpuSeconds / busiestWorkerCpuSeconds;
    }
  }

  /** CPU seconds spent in points, per worker thread. */
  private final Map<String, Double> workerCpu = new java.util.concurrent.ConcurrentHashMap<>();

  public Report run(List<SweepPoint> points, SweepProgress progress) throws InterruptedException {
    long start = System.nanoTime();
    double cpu0 = processCpuSeconds();
    List<SweepPoint> todo = new ArrayList<>();
    for (SweepPoint p : points) {
      if (store.complete(p).isEmpty()) {
        todo.add(p);
      }
    }
    progress.skipped(points.size() - todo.size());
    Map<String, String> failures = new LinkedHashMap<>();
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, todo.size())), r -> {
      Thread t = new Thread(r, "sweep-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (SweepPoint p : todo) {
        futures.add(pool.submit(() -> runOne(p, progress)));
      }
      for (int i = 0; i < todo.size(); i++) {
        String failure;
        try {
          failure = futures.get(i).get();
        } catch (ExecutionException e) {
          failure = String.valueOf(e.getCause());
        }
        if (failure != null) {
          failures.put(todo.get(i).id(), failure);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    progress.close();
    double total = workerCpu.values().stream().mapToDouble(Double::doubleValue).sum();
    double busiest = workerCpu.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return new Report(todo.size(), points.size() - todo.size(), failures, (System.nanoTime() - start) * 1e-9,
        processCpuSeconds() - cpu0, total, busiest);
  }

  /**
   * CPU time of this JVM (all threads, incl. JIT and GC), NaN where the platform does not say.
   * CPU / wall is the parallelism the sweep actually got: on a busy machine it shows why a
   * speed-up falls short.
   */
  static double processCpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long ns = sun.getProcessCpuTime();
      return ns < 0 ? Double.NaN : ns * 1e-9;
    }
    return Double.NaN;
  }

  /** Runs and commits one point; returns null on success, else the reason it failed. */
  private String runOne(SweepPoint p, SweepProgress progress) throws IOException {
    progress.started();
    java.nio.file.Path staging;
    try {
      staging = store.stage(p);
    } catch (IOException e) {
      progress.finished(false);
      return "cannot create its staging folder: " + e.getMessage();
    }
    long cpu0 = GrowthBench.cpuNanos();
    try {
      PointResult r = runner.run(p, staging);
      store.commit(p, staging, r);
      progress.finished(!r.failed());
      return r.failed() ? "run FAILED: " + r.reason() + " (partial results kept; rerun on resume)" : null;
    } catch (Exception e) {
      PointStore.deleteTree(staging);
      progress.finished(false);
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      workerCpu.merge(Thread.currentThread().getName(), (GrowthBench.cpuNanos() - cpu0) * 1e-9, Double::sum);
    }
  }
}
