package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gradflow sweep collect DIR}: aggregates the finished points, lists the missing ones. */
@Command(name = "collect", mixinStandardHelpOptions = true,
    description = "Aggregate whatever points of a sweep folder have finished; list those that have not.")
final class SweepCollectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Sweep folder (written by `gradflow sweep`).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    SweepSpec sweep = SweepPlan.read(dir);
    List<SweepPoint> points = PointExpander.expand(sweep);
    PointStore store = new PointStore(dir);
    long done = points.stream().filter(p -> store.complete(p).isPresent()).count();
    System.out.println("sweep " + sweep.name() + ": " + done + " of " + points.size() + " points finished");
    try (SweepFolder shared = SweepFolder.claim(dir, sweep, false)) {
      return SweepCommand.summarize(sweep, points, store, dir);
    }
  }
}
