package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.cli.Main;
import org.gradflow.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runs through the engine: the quadratic time-scale sweep, determinism, and the CLI. */
class EngineSweepTest {
  static final String RATE = "'axes': [{'path': 'params.diagonal.0', 'log': {'from': 0.1, 'to': 10, 'count': 5}}],"
      + " 'expectations': [{'type': 'constant', 'id': 'C1', 'quantity': {'event:T': 1, 'params.diagonal.0': 1},"
      + " 'predicted': 1, 'tolerance': 1e-6}, {'type': 'slope', 'id': 'S1', 'x': 'params.diagonal.0', 'y': 'event:T',"
      + " 'predicted': -1, 'tolerance': 1e-6}]";

  @Test
  void theClosedFormTimeScaleIsRecoveredAndTheSamePointIsBitIdentical(@TempDir Path tmp) throws Exception {
    SweepSpec sweep = SweepFixtures.sweep(RATE);
    List<SweepPoint> pts = PointExpander.expand(sweep);
    PointStore a = new PointStore(tmp.resolve("a"));
    PointStore b = new PointStore(tmp.resolve("b"));
    EnginePointRunner runner = new EnginePointRunner(sweep.baseFile());
    assertThat(new SweepExecutor(a, runner, 2).run(pts, SweepProgress.silent("t", 5)).ok()).isTrue();
    assertThat(new SweepExecutor(b, runner, 1).run(pts, SweepProgress.silent("t", 5)).ok()).isTrue();
    for (SweepPoint p : pts) {
      PointResult ra = a.complete(p).orElseThrow();
      PointResult rb = b.complete(p).orElseThrow();
      assertThat(ra.finalStateSha256()).isEqualTo(rb.finalStateSha256());
      assertThat(Json.MAPPER.writeValueAsString(withoutWall(ra))).isEqualTo(Json.MAPPER.writeValueAsString(withoutWall(rb)));
      double lambda = p.assignments().get("params.diagonal.0").asDouble();
      assertThat(ra.events().get("T").time() * lambda).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-8));
      for (String f : List.of("trajectory.csv", "events.json", "final-state.json")) {
        assertThat(Files.readAllBytes(a.folder(p).resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.folder(p).resolve(f)));
      }
      assertThat(a.folder(p).resolve("run.json")).exists();
    }
    SweepAggregate agg = SweepAggregate.collect(sweep, pts, a);
    assertThat(agg.allPassed()).isTrue();
    agg.write(tmp.resolve("a"));
    SweepAggregate.collect(sweep, pts, b).write(tmp.resolve("b"));
    assertThat(Files.readString(tmp.resolve("a/aggregate.csv"))).isEqualTo(Files.readString(tmp.resolve("b/aggregate.csv")));
    assertThat(tmp.resolve("a/plots/S1.png")).exists();
    assertThat(tmp.resolve("a/plots/C1.png")).exists();
  }

  @Test
  void cliRunsResumesCollectsAndWritesASlurmArray(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("rate.json");
    Files.writeString(file, SweepFixtures.json("{'name': 'rate', 'base': " + SweepFixtures.BASE + ", " + RATE + "}").toString());
    Path dir = tmp.resolve("out");
    String first = run(0, "sweep", file.toString(), "--out", dir.toString(), "--threads", "2");
    assertThat(first).contains("5 points").contains("ran 5, skipped 0").contains("C1       PASS").contains("S1       PASS");
    String again = run(0, "sweep", file.toString(), "--out", dir.toString(), "--threads", "2");
    assertThat(again).contains("ran 0, skipped 5");
    // lose two points: collect lists them, slurm submits only them
    PointStore.deleteTree(dir.resolve("points/p0001"));
    PointStore.deleteTree(dir.resolve("points/p0004"));
    String collect = run(3, "sweep", "collect", dir.toString());
    assertThat(collect).contains("3 of 5 points finished").contains("not finished (2): p0001 p0004");
    assertThat(Files.readString(dir.resolve("aggregate.json"))).contains("\"missing\" : [ \"p0001\", \"p0004\" ]");
    String slurm = run(0, "sweep", file.toString(), "--out", dir.toString(), "--slurm", "--mem", "1G", "--time", "00:05:00",
        "--launcher", "gradflow");
    assertThat(slurm).contains("array of 2 of 5 points");
    String script = Files.readString(dir.resolve("sweep.sbatch"));
    assertThat(script).contains("#SBATCH --array=1,4\n").contains("#SBATCH --mem=1G\n").contains("#SBATCH --time=00:05:00\n")
        .contains("exec gradflow sweep point '" + dir.toAbsolutePath() + "' --index \"$SLURM_ARRAY_TASK_ID\"");
    // what an array task does
    assertThat(run(0, "sweep", "point", dir.toString(), "--index", "1")).contains("p0001: done");
    assertThat(run(0, "sweep", "point", dir.toString(), "--index", "1")).contains("p0001: already complete");
    run(0, "sweep", "point", dir.toString(), "--index", "4");
    assertThat(run(0, "sweep", "collect", dir.toString())).contains("5 of 5 points finished");
    assertThat(dir.resolve("specs/p0003.json")).exists();
    assertThat(run(2, "sweep", "point", dir.toString(), "--index", "7")).isEmpty();
  }

  @Test
  void aFailedExpectationExitsOneAndShowsPredictedAndMeasured(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("wrong.json");
    String wrong = RATE.replace("'predicted': -1, 'tolerance': 1e-6", "'predicted': -2, 'tolerance': 0.1")
        .replace("'count': 5", "'count': 3");
    Files.writeString(file, SweepFixtures.json("{'name': 'wrong', 'base': " + SweepFixtures.BASE + ", " + wrong + "}").toString());
    String out = run(1, "sweep", file.toString(), "--out", tmp.resolve("o").toString(), "--threads", "1");
    assertThat(out).contains("S1       FAIL").contains("predicted -2.00000, measured -1.00000");
  }

  private static PointResult withoutWall(PointResult r) {
    return new PointResult(r.id(), r.index(), r.specHash(), r.assignments(), r.outcome(), r.reason(), r.finalTime(),
        r.finalLoss(), r.events(), r.steps(), r.rejectedSteps(), r.rhsEvaluations(), r.dimension(), r.finalStateSha256(),
        r.warnings(), 0, r.codeVersion());
  }

  /** Runs the CLI in-process, checks the exit code, returns stdout. */
  static String run(int expectedExit, String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(ps);
      rc = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(rc).as("exit code of %s; output:%n%s", String.join(" ", args), out).isEqualTo(expectedExit);
    return out;
  }
}
