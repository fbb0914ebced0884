package org.gradflow.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times several calls alternately, one second each per round (A/B/C/A/B/C…), so that their
 * ratios see the same machine load; prints each round, the medians of the ratios to the first
 * call, and the load average.
 */
final class Alternation {
  private Alternation() {}

  static void run(int rounds, String[] names, Supplier<?>... calls) {
    double[][] ratio = new double[calls.length][rounds];
    for (int r = -2; r < rounds; r++) { // two warm-up rounds
      double[] t = new double[calls.length];
      StringBuilder line = new StringBuilder("round " + r + ":");
      for (int c = 0; c < calls.length; c++) {
        t[c] = secondsPerCall(calls[c]);
        line.append(String.format(Locale.ROOT, "  %s %.3f ms", names[c], t[c] * 1e3));
      }
      if (r >= 0) {
        for (int c = 0; c < calls.length; c++) {
          ratio[c][r] = t[c] / t[0];
        }
        System.out.println(line);
      }
    }
    for (int c = 1; c < calls.length; c++) {
      double[] v = ratio[c].clone();
      Arrays.sort(v);
      System.out.printf(Locale.ROOT, "%s / %s: median %.2f (min %.2f, max %.2f)%n", names[c], names[0],
          v[rounds / 2], v[0], v[rounds - 1]);
    }
    System.out.printf(Locale.ROOT, "load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double secondsPerCall(Supplier<?> call) {
    long start = System.nanoTime();
    int calls = 0;
    Object last = null;
    do {
      last = call.get();
      calls++;
    } while (System.nanoTime() - start < 1_000_000_000L);
    if (last == null) {
      throw new IllegalStateException("a timed call returned null");
    }
    return (System.nanoTime() - start) * 1e-9 / calls;
  }
}
