package org.gradflow.sweep;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SystemSpec;

/**
 * Cost of one model size: the time of one RHS (−∇L via {@code negativeGradient}) timed in a
 * loop after a warm-up, the time and RHS count of the full run, and the heap retained by
 * the built system and by the run's result (measured after a GC: approximate, and the
 * integrator's transient stage vectors are not in it). Times are the benchmarking thread's CPU
 * time (immune to other processes on a shared machine); the run's wall time is kept too.
 */
public final class GrowthBench {
  /** One measured point. */
  public record Sample(String id, String assignments, int dimension, double rhsNanos, double runSeconds,
      long rhsEvaluations, long modelBytes, long runBytes, String outcome, double runWallSeconds) {}

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Results of the timed loops land here so the JIT cannot drop the calls. */
  private volatile double sink;
  private final double seconds;
  private final boolean fullRun;

  public GrowthBench(double seconds, boolean fullRun) {
    this.seconds = seconds;
    this.fullRun = fullRun;
  }

  public Sample measure(SweepPoint p, String baseFile) {
    SystemSpec spec = p.spec(baseFile);
    long heap0 = usedHeap();
    FlowSystem system = ModelRegistry.build(spec);
    long model = usedHeap() - heap0;
    double ns = rhsNanos(system.flow(), system.initialState());
    double wall = Double.NaN;
    double cpu = Double.NaN;
    long evals = 0;
    long run = -1;
    String outcome = "not run";
    if (fullRun) {
      long t0 = System.nanoTime();
      long c0 = cpuNanos();
      RunResult r = SystemRuns.run(spec, system, Progress.NONE);
      cpu = (cpuNanos() - c0) * 1e-9;
      wall = (System.nanoTime() - t0) * 1e-9;
      evals = r.stats().rhsEvaluations();
      run = usedHeap() - heap0;
      outcome = r.outcome().name();
      java.lang.ref.Reference.reachabilityFence(r);
    }
    java.lang.ref.Reference.reachabilityFence(system);
    return new Sample(p.id(), p.describe(), system.flow().layout().dimension(), ns, cpu, evals,
        Math.max(0, model), run, outcome, wall);
  }

  /** CPU time of this thread (wall time where the JVM cannot measure it). */
  static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** CPU ns per negativeGradient call: warm up, then double the repetitions until the loop takes {@code seconds}. */
  double rhsNanos(GradientFlow flow, double[] theta0) {
    double[] theta = theta0.clone();
    double[] out = new double[theta.length];
    double acc = 0;
    long warmEnd = cpuNanos() + (long) (0.3 * seconds * 1e9);
    while (cpuNanos() < warmEnd) {
      acc += flow.negativeGradient(theta, out);
    }
    for (long reps = 1; ; reps *= 2) {
      long t0 = cpuNanos();
      for (long i = 0; i < reps; i++) {
        acc += flow.negativeGradient(theta, out);
      }
      long dt = cpuNanos() - t0;
      if (dt >= seconds * 1e9 || reps > (1L << 40)) {
        sink = acc;
        return (double) dt / reps;
      }
    }
  }

  static long usedHeap() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return m.getHeapMemoryUsage().getUsed();
  }

  public List<Sample> measureAll(List<SweepPoint> points, String baseFile, java.io.PrintStream log) {
    List<Sample> out = new ArrayList<>();
    for (SweepPoint p : points) {
      Sample s = measure(p, baseFile);
      log.printf(java.util.Locale.ROOT,
          "  %s %-24s dim %9d  RHS %11.0f ns  run %8.3f s CPU (%7.2f s wall)  %7d RHS  system %,d B  run %,d B%n",
          s.id(), s.assignments(), s.dimension(), s.rhsNanos(), s.runSeconds(), s.runWallSeconds(), s.rhsEvaluations(),
          s.modelBytes(), s.runBytes());
      out.add(s);
    }
    return out;
  }
}
