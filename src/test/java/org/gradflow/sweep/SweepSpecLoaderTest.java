package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecLoaderTest {

  @Test
  void readsListLinearAndLogAxesWithExactEndpoints() {
    SweepSpec s = SweepFixtures.sweep("'axes': ["
        + "{'path': 'params.diagonal.0', 'values': [1, 2.5]},"
        + "{'path': 'integrator.rtol', 'log': {'from': 1e-12, 'to': 1e-6, 'count': 4}},"
        + "{'path': 'integrator.tEnd', 'linear': {'from': 10, 'to': 20, 'count': 3}},"
        + "{'path': 'params.n', 'log': {'from': 32, 'to': 512, 'count': 5}, 'integer': true}]");
    assertThat(s.axes()).extracting(Axis::path)
        .containsExactly("params.diagonal.0", "integrator.rtol", "integrator.tEnd", "params.n");
    List<Double> log = s.axes().get(1).values().stream().map(n -> n.asDouble()).toList();
    assertThat(log.get(0)).isEqualTo(1e-12);
    assertThat(log.get(3)).isEqualTo(1e-6);
    assertThat(log.get(1)).isCloseTo(1e-10, org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(s.axes().get(2).values().stream().map(n -> n.asDouble()).toList()).containsExactly(10.0, 15.0, 20.0);
    assertThat(s.axes().get(3).values().stream().map(n -> n.asText()).toList())
        .containsExactly("32", "64", "128", "256", "512");
    assertThat(s.combine()).isEqualTo(SweepSpec.Combine.CARTESIAN);
  }

  @Test
  void readsSeedRepetitionsByListOrCount() {
    SweepSpec a = SweepFixtures.sweep("'repeat': {'path': ['init.seed', 'data.seed'], 'seeds': [7, 3]}");
    assertThat(a.repetition().paths()).containsExactly("init.seed", "data.seed");
    assertThat(a.repetition().seeds()).containsExactly(7L, 3L);
    SweepSpec b = SweepFixtures.sweep("'repeat': {'path': 'init.seed', 'count': 3, 'start': 10}");
    assertThat(b.repetition().seeds()).containsExactly(10L, 11L, 12L);
  }

  @Test
  void errorsNameTheFileAndTheField() {
    assertError("'axes': [{'path': 'params.m', 'values': [1], 'log': {'from': 1, 'to': 2, 'count': 2}}]",
        "test-sweep.json: field 'axes[0]': give exactly one of");
    assertError("'axes': [{'values': [1]}]", "test-sweep.json: field 'axes[0].path': required");
    assertError("'axes': [{'path': 'a', 'log': {'from': 0, 'to': 2, 'count': 2}}]",
        "test-sweep.json: field 'axes[0].log': a log range needs from > 0");
    assertError("'axes': [{'path': 'a', 'linear': {'from': 0, 'to': 2}}]", "field 'axes[0].linear.count'");
    assertError("'axes': [{'path': 'a', 'values': [1, 2]}, {'path': 'b', 'values': [1]}], 'combine': 'zip'",
        "test-sweep.json: field 'axes': zip needs axes of equal length");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'combine': 'outer'", "field 'combine'");
    assertError("'axis': []", "test-sweep.json: field 'axis': unknown field");
    assertError("'axes': []", "test-sweep.json: field 'axes': a sweep needs at least one axis");
    assertError("'axes': [{'path': 'a', 'values': [1]}, {'path': 'a', 'values': [2]}]", "'a' is swept twice");
    assertError("'repeat': {'path': 'init.seed', 'seeds': [1, 1]}", "field 'repeat.seeds': repeated seed");
    assertError("'repeat': {'path': 'init.seed', 'seeds': [1.5]}", "field 'repeat.seeds': must be integers");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'expectations': [{'type': 'ratio'}]",
        "field 'expectations[0].type': unknown expectation type 'ratio'");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'expectations': [{'type': 'constant', 'quantity': 'event:T'}]",
        "field 'expectations[0].tolerance': required");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'expectations': [{'type': 'slope', 'x': 'params.m',"
        + " 'y': 'result:wall', 'predicted': 1}]", "field 'expectations[0].y': unknown value 'result:wall'");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'expectations': [{'type': 'slope', 'x': 'a',"
        + " 'y': 'event:T', 'xScale': 'sqrt', 'predicted': 1}]", "field 'expectations[0].xScale': unknown scale");
    assertError("'axes': [{'path': 'a', 'values': [1]}], 'set': ['integrator.rtol=-1']", "integrator");
  }

  @Test
  void aMissingSystemFileIsNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"system\": \"systems/none.json\", \"axes\": [{\"path\": \"a\", \"values\": [1]}]}");
    assertThatThrownBy(() -> SweepSpecLoader.load(f)).isInstanceOf(SpecException.class)
        .hasMessageContaining("s.json: field 'system': file not found: systems/none.json");
  }

  @Test
  void aSystemFileNextToTheSweepIsFoundAndInlinedIntoTheTree(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("base.json"), SweepFixtures.BASE.replace('\'', '"'));
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"system\": \"base.json\", \"axes\": [{\"path\": \"params.diagonal.0\", \"values\": [2]}]}");
    SweepSpec s = SweepSpecLoader.load(f);
    assertThat(s.name()).isEqualTo("s");
    assertThat(s.baseFile()).isEqualTo("base.json");
    assertThat(s.tree().has("system")).isFalse();
    assertThat(s.tree().path("base").path("model").asText()).isEqualTo("quadratic");
  }

  private static void assertError(String rest, String message) {
    assertThatThrownBy(() -> SweepFixtures.sweep(rest)).isInstanceOf(SpecException.class).hasMessageContaining(message);
  }
}
