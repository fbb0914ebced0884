package org.gradflow.cli;

import org.gradflow.cli.InProcessCli.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gradflow.io.RunFolder;
import org.gradflow.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No verdict without data, no garbage as COMPLETED, folders owned, every field named: through the CLI. */
class TrustContractTest {
  static final String QUAD = "{'name': 'q', 'model': 'quadratic', 'params': {'A': [[3, 1], [1, 2]], 'b': [1, -2]},"
      + " 'init': {'explicit': {'theta': [0.3, -0.7]}}, 'integrator': {'tEnd': 10, 'grid': {'log': 20}}}";

  @TempDir
  Path dir;

  static Outcome cli(String... args) {
    return InProcessCli.run(args);
  }

  Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json.replace('\'', '"'));
  }

  @Test
  void aSuiteWhoseRunsAllFailNeverPasses() throws IOException {
    Path out = dir.resolve("out");
    Outcome o = cli("validate", "validation/engine-closed-forms.json", "-q", "-o", out.toString(),
        "--set", "integrator.maxEvaluations=10");
    assertThat(o.code()).as(o.out()).isEqualTo(1);
    assertThat(o.out()).doesNotContain("PASS ");
    Path folder = onlyChild(out);
    assertThat(Files.readString(folder.resolve("report.md"))).contains("no verdict without data: run");
    JsonNode results = Json.MAPPER.readTree(Files.readString(folder.resolve("results.json")));
    assertThat(results.path("complete").asBoolean()).isTrue();
    results.path("results").forEach(r -> assertThat(r.path("verdict").asText()).isNotEqualTo("PASS"));
    assertThat(RunFolder.isIncomplete(folder)).isFalse();
  }

  @Test
  void onlyAndSkipRunASubsetAndSayItInTheReport() throws IOException {
    Path out = dir.resolve("out");
    Outcome o = cli("validate", "validation/engine-closed-forms.json", "-q", "-o", out.toString(),
        "--only", "closedForm DP54,completes");
    assertThat(o.code()).as(o.out() + o.err()).isZero();
    assertThat(o.out().lines().filter(l -> l.matches("^(PASS|FAIL) .*"))).hasSize(2);
    String report = Files.readString(onlyChild(out).resolve("report.md"));
    assertThat(report).contains("Subset: 2 of 6 checks, --only closedForm DP54,completes");
    Outcome bad = cli("validate", "validation/engine-closed-forms.json", "-q", "-o", dir.resolve("x").toString(),
        "--skip", "V99");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("no check matches 'V99'");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aSweepWithAFailedPointExitsThreeAndRerunsItOnResume() throws IOException {
    Path sweep = write("s.json", "{'name': 'f', 'base': " + QUAD + ", 'axes': [{'path': 'integrator.maxEvaluations',"
        + " 'values': [10, 100000]}]}");
    Path out = dir.resolve("sw");
    Outcome first = cli("sweep", sweep.toString(), "--out", out.toString(), "--threads", "1");
    assertThat(first.code()).as(first.out()).isEqualTo(3);
    assertThat(first.out()).contains("failed 1").contains("failed (1): p0000");
    JsonNode agg = Json.MAPPER.readTree(Files.readString(out.resolve("aggregate.json")));
    assertThat(agg.path("complete").asBoolean()).isFalse();
    assertThat(agg.path("verdict").asText()).isEqualTo("INCOMPLETE");
    assertThat(agg.path("failed").get(0).asText()).isEqualTo("p0000");
    assertThat(Files.readString(out.resolve("report.md"))).contains("1 completed, 1 failed");
    assertThat(RunFolder.isIncomplete(out)).isTrue();
    Outcome again = cli("sweep", sweep.toString(), "--out", out.toString(), "--threads", "1");
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.out()).contains("ran 1, skipped 1");
  }

  @Test
  void aSweepRefusesAFolderThatIsNotItsOwnOrIsInUse() throws Exception {
    Path sweep = write("s.json", "{'name': 'o', 'base': " + QUAD + ", 'axes': [{'path': 'integrator.tEnd', 'values': [1, 2]}]}");
    Path other = Files.createDirectories(dir.resolve("a-run"));
    Files.writeString(other.resolve("report.md"), "mine");
    Outcome o = cli("sweep", sweep.toString(), "--out", other.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("is not a sweep folder");
    try (Stream<Path> s = Files.list(other)) {
      assertThat(s.toList()).containsExactly(other.resolve("report.md"));
    }
    Path out = dir.resolve("sw");
    assertThat(cli("sweep", sweep.toString(), "--out", out.toString()).code()).isZero();
    Path changed = write("s2.json", "{'name': 'o', 'base': " + QUAD + ", 'axes': [{'path': 'integrator.tEnd', 'values': [1, 3]}]}");
    Outcome takeover = cli("sweep", changed.toString(), "--out", out.toString());
    assertThat(takeover.code()).isEqualTo(2);
    assertThat(takeover.err()).contains("holds another sweep");
    try (var ch = java.nio.channels.FileChannel.open(out.resolve(".lock"), java.nio.file.StandardOpenOption.WRITE);
         var lock = ch.lock()) {
      Outcome busy = cli("sweep", sweep.toString(), "--out", out.toString());
      assertThat(busy.code()).isEqualTo(2);
      assertThat(busy.err()).contains("is in use by another sweep");
    }
  }

  @Test
  void meaninglessTolerancesAreRefusedAndARisingLossIsAFailure() throws IOException {
    Path spec = write("q.json", QUAD);
    for (String bad : new String[] {"integrator.rtol=10", "integrator.rtol=1", "integrator.rtol=1e-320",
        "integrator.atol=Infinity", "integrator.atol=\"1e-3\"", "integrator.tEnd=\"5\""}) {
      Outcome o = cli("run", spec.toString(), "-q", "-o", dir.resolve("out").toString(), "--set", bad);
      assertThat(o.code()).as(bad).isEqualTo(2);
      assertThat(o.err().strip().lines()).as(bad).hasSize(1);
      assertThat(o.err()).contains("field 'integrator");
    }
    assertThat(dir.resolve("out")).doesNotExist();
    Outcome rising = cli("run", spec.toString(), "-q", "-o", dir.resolve("out").toString(), "--set", "integrator.rtol=0.9",
        "--set", "integrator.atol=1e300");
    assertThat(rising.code()).as(rising.out() + rising.err()).isEqualTo(3);
    assertThat(rising.err()).contains("loss rose");
    JsonNode run = Json.MAPPER.readTree(Files.readString(onlyChild(dir.resolve("out")).resolve("run.json")));
    assertThat(run.path("outcome").asText()).isEqualTo("FAILED");
  }

  @Test
  void unknownFieldsAnywhereAreNamedWithASuggestion() throws IOException {
    Path spec = write("q.json", QUAD.replace("'b': [1, -2]", "'b': [1, -2], 'bb': 1"));
    Outcome o = cli("run", spec.toString(), "-q", "--dry-run");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("field 'params.bb': unknown field (did you mean 'b'?");
    Path init = write("i.json", QUAD.replace("'explicit'", "'explicitt'"));
    assertThat(cli("run", init.toString(), "-q", "--dry-run").err()).contains("field 'init.explicitt'")
        .contains("did you mean 'explicit'?");
    Path name = write("n.json", QUAD.replace("'name': 'q'", "'name': ''"));
    assertThat(cli("run", name.toString(), "-q", "--dry-run").err()).contains("field 'name': must not be empty");
    Outcome set = cli("run", write("g.json", QUAD).toString(), "-q", "--dry-run", "--set", "integrator..rtol=1");
    assertThat(set.code()).isEqualTo(2);
    assertThat(set.err().strip().lines()).hasSize(1);
    assertThat(set.err()).contains("empty segment");
  }

  @Test
  void runDirWritesExactlyThereAndRefusesANonEmptyFolder() throws IOException {
    Path spec = write("q.json", QUAD);
    Path target = dir.resolve("exact/here");
    assertThat(cli("run", spec.toString(), "-q", "--run-dir", target.toString()).code()).isZero();
    JsonNode run = Json.MAPPER.readTree(Files.readString(target.resolve("run.json")));
    assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(run.path("versions").has("gitDirty")).isTrue();
    assertThat(run.path("files").path("trajectory.csv").asLong()).isEqualTo(Files.size(target.resolve("trajectory.csv")));
    assertThat(RunFolder.isIncomplete(target)).isFalse();
    Outcome again = cli("run", spec.toString(), "-q", "--run-dir", target.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists and is not an empty folder");
  }

  @Test
  void compareGdWithAFailedOrderCheckKeepsItsPartialResults() throws IOException {
    Path out = dir.resolve("gd");
    Outcome o = cli("compare-gd", "systems/gd-linear-network.json", "-q", "--lr", "5", "--steps", "200", "--out",
        out.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(3);
    assertThat(o.err()).contains("order check not completed").doesNotContain("Exception");
    Path folder = onlyChild(out);
    assertThat(folder.resolve("run.json")).exists();
    assertThat(RunFolder.isIncomplete(folder)).isFalse();
  }

  private static Path onlyChild(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
