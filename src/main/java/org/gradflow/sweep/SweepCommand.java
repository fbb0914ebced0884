package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradflow.validate.CheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradflow sweep SWEEP.json}: runs a sweep locally (parallel, resumable) and aggregates
 * it, or with {@code --slurm} writes the sweep folder and an sbatch job-array script instead.
 * Subcommands: {@code collect} (aggregate what finished, list what has not), {@code point} (one
 * point: the Slurm array task), {@code bench} (RHS and run time, memory vs model size).
 * Exit codes: 0 all points done and every expectation PASS; 1 an expectation FAILed;
 * 2 bad input (also: the folder is not this sweep's, or another sweep holds it); 3 points failed
 * or are missing. A result is reused on resume only if the same spec and the same code produced it.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run a parameter sweep locally (parallel, resumable) or on Slurm, and aggregate it.",
    subcommands = {SweepCollectCommand.class, SweepPointCommand.class, SweepBenchCommand.class})
public final class SweepCommand implements Callable<Integer> {
  static final int EXPECTATION_FAILED = 1;
  static final int INCOMPLETE = 3;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "Sweep spec (JSON), e.g. sweeps/x.json.")
  Path sweepFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: outputs/sweeps/<name>). Rerunning into it resumes.")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Points run in parallel (default: number of cores).")
  Integer threads;

  @Option(names = "--list", description = "Only print the points (id, assignments, spec hash) and exit.")
  boolean list;

  @Option(names = "--slurm", description = "Do not run: write the sweep folder and an sbatch job-array script.")
  boolean slurm;

  @Option(names = "--submit", description = "With --slurm: also submit the script with sbatch.")
  boolean submit;

  @Option(names = "--partition", description = "Slurm partition (default: the cluster's default).")
  String partition;

  @Option(names = "--time", defaultValue = "01:00:00", description = "Slurm time limit per point (default: ${DEFAULT-VALUE}).")
  String time;

  @Option(names = "--mem", defaultValue = "4G", description = "Slurm memory per point (default: ${DEFAULT-VALUE}).")
  String mem;

  @Option(names = "--cpus-per-task", defaultValue = "1", description = "Slurm CPUs per point (default: ${DEFAULT-VALUE}).")
  int cpus;

  @Option(names = "--max-parallel", description = "Slurm: at most this many array tasks at once (%%N).")
  Integer maxParallel;

  @Option(names = "--java-opts", defaultValue = "-Xmx3g", description = "JVM options of each Slurm task (default: ${DEFAULT-VALUE}).")
  String javaOpts;

  @Option(names = "--reuse-results-of-other-code", description = "Resume with point results produced by a different"
      + " build of gradflow (by default a changed binary reruns every point). The report says so.")
  boolean reuseOtherCode;

  @Option(names = "--launcher", description = "Command that starts gradflow in a Slurm task (default: this JVM's java and jar).")
  String launcher;

  @Override
  public Integer call() throws Exception {
    if (sweepFile == null) {
      new picocli.CommandLine(this).usage(System.out);
      return 0;
    }
    SweepSpec sweep = SweepSpecLoader.load(sweepFile);
    List<SweepPoint> points = PointExpander.expand(sweep);
    if (list) {
      points.forEach(p -> System.out.println(p.id() + "  " + p.describe() + "  " + p.hash().substring(0, 12)));
      return 0;
    }
    Path dir = out != null ? out : Path.of("outputs", "sweeps", sweep.name());
    try (SweepFolder owned = SweepFolder.claim(dir, sweep, true)) {
      return runIn(dir, sweep, points);
    }
  }

  private int runIn(Path dir, SweepSpec sweep, List<SweepPoint> points) throws Exception {
    org.gradflow.io.RunFolder.requireWritable(dir);
    org.gradflow.io.RunFolder.markIncomplete(dir, "sweep " + sweep.name() + " is running or was interrupted ("
        + points.size() + " points; what finished is in points/)");
    SweepPlan.write(dir, sweep, points);
    System.out.println("sweep " + sweep.name() + ": " + points.size() + " points of " + sweep.baseFile() + " -> " + dir);
    if (slurm) {
      SlurmScript script = new SlurmScript("gradflow-" + sweep.name(), partition, time, mem, cpus, maxParallel,
          launcher != null ? launcher : SlurmScript.currentLauncher(javaOpts));
      return SlurmSubmit.writeAndMaybeSubmit(dir, points, script, submit);
    }
    int n = threads != null ? threads : SweepExecutor.defaultThreads();
    PointStore store = reuseOtherCode ? new PointStore(dir, PointStore.ANY_CODE) : new PointStore(dir);
    if (reuseOtherCode) {
      System.out.println("warning: --reuse-results-of-other-code: results of other builds are reused as they are");
    }
    SweepExecutor.Report report = new SweepExecutor(store, new EnginePointRunner(sweep.baseFile()), n)
        .run(points, SweepProgress.forConsole(sweep.name(), points.size()));
    System.out.printf(java.util.Locale.ROOT,
        "sweep %s: ran %d, skipped %d (complete), failed %d in %.2f s on %d thread(s); JVM CPU %.2f s = %.2f× wall;"
            + " point CPU %.2f s, busiest thread %.2f s (speed-up with a free core per thread: %.2f×)%n",
        sweep.name(), report.ran(), report.skipped(), report.failures().size(), report.wallSeconds(), n,
        report.cpuSeconds(), report.cpuSeconds() / report.wallSeconds(), report.pointCpuSeconds(),
        report.busiestWorkerCpuSeconds(), report.idealSpeedup());
    report.failures().forEach((id, why) -> System.err.println("  " + id + " failed: " + why));
    return summarize(sweep, points, store, dir);
  }

  /** Aggregates, writes the table and figures, prints the verdicts; returns the exit code. */
  static int summarize(SweepSpec sweep, List<SweepPoint> points, PointStore store, Path dir) throws java.io.IOException {
    SweepAggregate agg = SweepAggregate.collect(sweep, points, store);
    agg.write(dir);
    if (agg.complete()) {
      org.gradflow.io.RunFolder.markComplete(dir);
    } else {
      org.gradflow.io.RunFolder.markIncomplete(dir, "sweep " + sweep.name() + ": " + agg.failed().size()
          + " points failed, " + agg.missing().size() + " not run (see report.md); rerun the sweep to resume");
    }
    for (ExpectationResult r : agg.results()) {
      CheckResult c = r.check();
      System.out.printf("  %-8s %-6s %s: predicted %s, measured %s, tolerance %s%s%n", c.id(), c.verdict(), c.title(),
          c.predicted(), c.measured(), c.tolerance(), c.note().isEmpty() ? "" : " (" + c.note() + ")");
    }
    System.out.println("wrote " + dir.resolve("aggregate.csv") + ", aggregate.json, report.md"
        + (agg.results().stream().anyMatch(r -> r.chart() != null) ? ", plots/" : ""));
    if (!agg.failed().isEmpty()) {
      System.out.println("failed (" + agg.failed().size() + "): "
          + String.join(" ", agg.failed().stream().map(PointValues::id).toList()));
    }
    if (!agg.missing().isEmpty()) {
      System.out.println("not finished (" + agg.missing().size() + "): "
          + String.join(" ", agg.missing().stream().map(SweepPoint::id).toList()));
    }
    if (!agg.complete()) {
      return INCOMPLETE;
    }
    return agg.allPassed() ? 0 : EXPECTATION_FAILED;
  }
}
