package org.gradflow.models.cooccurrence.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.cooccurrence.CooccurrenceFlow;
import org.gradflow.models.cooccurrence.LegacyAttentionKernel;
import org.gradflow.spec.SpecLoader;

/**
 * The current and the legacy co-occurrence kernel timed A/B/A/B in one JVM: blocks of
 * {@value #BLOCK} −∇L̂ calls at θ0, alternating, {@value #ROUNDS} rounds (the first
 * {@value #WARMUP} discarded), wall and per-thread CPU time per call. On the shared machine CPU
 * time excludes the time the thread waits for a core, so its ratio is the steadier one; JMH
 * ({@link CooccurrenceRhsBenchmark}) measures the two kernels one after the other instead.
 * Run from the repository root: {@code java -cp target/gradflow.jar
 * org.gradflow.models.cooccurrence.bench.KernelAlternation systems/cooccurrence-as-u.json ...}.
 */
public final class KernelAlternation {
  private static final int BLOCK = 20;
  private static final int ROUNDS = 60;
  private static final int WARMUP = 15;

  private KernelAlternation() {}

  public static void main(String[] args) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (String spec : args) {
      FlowSystem system = ModelRegistry.build(SpecLoader.load(Path.of(spec), List.of()));
      CooccurrenceFlow flow = (CooccurrenceFlow) system.flow();
      LegacyAttentionKernel legacy = new LegacyAttentionKernel(flow.data(), flow.a(), flow.m());
      double[] theta = system.initialState();
      double[] out = new double[theta.length];
      double[][] wall = new double[2][ROUNDS];
      double[][] cpu = new double[2][ROUNDS];
      double sink = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (int k = 0; k < 2; k++) {
          long w0 = System.nanoTime();
          long c0 = bean.getCurrentThreadCpuTime();
          for (int call = 0; call < BLOCK; call++) {
            if (k == 0) {
              sink += flow.negativeGradient(theta, out);
            } else {
              sink += legacy.forward(theta);
              legacy.backward(theta, out);
            }
          }
          cpu[k][round] = (bean.getCurrentThreadCpuTime() - c0) / 1e3 / BLOCK;
          wall[k][round] = (System.nanoTime() - w0) / 1e3 / BLOCK;
        }
      }
      System.out.printf(Locale.ROOT, "%s (dim %d, checksum %.6g), µs per call, %d rounds of %d calls:%n",
          spec, theta.length, sink, ROUNDS - WARMUP, BLOCK);
      print("wall", wall);
      print("CPU", cpu);
    }
  }

  private static void print(String clock, double[][] times) {
    double[] current = Arrays.copyOfRange(times[0], WARMUP, ROUNDS);
    double[] legacy = Arrays.copyOfRange(times[1], WARMUP, ROUNDS);
    Arrays.sort(current);
    Arrays.sort(legacy);
    double mc = current[current.length / 2];
    double ml = legacy[legacy.length / 2];
    System.out.printf(Locale.ROOT,
        "  %-4s current min %.0f median %.0f | legacy min %.0f median %.0f | ratio min %.2f median %.2f%n",
        clock, current[0], mc, legacy[0], ml, legacy[0] / current[0], ml / mc);
  }
}
