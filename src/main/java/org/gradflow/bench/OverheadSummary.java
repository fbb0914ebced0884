package org.gradflow.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;

/**
 * After a JMH run that included {@link IntegratorOverheadBenchmark} and {@link TriadBenchmark}:
 * per integrator, the time per DP853 try outside the derivative next to the stage traffic's
 * bandwidth floor, for the L3-resident and the DRAM triad.
 */
final class OverheadSummary {
  private OverheadSummary() {}

  static void print(Collection<RunResult> results) {
    Double rhs = null;
    int n = 0;
    String tEnd = null;
    java.util.Map<String, Double> integrate = new java.util.TreeMap<>();
    java.util.Map<Integer, Double> triadMicros = new java.util.TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      double score = r.getPrimaryResult().getScore();
      if (label.endsWith("IntegratorOverheadBenchmark.rhs")) {
        rhs = rhs == null ? score : Math.min(rhs, score);
      } else if (label.endsWith("IntegratorOverheadBenchmark.integrate")) {
        integrate.put(r.getParams().getParam("impl"), score);
        n = Integer.parseInt(r.getParams().getParam("n"));
        tEnd = r.getParams().getParam("tEnd");
      } else if (label.endsWith("TriadBenchmark.triad")) {
        triadMicros.put(Integer.parseInt(r.getParams().getParam("n")), score);
      }
    }
    if (rhs == null || integrate.isEmpty()) {
      return;
    }
    BareFlow.Timing pilot = IntegratorOverheadBenchmark.pilot(n, tEnd);
    System.out.printf(Locale.ROOT, "%nquadratic n = %d, t_end %s: %d evaluations, %d tries, RHS %.1f µs;"
        + " DP853 stage traffic %.1f MB per try%n", n, tEnd, pilot.evaluations(), pilot.tries(), rhs,
        StageTraffic.dp853Bytes(n) / 1e6);
    for (var e : triadMicros.entrySet()) {
      System.out.printf(Locale.ROOT, "triad n = %d: %.1f GB/s -> floor %.2f ms per try%n", e.getKey(),
          bandwidth(e.getKey(), e.getValue()) / 1e9, floorMillis(n, e.getKey(), e.getValue()));
    }
    for (var e : integrate.entrySet()) {
      double perTry = (e.getValue() - pilot.evaluations() * rhs) / pilot.tries() / 1e3;
      StringBuilder ratios = new StringBuilder();
      for (var t : triadMicros.entrySet()) {
        ratios.append(String.format(Locale.ROOT, ", %.2f× the floor of triad n = %d", perTry
            / floorMillis(n, t.getKey(), t.getValue()), t.getKey()));
      }
      System.out.printf(Locale.ROOT, "%-10s: non-RHS %.2f ms per try%s%n", e.getKey().toLowerCase(Locale.ROOT),
          perTry, ratios);
    }
  }

  private static double bandwidth(int triadN, double micros) {
    return TriadBenchmark.bytes(triadN) / (micros * 1e-6);
  }

  private static double floorMillis(int n, int triadN, double triadMicros) {
    return StageTraffic.dp853Bytes(n) / bandwidth(triadN, triadMicros) * 1e3;
  }
}
