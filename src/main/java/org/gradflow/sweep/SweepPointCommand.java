package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradflow.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradflow sweep point DIR --index N}: runs one point of a sweep folder (a Slurm array task). */
@Command(name = "point", mixinStandardHelpOptions = true,
    description = "Run one point of a sweep folder (what each Slurm array task does); skipped if complete.")
final class SweepPointCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Sweep folder (written by `gradflow sweep`).")
  Path dir;

  @Option(names = "--index", required = true, description = "Point index (the array index).")
  int index;

  @Override
  public Integer call() throws Exception {
    SweepSpec sweep = SweepPlan.read(dir);
    List<SweepPoint> points = PointExpander.expand(sweep);
    if (index < 0 || index >= points.size()) {
      throw new SpecException(dir.toString(), "--index", "must be in 0.." + (points.size() - 1) + ", got " + index);
    }
    SweepPoint p = points.get(index);
    System.out.println("sweep " + sweep.name() + " point " + p.id() + ": " + p.describe());
    SweepExecutor.Report r;
    try (SweepFolder shared = SweepFolder.claim(dir, sweep, false)) {
      r = new SweepExecutor(new PointStore(dir), new EnginePointRunner(sweep.baseFile()), 1)
          .run(List.of(p), SweepProgress.silent(sweep.name(), 1));
    }
    if (!r.ok()) {
      System.err.println(p.id() + " failed: " + r.failures().get(p.id()));
      return SweepCommand.INCOMPLETE;
    }
    System.out.println(p.id() + (r.skipped() == 1 ? ": already complete" : ": done") + " in "
        + String.format(java.util.Locale.ROOT, "%.2f s", r.wallSeconds()));
    return 0;
  }
}
