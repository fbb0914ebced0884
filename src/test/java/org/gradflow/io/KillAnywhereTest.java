package org.gradflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gradflow.cli.Main;
import org.gradflow.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL ({@code destroyForcibly}) of child JVMs running {@code run}, {@code validate},
 * {@code compare-gd} and {@code sweep} at seeded random moments, at least 20 kills in all. After
 * every kill no folder may present itself as complete: a folder without the INCOMPLETE marker
 * must have a run.json that parses and whose listed files all exist with their listed sizes, a
 * report.md, and (suites, sweeps) a results/aggregate file that says complete. Every JSON file
 * in the tree parses (nothing half written). Killed sweeps, resumed, must write an aggregate
 * byte-identical to an uninterrupted sweep.
 */
class KillAnywhereTest {
  static final String SYSTEM = "{'name': 'kq', 'model': 'quadratic', 'params': {'n': 1500, 'spectrum': {'min': 1, 'max': 30}},"
      + " 'init': {'gaussian': {'scale': 1.0, 'seed': 0}}, 'integrator': {'rtol': 1e-9, 'atol': 1e-12, 'tEnd': 3,"
      + " 'grid': {'log': 40}}, 'gd': {'learningRate': 0.02, 'steps': 150}}";
  static final String SUITE = "{'name': 'ks', 'checks': [{'type': 'completes', 'system': '%s'},"
      + " {'type': 'completes', 'system': '%s', 'set': ['integrator.tEnd=2']},"
      + " {'type': 'completes', 'system': '%s', 'set': ['integrator.tEnd=1']}]}";
  static final String SWEEP = "{'name': 'kw', 'base': {'model': 'quadratic', 'params': {'n': 600,"
      + " 'spectrum': {'min': 1, 'max': 30}}, 'init': {'gaussian': {'scale': 1.0, 'seed': 0}},"
      + " 'integrator': {'rtol': 1e-9, 'atol': 1e-12, 'tEnd': 3, 'grid': {'log': 10}}},"
      + " 'axes': [{'path': 'params.spectrum.max', 'values': [20, 30]}],"
      + " 'repeat': {'path': 'init.gaussian.seed', 'count': 2}}";
  static final int KILLS = 20;

  @TempDir
  Path tmp;

  @Test
  void noFolderEverPresentsItselfAsCompleteAfterAKill() throws Exception {
    Path system = write("kq.json", SYSTEM);
    Path suite = write("ks.json", String.format(SUITE, system, system, system));
    Path sweep = write("kw.json", SWEEP);
    Path root = tmp.resolve("out");
    List<List<String>> commands = List.of(
        List.of("run", system.toString(), "-q", "-o", root.toString()),
        List.of("validate", suite.toString(), "-q", "-o", root.toString()),
        List.of("compare-gd", system.toString(), "-q", "--out", root.toString()),
        List.of("sweep", sweep.toString(), "--threads", "1", "--out", "SWEEP"));
    Random rng = new Random(16);
    double[] window = {2.5, 4.0, 4.0, 5.0}; // seconds: starts within the JVM's start-up, ends past most runs
    int kills = 0;
    int markedAfterKills = 0;
    List<Path> sweeps = new ArrayList<>();
    for (int attempt = 0; kills < KILLS && attempt < 3 * KILLS; attempt++) {
      int c = attempt % commands.size();
      List<String> args = new ArrayList<>(commands.get(c));
      if (args.get(0).equals("sweep")) {
        Path dir = root.resolve("sweep-" + attempt);
        args.set(args.indexOf("SWEEP"), dir.toString());
        sweeps.add(dir);
      }
      int markedBefore = markedFolders(root);
      Process child = start(args);
      long delay = (long) (1000 * (0.3 + rng.nextDouble() * window[c]));
      boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL on Linux
        kills++;
      } else {
        window[c] *= 0.7; // finished before the kill: aim earlier next time
      }
      assertNothingPretendsToBeComplete(root, args + " killed after " + delay + " ms");
      markedAfterKills += finished ? 0 : markedFolders(root) - markedBefore;
    }
    System.out.printf("kill test: %d kills, %d folders left marked INCOMPLETE by them%n", kills, markedAfterKills);
    assertThat(kills).isGreaterThanOrEqualTo(KILLS);

