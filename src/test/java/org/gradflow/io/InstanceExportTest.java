package org.gradflow.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gradflow.cli.Main;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openlca.npy.Npz;

/**
 * {@code gradflow export}: for every shipped system the exported spec rebuilds θ0 bit for bit
 * with the same loss and gradient, the NPZ holds the same numbers, and run state files
 * (initial-state.json, final-state.json) feed back as {@code init} to the state they hold.
 */
class InstanceExportTest {
  /** The 1e5–5e5-parameter co-occurrence scaling systems are left out (time, not coverage). */
  static final int LARGEST_CHECKED = 100_000;

  @TempDir
  Path dir;

  static Stream<Path> systems() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("systems"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  static FlowSystem build(Path spec) {
    return ModelRegistry.build(SpecLoader.load(spec, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void exportedSpecRebuildsTheIdenticalInstance(Path file) throws IOException {
    FlowSystem original = build(file);
    assumeTrue(original.initialState().length <= LARGEST_CHECKED,
        "same family and code path as the smaller co-occurrence systems; 10 MB of JSON each");
    Path out = dir.resolve("export");
    assertThat(Main.execute("export", file.toString(), "-o", out.toString())).isZero();
    FlowSystem again = build(out.resolve("system.json"));
    assertThat(again.initialState()).isEqualTo(original.initialState());
    double[] g0 = new double[original.initialState().length];
    double[] g1 = new double[g0.length];
    assertThat(again.flow().negativeGradient(again.initialState(), g1))
        .isEqualTo(original.flow().negativeGradient(original.initialState(), g0));
    assertThat(g1).isEqualTo(g0);

    // the NPZ: θ0 by block and flat, and every explicit array of the instance
    File npz = out.resolve("instance.npz").toFile();
    ParameterLayout layout = original.flow().layout();
    for (ParameterLayout.Block b : layout.blocks()) {
      double[] expected = new double[b.size()];
      System.arraycopy(original.initialState(), b.offset(), expected, 0, b.size());
      assertThat(Npz.read(npz, b.name() + ".npy").asDoubleArray().data()).as(b.name()).isEqualTo(expected);
    }
    assertThat(Npz.read(npz, "theta0.npy").asDoubleArray().data()).isEqualTo(original.initialState());
    assertThat(Npz.read(npz, "negGrad0.npy").asDoubleArray().data()).isEqualTo(g0);
    JsonNode sections = Json.MAPPER.readTree(out.resolve("instance.json").toFile());
    assertThat(sections.get("init").get("explicit").size()).isEqualTo(layout.blocks().size());
  }

  @Test
  void cooccurrenceNpzHoldsDataAndFixedWeights() throws IOException {
    Path out = dir.resolve("small");
    assertThat(Main.execute("export", "systems/cooccurrence-small.json", "-o", out.toString())).isZero();
    JsonNode sections = Json.MAPPER.readTree(out.resolve("instance.json").toFile());
    File npz = out.resolve("instance.npz").toFile();
    JsonNode tokens = sections.get("data").get("explicit").get("tokens");
    long[] flat = Npz.read(npz, "tokens.npy").asLongArray().data();
    assertThat(Npz.read(npz, "tokens.npy").shape()).containsExactly(tokens.size(), tokens.get(0).size());
    assertThat(flat[tokens.get(0).size() + 1]).isEqualTo(tokens.get(1).get(1).longValue());
    double[] a = Npz.read(npz, "a.npy").asDoubleArray().data();
    assertThat(a).hasSize(sections.get("init").get("a").size());
    assertThat(a[3]).isEqualTo(sections.get("init").get("a").get(3).doubleValue());
  }

  @Test
  void aRunOfTheExportedSpecMatchesTheOriginalRun() {
    Path out = dir.resolve("small");
    assertThat(Main.execute("export", "systems/cooccurrence-small.json", "--set", "integrator.tEnd=0.5",
        "-o", out.toString())).isZero();
    RunResult a = run(Path.of("systems/cooccurrence-small.json"), "integrator.tEnd=0.5");
    RunResult b = run(out.resolve("system.json"));
    assertThat(b.system().initialState()).isEqualTo(a.system().initialState());
    assertThat(b.finalTime()).isEqualTo(a.finalTime());
    assertThat(b.trajectory().last("loss")).isEqualTo(a.trajectory().last("loss"));
    assertThat(b.finalState()).isEqualTo(a.finalState());
  }

  @Test
  void exportRefusesAFolderThatIsNotEmpty() throws IOException {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThat(Main.execute("export", "systems/quadratic-small.json", "-o", out.toString())).isEqualTo(2);
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("taken");
    }
  }

  @Test
  void stateFilesFeedBackAsInit() throws IOException {
    Path spec = Path.of("systems/cooccurrence-small.json");
    RunResult r = run(spec, "integrator.tEnd=0.05", "integrator.grid.log=8");
    Path runDir = RunWriter.write(r, dir.resolve("outputs"));
    assertThat(fedBack(spec, runDir.resolve("initial-state.json")).initialState()).isEqualTo(r.system().initialState());
    FlowSystem cont = fedBack(spec, runDir.resolve("final-state.json"));
    assertThat(cont.initialState()).isEqualTo(r.finalState());
    assertThat(Json.MAPPER.readTree(runDir.resolve("final-state.json").toFile()).get("t").doubleValue())
        .isEqualTo(r.finalTime());
  }

  /** The spec with {@code init = {"explicit": state.blocks, ...state.fixed}}. */
  private static FlowSystem fedBack(Path spec, Path stateFile) throws IOException {
    JsonNode state = Json.MAPPER.readTree(stateFile.toFile());
    ObjectNode tree = (ObjectNode) SpecLoader.readTree(spec);
    ObjectNode init = tree.putObject("init");
    init.set("explicit", state.get("blocks"));
    state.get("fixed").fields().forEachRemaining(f -> init.set(f.getKey(), f.getValue()));
    return ModelRegistry.build(SpecLoader.fromTree(stateFile.toString(), tree, List.of()));
  }

  private static RunResult run(Path spec, String... overrides) {
    SystemSpec s = SpecLoader.load(spec, List.of(overrides));
    return FlowIntegrator.run(s, ModelRegistry.build(s), Progress.NONE);
  }
}
