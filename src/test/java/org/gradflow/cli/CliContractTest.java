package org.gradflow.cli;

import org.gradflow.cli.InProcessCli.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gradflow.spec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exit codes and files of the CLI: 2 for bad input (nothing written), 3 for failed runs. */
class CliContractTest {
  static final String GOOD = "{'model': 'quadratic', 'params': {'A': [[2, 0], [0, 1]], 'b': [1, 1]},"
      + " 'init': {'explicit': {'theta': [0.5, -0.5]}}, 'integrator': {'tEnd': 5, 'grid': {'log': 10}}}";

  @TempDir
  Path dir;

  Outcome run(String... args) {
    return InProcessCli.run(args);
  }

  Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json.replace('\'', '"'));
    return p;
  }

  Path outputs() {
    return dir.resolve("outputs");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("malformed JSON", "{'model': 'quadratic', ", "malformed JSON"),
        Arguments.of("unknown top-level field", GOOD.replace("'model'", "'modle': 1, 'model'"), "field 'modle'"),
        Arguments.of("unknown integrator field", GOOD.replace("'tEnd': 5", "'tEnd': 5, 'tEndd': 6"), "field 'integrator.tEndd'"),
        Arguments.of("missing model", GOOD.replace("'model': 'quadratic',", ""), "field 'model'"),
        Arguments.of("unknown model", GOOD.replace("'quadratic'", "'quadratix'"), "unknown model 'quadratix'"),
        Arguments.of("wrong shape", GOOD.replace("[0.5, -0.5]", "[0.5, -0.5, 1]"), "field 'init.explicit.theta'"),
        Arguments.of("missing block", GOOD.replace("'theta': [0.5, -0.5]", "'W': [1]"), "field 'init.explicit.W'"),
        Arguments.of("non-square matrix", GOOD.replace("[[2, 0], [0, 1]]", "[[2, 0, 1], [0, 1, 1]]"), "field 'params.A'"),
        Arguments.of("NaN in explicit array", GOOD.replace("[0.5, -0.5]", "[NaN, -0.5]"), "field 'init.explicit.theta[0]'"),
        Arguments.of("negative size", "{'model': 'quadratic', 'params': {'n': -3, 'spectrum': {'min': 1, 'max': 2}},"
            + " 'init': {'gaussian': {'scale': 1}}, 'integrator': {'tEnd': 1}}", "field 'params.n'"),
        Arguments.of("t_end zero", GOOD.replace("'tEnd': 5", "'tEnd': 0"), "field 'integrator'"),
        Arguments.of("t_end missing", GOOD.replace("'tEnd': 5, ", ""), "tEnd is required"),
        Arguments.of("negative rtol", GOOD.replace("'tEnd': 5", "'tEnd': 5, 'rtol': -1e-8"), "rtol must be positive"),
        Arguments.of("negative event check fraction", GOOD.replace("'tEnd': 5", "'tEnd': 5, 'eventCheckFraction': -0.1"),
            "eventCheckFraction must be positive"),
        Arguments.of("zero atol", GOOD.replace("'tEnd': 5", "'tEnd': 5, 'atol': 0"), "field 'integrator.atol'"),
        Arguments.of("unknown event observable", GOOD.replace("'integrator'",
            "'events': [{'observable': 'nope', 'threshold': 1}], 'integrator'"), "unknown observable 'nope'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputExitsTwoWithOneLineNamingFileAndFieldAndWritesNothing(String what, String json, String mentions)
      throws IOException {
    Path spec = write("bad.json", json);
    Outcome o = run("run", spec.toString(), "-o", outputs().toString(), "-q");
    assertThat(o.code()).as(what).isEqualTo(2);
    assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
    assertThat(o.err()).contains(spec.toString()).contains(mentions);
    assertThat(Files.exists(outputs())).as("nothing written").isFalse();
  }

  @Test
  void missingFileIsBadInput() {
    Outcome o = run("run", dir.resolve("nope.json").toString(), "-o", outputs().toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("nope.json").contains("file not found");
  }

  @Test
  void badOverrideIsBadInput() throws IOException {
    Path spec = write("good.json", GOOD);
    Outcome o = run("run", spec.toString(), "--set", "integrator.rtol=-1", "-o", outputs().toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("rtol must be positive");
  }

  @Test
  void goodRunWritesEverything() throws IOException {
    Path spec = write("good.json", GOOD);
    Outcome o = run("run", spec.toString(), "-o", outputs().toString(), "-q");
    assertThat(o.code()).isZero();
    Path folder = single(outputs());
    for (String f : new String[] {"run.json", "trajectory.csv", "events.json", "initial-state.json",
        "final-state.json", "report.md", "plots/loss.png"}) {
      assertThat(folder.resolve(f)).exists();
    }
    JsonNode run = Json.MAPPER.readTree(folder.resolve("run.json").toFile());
    assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(run.path("stats").path("rhsEvaluations").asLong()).isPositive();
    assertThat(run.path("spec").path("model").asText()).isEqualTo("quadratic");
  }

  @Test
  void sameSpecTwiceNeverOverwrites() throws IOException {
    Path spec = write("good.json", GOOD);
    assertThat(run("run", spec.toString(), "-o", outputs().toString(), "-q").code()).isZero();
    assertThat(run("run", spec.toString(), "-o", outputs().toString(), "-q").code()).isZero();
    try (Stream<Path> s = Files.list(outputs())) {
      assertThat(s.count()).isEqualTo(2);
    }
  }

  @Test
  void evaluationBudgetExhaustedExitsThreeWithPartialResults() throws IOException {
    Path spec = write("good.json", GOOD.replace("'tEnd': 5", "'tEnd': 500, 'maxEvaluations': 200, 'rtol': 1e-13"));
    Outcome o = run("run", spec.toString(), "-o", outputs().toString(), "-q");
    assertThat(o.code()).isEqualTo(3);
    assertThat(o.err()).contains("evaluation budget exhausted");
    Path folder = single(outputs());
    JsonNode run = Json.MAPPER.readTree(folder.resolve("run.json").toFile());
    assertThat(run.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(run.path("reason").asText()).contains("maxEvaluations = 200");
    assertThat(Files.readAllLines(folder.resolve("trajectory.csv")).size()).isGreaterThan(2);
    assertThat(run.path("finalTime").asDouble()).isGreaterThan(0).isLessThan(500);
  }

  @Test
  void nonFiniteStateExitsThreeWithPartialResults() throws IOException {
    Path spec = write("blow.json", "{'model': 'quadratic', 'params': {'A': [[-2000]], 'b': [0]},"
        + " 'init': {'explicit': {'theta': [1]}}, 'integrator': {'tEnd': 10, 'grid': {'log': 0, 'linear': 100}}}");
    Outcome o = run("run", spec.toString(), "-o", outputs().toString(), "-q");
    assertThat(o.code()).isEqualTo(3);
    assertThat(o.err()).contains("non-finite");
    Path folder = single(outputs());
    assertThat(Files.readString(folder.resolve("report.md"))).contains("FAILED");
    assertThat(Files.readAllLines(folder.resolve("trajectory.csv")).size()).isGreaterThan(2);
  }

  @Test
  void finiteTimeBlowUpExitsThreeWithReason() throws IOException {
    Path spec = write("blow.json", "{'model': 'blow-up', 'params': {'x0': 1},"
        + " 'init': {}, 'integrator': {'tEnd': 2, 'grid': {'log': 0, 'linear': 20}}}");
    Outcome o = run("run", spec.toString(), "-o", outputs().toString(), "-q");
    assertThat(o.code()).isEqualTo(3);
    assertThat(o.err()).containsAnyOf("step size underflow", "non-finite");
    JsonNode run = Json.MAPPER.readTree(single(outputs()).resolve("run.json").toFile());
    assertThat(run.path("finalTime").asDouble()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
  }

  private static Path single(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.findFirst().orElseThrow();
    }
  }
}
