package org.gradflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;

/**
 * Bare DP853 flows of one system, stock Hipparchus and the engine's integrator alternately
 * (A B A B …, one JVM, warmed up by a first discarded pair): per round the wall time, the time
 * outside the derivative per try, and whether the final states agree bit for bit.
 */
final class AlternatingFlowTiming {
  private AlternatingFlowTiming() {}

  static void run(Path specFile, List<String> overrides, int rounds) {
    SystemSpec spec = SpecLoader.load(specFile, overrides);
    FlowSystem system = ModelRegistry.build(spec);
    System.out.printf(Locale.ROOT, "%s: bare DP853, dimension %d, t_end %s; load average %s%n", spec.name(),
        system.initialState().length, spec.integrator().tEnd(), loadAverage());
    System.out.printf(Locale.ROOT, "%5s  %-10s  %8s  %8s  %6s  %5s  %14s  %s%n", "round", "integrator", "wall s",
        "RHS s", "evals", "tries", "non-RHS ms/try", "θ(t_end) = stock's");
    double[] ratio = new double[2];
    for (int round = 0; round <= rounds; round++) {
      BareFlow.Timing[] t = new BareFlow.Timing[2];
      for (BareFlow impl : BareFlow.values()) {
        t[impl.ordinal()] = impl.run(spec, system);
      }
      for (BareFlow impl : BareFlow.values()) {
        BareFlow.Timing r = t[impl.ordinal()];
        System.out.printf(Locale.ROOT, "%5s  %-10s  %8.3f  %8.3f  %6d  %5d  %14.2f  %s%n",
            round == 0 ? "warm" : Integer.toString(round), impl.name().toLowerCase(Locale.ROOT), r.wallSeconds(),
            r.rhsSeconds(), r.evaluations(), r.tries(), 1e3 * r.nonRhsPerTry(),
            Arrays.equals(r.end(), t[0].end()));
      }
      if (round > 0) {
        ratio[0] += t[0].wallSeconds() / t[1].wallSeconds();
        ratio[1] += t[0].nonRhsPerTry() / t[1].nonRhsPerTry();
      }
    }
    System.out.printf(Locale.ROOT, "mean ratio stock / engine over %d rounds: wall %.2f×, non-RHS per try %.2f×;"
        + " load average %s%n", rounds, ratio[0] / rounds, ratio[1] / rounds, loadAverage());
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
