package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a child JVM runs a sweep and is killed with SIGKILL (destroyForcibly) after
 * two points are committed; the sweep is resumed and must write the same aggregate, byte for
 * byte, as an uninterrupted run, with no point folder corrupted.
 */
class KillResumeTest {
  static final String SWEEP = "{'name': 'kill', 'base': {'model': 'quadratic', 'params': {'n': 5000,"
      + " 'spectrum': {'min': 1, 'max': 30}}, 'init': {'gaussian': {'scale': 1.0, 'seed': 0}},"
      + " 'integrator': {'rtol': 1e-9, 'atol': 1e-12, 'tEnd': 4, 'grid': {'log': 10}}},"
      + " 'axes': [{'path': 'params.spectrum.max', 'linear': {'from': 20, 'to': 30, 'count': 3}}],"
      + " 'repeat': {'path': 'init.gaussian.seed', 'count': 2}}";

  @Test
  void aSweepKilledMidRunResumesToTheIdenticalAggregate(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("kill.json");
    Files.writeString(file, SweepFixtures.json(SWEEP).toString());
    Path killed = tmp.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx512m", "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path"), "org.gradflow.cli.Main", "sweep", file.toString(),
        "--out", killed.toString(), "--threads", "1")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (committed(killed) < 2 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL on Linux
    int atKill = committed(killed);
    assertThat(atKill).as("points committed when killed (log: %s)", Files.readString(tmp.resolve("child.log")))
        .isBetween(2, 5);

    SweepSpec sweep = SweepPlan.read(killed);
    List<SweepPoint> pts = PointExpander.expand(sweep);
    EnginePointRunner runner = new EnginePointRunner(sweep.baseFile());
    SweepExecutor.Report resumed = new SweepExecutor(new PointStore(killed), runner, 2)
        .run(pts, SweepProgress.silent("kill", pts.size()));
    assertThat(resumed.skipped()).isGreaterThanOrEqualTo(atKill);
    assertThat(resumed.ok()).isTrue();
    SweepAggregate.collect(sweep, pts, new PointStore(killed)).write(killed);

    Path whole = tmp.resolve("whole");
    new SweepExecutor(new PointStore(whole), runner, 2).run(pts, SweepProgress.silent("kill", pts.size()));
    SweepAggregate.collect(sweep, pts, new PointStore(whole)).write(whole);

    assertThat(Files.readString(killed.resolve("aggregate.csv"))).isEqualTo(Files.readString(whole.resolve("aggregate.csv")));
    assertThat(Files.readString(killed.resolve("aggregate.json"))).isEqualTo(Files.readString(whole.resolve("aggregate.json")));
    try (Stream<Path> s = Files.list(killed.resolve("points"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("p0000", "p0001", "p0002", "p0003", "p0004", "p0005");
    }
  }

  private static int committed(Path dir) throws Exception {
    Path points = dir.resolve("points");
    if (!Files.isDirectory(points)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(points)) {
      return (int) s.filter(p -> p.getFileName().toString().matches("p\\d{4}")).count();
    }
  }
}
