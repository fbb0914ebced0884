package org.gradflow.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * STREAM's triad {@code a = b + s·c} (McCalpin), the memory-bandwidth yardstick for the stage
 * sums: one pass moves 24·n bytes (STREAM's count: two arrays read, one written). At
 * n = 95 360 the three arrays (2.3 MB) sit in L3; at 2^25 (805 MB) they exceed the 300 MB L3, so
 * that size measures DRAM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TriadBenchmark {
  @Param({"95360", "33554432"})
  public int n;

  private double[] a;
  private double[] b;
  private double[] c;

  @Setup(Level.Trial)
  public void setUp() {
    a = new double[n];
    b = new double[n];
    c = new double[n];
    Arrays.fill(b, 1.0);
    Arrays.fill(c, 2.0);
  }

  @Benchmark
  public double[] triad() {
    final double s = 3.0;
    for (int i = 0; i < n; i++) {
      a[i] = b[i] + s * c[i];
    }
    return a;
  }

  /** Bytes one {@link #triad} call moves, STREAM's way. */
  static double bytes(int n) {
    return 24.0 * n;
  }
}
