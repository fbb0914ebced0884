package org.gradflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gradflow.TestSpecs;
import org.gradflow.integrate.Method;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.SaveAt;
import org.gradflow.io.EventsJson;
import org.gradflow.io.RunWriter;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec layer over the engine: continuation, explicit sample times, one events schema, one owner of integrators. */
class EngineContractsTest {
  static final String SYSTEM = "systems/linear-network-saxe.json";
  static final double MID = 5;
  static final String END = "integrator.tEnd=8";
  static final List<String> TIGHT = List.of("integrator.rtol=1e-12", "integrator.atol=1e-16");

  private static RunResult run(SystemSpec s) {
    return SystemRuns.run(s, ModelRegistry.build(s), Progress.NONE);
  }

  private static SystemSpec system(String... more) {
    List<String> all = new ArrayList<>(TIGHT);
    all.addAll(List.of(more));
    return SpecLoader.load(Path.of(SYSTEM), all);
  }

  /**
   * Run to t_mid, write it, feed final-state.json back as init.explicit with integrator.tStart =
   * t_mid, continue to T: the final state matches the uninterrupted run. The split changes the
   * step sequence (the continued run restarts its step-size control at t_mid), so agreement is
   * to the tolerance, not bit for bit: the Saxe network split at t = 5 of 8 (mid-learning: 85
   * steps whole, 72 + 14 split) agrees to 2.3e-14 relative at rtol 1e-12.
   */
  @Test
  void aRunContinuedFromItsFinalStateMatchesTheUninterruptedRun(@TempDir Path tmp) throws IOException {
    RunResult whole = run(system(END));
    RunResult first = run(system("integrator.tEnd=" + MID));
    Path dir = RunWriter.write(first, tmp);
    JsonNode fin = Json.MAPPER.readTree(dir.resolve("final-state.json").toFile());
    assertThat(fin.get("t").asDouble()).isEqualTo(MID);
    ObjectNode tree = SpecLoader.readTree(Path.of(SYSTEM)).deepCopy();
    ObjectNode init = tree.putObject("init");
    init.set("explicit", fin.get("blocks"));
    List<String> overrides = new ArrayList<>(TIGHT);
    overrides.add(END);
    overrides.add("integrator.tStart=" + fin.get("t").asDouble());
    SystemSpec rest = SpecLoader.fromTree(SYSTEM, tree, overrides);
    RunResult second = run(rest);
    assertThat(second.trajectory().times()[0]).isEqualTo(MID);
    assertThat(second.finalTime()).isEqualTo(whole.finalTime());
    double[] a = whole.finalState();
    double[] b = second.finalState();
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      norm = Math.max(norm, Math.abs(a[i]));
    }
    assertThat(diff / norm).isLessThan(1e-12);
    // the grid of the continued run: t_mid, then the uninterrupted run's after t_mid
    double[] wholeTimes = whole.trajectory().times();
    double[] secondTimes = second.trajectory().times();
    assertThat(java.util.Arrays.copyOfRange(secondTimes, 1, secondTimes.length))
        .containsExactly(java.util.Arrays.stream(wholeTimes).filter(t -> t > MID).toArray());
  }

  @Test
  void explicitSampleTimesAreHitExactlyBesideTheLogGrid() {
    RunResult r = TestSpecs.run("{'model': 'quadratic', 'params': {'diagonal': [1, 2]}, 'init': {'gaussian': {'scale': 1}},"
        + " 'integrator': {'tEnd': 300, 'grid': {'log': 5, 'times': [0.1, 0.3, 1, 3, 10, 30, 100, 299.99999]}}}");
    Set<Double> times = new TreeSet<>();
    for (double t : r.trajectory().times()) {
      times.add(t);
    }
    assertThat(times).contains(0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 299.99999, 300.0);
    assertThat(times).hasSize(5 + 8 + 1); // log points (incl. t_end), explicit times, t = 0
  }

  /** Double, Dfp and GD solves of one system write events with one schema. */
  @Test
  void doubleDfpAndGdEventsShareOneSchema() {
    SystemSpec spec = TestSpecs.spec("{'model': 'quadratic', 'params': {'diagonal': [1, 2], 'b': [0, 0]},"
        + " 'init': {'explicit': {'theta': [1, 1]}}, 'integrator': {'tEnd': 2, 'rtol': 1e-12},"
        + " 'events': [{'observable': 'loss', 'threshold': 0.1, 'direction': 'down'}]}");
    FlowSystem system = ModelRegistry.build(spec);
    var options = SystemRuns.options(spec, system);
    List<Set<String>> schemas = new ArrayList<>();
    for (var o : List.of(options, options.withDigits(30, 0), options.withMethod(Method.GD).withLearningRate(0.01))) {
      RunResult r = SystemRuns.run(spec, system, o, new double[] {0, 1, 2}, Progress.NONE);
      assertThat(r.events()).as(o.method() + " digits " + o.digits()).hasSize(1);
      var json = EventsJson.of(r.events(), system.flow().layout());
      schemas.add(json.get(0).keySet());
    }
    assertThat(schemas.get(1)).isEqualTo(schemas.get(0));
    assertThat(schemas.get(2)).isEqualTo(schemas.get(0));
  }

  /** Only the engine builds Hipparchus integrators: models, checks, GD and benchmarks call it. */
  @Test
  void onlyTheEnginePackageConstructsHipparchusIntegrators() throws IOException {
    Path hipparchus = Path.of(DormandPrince853Integrator.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath());
    Set<String> integrators = new TreeSet<>();
    try (var jar = new java.util.jar.JarFile(hipparchus.toFile())) {
      jar.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("org/hipparchus/ode/") && n.endsWith("Integrator.class") && !n.contains("$"))
          .forEach(n -> integrators.add(n.substring(n.lastIndexOf('/') + 1, n.length() - ".class".length())));
    }
    integrators.add("ExactErrorDormandPrince853");
    assertThat(integrators).contains("DormandPrince853Integrator", "DormandPrince853FieldIntegrator",
        "ClassicalRungeKuttaIntegrator");
    Pattern use = Pattern.compile("(?:new|extends)\\s+(" + String.join("|", integrators) + ")\\b");
    Path root = Path.of("src/main/java/org/gradflow");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.getParent().equals(root.resolve("integrate"))) {
          continue;
        }
        Matcher m = use.matcher(Files.readString(f));
        while (m.find()) {
          offenders.add(root.relativize(f) + ": " + m.group());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** The save times reach the engine as given; an unsorted list is refused. */
  @Test
  void saveTimesMustIncrease() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SaveAt.times(0, 2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase");
  }
}
