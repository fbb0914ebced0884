package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradflow sweep bench SWEEP.json}: for every point (typically a sweep over a size
 * parameter), times the RHS in a loop and the full run, measures retained heap, fits the growth
 * exponents against the parameter count and extrapolates the largest instance in a memory budget.
 * Points run one after another (timings must not compete for cores).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark RHS time, run time and memory against model size over a sweep's points.")
final class SweepBenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SWEEP", description = "Sweep spec whose points differ in size (e.g. params.m).")
  Path sweepFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: outputs/sweeps/<name>-bench).")
  Path out;

  @Option(names = "--seconds", defaultValue = "0.5", description = "Time per RHS measurement loop (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--no-run", description = "Only time the RHS; skip the full runs.")
  boolean noRun;

  @Option(names = "--budget-gib", defaultValue = "24", description = "Memory budget for the extrapolation (default: ${DEFAULT-VALUE} GiB).")
  double budgetGib;

  @Override
  public Integer call() throws Exception {
    SweepSpec sweep = SweepSpecLoader.load(sweepFile);
    List<SweepPoint> points = PointExpander.expand(sweep);
    Path dir = out != null ? out : Path.of("outputs", "sweeps", sweep.name() + "-bench");
    System.out.println("bench " + sweep.name() + ": " + points.size() + " points, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB -> " + dir);
    List<GrowthBench.Sample> samples = new GrowthBench(seconds, !noRun).measureAll(points, sweep.baseFile(), System.out);
    GrowthReport.write(samples, dir, budgetGib * (1L << 30));
    System.out.println("wrote " + dir.resolve("bench.csv") + ", bench.json, plots/bench-time.png, plots/bench-memory.png");
    return 0;
  }
}
