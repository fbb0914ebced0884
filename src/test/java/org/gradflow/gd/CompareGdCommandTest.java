package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gradflow.cli.Main;
import org.gradflow.integrate.Progress;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.NpyLongArray;
import org.openlca.npy.Npz;

class CompareGdCommandTest {
  static final String SYSTEM = "systems/gd-linear-network.json";

  @TempDir
  Path out;

  private Path only(Path root) throws Exception {
    try (Stream<Path> s = Files.list(root)) {
      List<Path> l = s.toList();
      assertThat(l).hasSize(1);
      return l.get(0);
    }
  }

  @Test
  void writesAllOutputsAndPassesTheOrderCheck() throws Exception {
    int code = Main.execute("compare-gd", SYSTEM, "--modified", "--steps", "300", "--order", "3",
        "--order-steps", "100", "--quiet", "--out", out.toString());
    assertThat(code).isZero();
    Path run = only(out);
    for (String f : List.of("run.json", "events.json", "report.md", "gd-trajectory.csv", "flow/trajectory.csv",
        "gd/run.json", "gd/trajectory.csv", "gd/final-state.json", "modified/run.json",
        "comparison.csv", "comparison-modified.csv", "order.csv", "plots/loss.png", "plots/deviation.png",
        "plots/order.png")) {
      assertThat(run.resolve(f)).isNotEmptyFile();
    }
    JsonNode json = Json.MAPPER.readTree(run.resolve("run.json").toFile());
    assertThat(json.at("/gd/steps").asLong()).isEqualTo(300);
    assertThat(json.at("/modifiedFlow/hessianVectorProduct").asText()).contains("central directional difference");
    assertThat(json.at("/modifiedFlow/hvpRelativeErrorEstimateAtStart").asDouble()).isLessThan(1e-8);
    assertThat(json.at("/orderCheck/flowFit/pass").asBoolean()).isTrue();
    assertThat(json.at("/orderCheck/modifiedFit/pass").asBoolean()).isTrue();
    // GD is closer to the modified flow than to the flow at every compared step after 0
    JsonNode comps = json.get("comparisons");
    assertThat(comps.get(1).get("maxDeviation").asDouble()).isLessThan(comps.get(0).get("maxDeviation").asDouble() / 10);
    assertThat(Files.readString(run.resolve("report.md"))).contains("GD vs flow").contains("event `loss below 1`");
  }

  @Test
  void importedNpzSnapshotsGiveTheSameDeviationsAsGdRunHere() throws Exception {
    SystemSpec spec = SpecLoader.load(Path.of(SYSTEM), List.of());
    FlowSystem system = org.gradflow.models.ModelRegistry.build(spec);
    long[] steps = {0, 10, 100, 250};
    GdSettings s = new GdSettings(0.02, 250, steps);
    List<double[]> snaps = new ArrayList<>();
    GdRunner.run(spec, system, s, Progress.NONE, (k, theta, row) -> snaps.add(theta.clone()));
    Path npz = out.resolve("torch-run.npz");
    // W1 is 2x2 and W2 3x2: stack the snapshots as numpy would (snapshots first, C order)
    double[] w1 = new double[4 * 4];
    double[] w2 = new double[4 * 6];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(snaps.get(i), 0, w1, 4 * i, 4);
      System.arraycopy(snaps.get(i), 4, w2, 6 * i, 6);
    }
    Npz.create(npz.toFile(), zip -> {
      Npz.write(zip, "steps.npy", new NpyLongArray(new int[] {4}, steps, false));
      Npz.write(zip, "W1.npy", new NpyDoubleArray(new int[] {4, 2, 2}, w1, false));
      Npz.write(zip, "W2.npy", new NpyDoubleArray(new int[] {4, 3, 2}, w2, false));
    });
    Path runs = Files.createDirectory(out.resolve("runs"));
    int code = Main.execute("compare-gd", SYSTEM, "--import", npz.toString(), "--lr", "0.02", "--quiet",
        "--out", runs.toString());
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(only(runs).resolve("comparison.csv"));
    assertThat(lines).hasSize(5);
    // compare with the in-process comparison at the same steps
    Comparison c = new Comparison("flow", spec, system, ReferenceRuns.run(spec, system, s.recordTimes(), Progress.NONE));
    GdRunner.run(spec, system, s, Progress.NONE, c::add);
    int dev = c.header().indexOf("deviation");
    for (int i = 0; i < 4; i++) {
      double imported = Double.parseDouble(lines.get(i + 1).split(",")[dev]);
      assertThat(imported).isCloseTo(c.rows().get(i)[dev], within(1e-12));
    }
    assertThat(Files.readString(only(runs).resolve("report.md"))).contains("imported step 0 differs from the system's initial state by 0.000")
        .contains("events of the import are located on its snapshots");
    JsonNode events = Json.MAPPER.readTree(only(runs).resolve("events.json").toFile());
    assertThat(events.get("imported")).hasSize(2);
    assertThat(events.at("/shifts/flow/0/event").asText()).isEqualTo("loss below 1");
  }

  @Test
  void eventsOnEverySnapshotEqualTheGdRunnersEvents() {
    SystemSpec spec = SpecLoader.load(Path.of(SYSTEM), List.of());
    FlowSystem system = org.gradflow.models.ModelRegistry.build(spec);
    long[] all = java.util.stream.LongStream.rangeClosed(0, 300).toArray();
    List<double[]> snaps = new ArrayList<>();
    GdResult gd = GdRunner.run(spec, system, new GdSettings(0.02, 300, all), Progress.NONE,
        (k, theta, row) -> snaps.add(theta.clone()));
    ImportedRun run = new ImportedRun("test", "npz", all, snaps.toArray(new double[0][]), null);
    List<org.gradflow.integrate.EventRecord> located = SnapshotEvents.locate(spec, system, run, 0.02);
    assertThat(gd.events()).hasSize(2);
    assertThat(located).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(located.get(i).name()).isEqualTo(gd.events().get(i).name());
      assertThat(located.get(i).time()).isCloseTo(gd.events().get(i).time(), within(1e-15));
    }
  }

  @Test
  void badInputExitsWithTwo() {
    assertThat(Main.execute("compare-gd", SYSTEM, "--lr", "-1", "--quiet", "--out", out.toString())).isEqualTo(2);
    assertThat(Main.execute("compare-gd", SYSTEM, "--order", "1", "--quiet", "--out", out.toString())).isEqualTo(2);
    assertThat(Main.execute("compare-gd", SYSTEM, "--import", "nope.npz", "--quiet", "--out", out.toString())).isEqualTo(2);
  }
}