    Path whole = root.resolve("sweep-whole");
    assertThat(Main.execute("sweep", sweep.toString(), "--threads", "1", "--out", whole.toString())).isZero();
    byte[] expected = Files.readAllBytes(whole.resolve("aggregate.csv"));
    for (Path dir : sweeps) {
      assertThat(Main.execute("sweep", sweep.toString(), "--threads", "1", "--out", dir.toString())).as(dir.toString())
          .isZero();
      assertThat(Files.readAllBytes(dir.resolve("aggregate.csv"))).as("resumed " + dir).isEqualTo(expected);
      assertThat(Files.readString(dir.resolve("aggregate.json"))).isEqualTo(Files.readString(whole.resolve("aggregate.json")));
      assertThat(RunFolder.isIncomplete(dir)).isFalse();
    }
  }

  private Path write(String name, String json) throws IOException {
    return Files.writeString(tmp.resolve(name), json.replace('\'', '"'));
  }

  private Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        "org.gradflow.cli.Main"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static int markedFolders(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return (int) s.filter(p -> p.getFileName().toString().equals(RunFolder.MARKER)).count();
    }
  }

  /** Every folder under the root: complete by every file it vouches for, or marked INCOMPLETE. */
  static void assertNothingPretendsToBeComplete(Path root, String after) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.toList();
    }
    for (Path p : all) {
      String name = p.getFileName().toString();
      if (Files.isRegularFile(p) && name.endsWith(".json") && !name.startsWith(".")) {
        try {
          Json.MAPPER.readTree(Files.readString(p));
        } catch (IOException e) {
          throw new AssertionError(after + ": half-written " + p + ": " + e.getMessage());
        }
      }
      if (!Files.isDirectory(p) || RunFolder.isIncomplete(p) || insideStaging(root, p)) {
        continue;
      }
      Path run = p.resolve(RunWriter.RUN_JSON);
      if (Files.exists(run)) {
        JsonNode j = Json.MAPPER.readTree(Files.readString(run));
        if (j.has("files")) {
          for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) j.get("files")::fields) {
            Path file = p.resolve(f.getKey());
            assertThat(file).as(after + ": %s vouches for %s", run, f.getKey()).exists();
            assertThat(Files.size(file)).as(after + ": size of " + file).isEqualTo(f.getValue().asLong());
          }
        }
        assertThat(p.resolve("report.md")).as(after + ": complete run folder " + p).exists();
      }
      Path results = p.resolve("results.json");
      if (Files.exists(results)) {
        assertThat(Json.MAPPER.readTree(Files.readString(results)).path("complete").asBoolean())
            .as(after + ": unmarked suite folder " + p + " says complete").isTrue();
        assertThat(Files.readString(p.resolve("report.md"))).doesNotContain("INCOMPLETE");
      }
      Path aggregate = p.resolve("aggregate.json");
      if (Files.exists(aggregate)) {
        assertThat(Json.MAPPER.readTree(Files.readString(aggregate)).path("complete").asBoolean())
            .as(after + ": unmarked sweep folder " + p).isTrue();
      }
      if (Files.exists(p.resolve("sweep.json")) && !Files.exists(aggregate)) {
        throw new AssertionError(after + ": sweep folder " + p + " without aggregate is not marked INCOMPLETE");
      }
    }
  }

  /** Inside a hidden staging folder (a sweep point being written; never read as a result). */
  private static boolean insideStaging(Path root, Path p) {
    for (Path q = p; q != null && q.startsWith(root); q = q.getParent()) {
      if (q.getFileName().toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
