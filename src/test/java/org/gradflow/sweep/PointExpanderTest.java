package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradflow.spec.SpecException;
import org.junit.jupiter.api.Test;

class PointExpanderTest {

  @Test
  void cartesianRunsTheLastAxisFastestAndSeedsInnermost() {
    List<SweepPoint> pts = SweepFixtures.points("'axes': ["
        + "{'path': 'params.diagonal.0', 'values': [1, 2]},"
        + "{'path': 'integrator.rtol', 'values': [1e-8, 1e-9, 1e-10]}],"
        + " 'repeat': {'path': 'init.seed', 'seeds': [5, 6]}");
    assertThat(pts).hasSize(12);
    assertThat(pts).extracting(SweepPoint::id).startsWith("p0000", "p0001").endsWith("p0011");
    assertThat(pts.get(0).describe()).isEqualTo("params.diagonal.0=1, integrator.rtol=1.0E-8, init.seed=5");
    assertThat(pts.get(1).describe()).isEqualTo("params.diagonal.0=1, integrator.rtol=1.0E-8, init.seed=6");
    assertThat(pts.get(2).describe()).isEqualTo("params.diagonal.0=1, integrator.rtol=1.0E-9, init.seed=5");
    assertThat(pts.get(6).describe()).isEqualTo("params.diagonal.0=2, integrator.rtol=1.0E-8, init.seed=5");
    assertThat(pts.get(11).tree().path("params").path("diagonal").path(0).asDouble()).isEqualTo(2.0);
    assertThat(pts.get(11).tree().path("integrator").path("rtol").asDouble()).isEqualTo(1e-10);
    assertThat(pts.get(11).tree().path("init").path("seed").asLong()).isEqualTo(6);
    assertThat(pts.stream().map(SweepPoint::hash).distinct()).hasSize(12);
  }

  @Test
  void zipPairsValuesElementByElement() {
    List<SweepPoint> pts = SweepFixtures.points("'combine': 'zip', 'axes': ["
        + "{'path': 'params.diagonal.0', 'values': [1, 2, 4]},"
        + "{'path': 'events.0.threshold', 'values': [0.1, 0.2, 0.4]}]");
    assertThat(pts).extracting(SweepPoint::describe).containsExactly(
        "params.diagonal.0=1, events.0.threshold=0.1",
        "params.diagonal.0=2, events.0.threshold=0.2",
        "params.diagonal.0=4, events.0.threshold=0.4");
  }

  @Test
  void fixedOverridesApplyToEveryPointBeforeTheAxes() {
    List<SweepPoint> pts = SweepFixtures.points("'set': ['integrator.tEnd=50', 'params.diagonal.0=9'],"
        + " 'axes': [{'path': 'params.diagonal.0', 'values': [3]}]");
    assertThat(pts.get(0).tree().path("integrator").path("tEnd").asDouble()).isEqualTo(50.0);
    assertThat(pts.get(0).tree().path("params").path("diagonal").path(0).asDouble()).isEqualTo(3.0);
    assertThat(pts.get(0).spec("base.json").integrator().tEnd()).isEqualTo(50.0);
  }

  @Test
  void specHashIsStableCanonicalAndSensitive() {
    SweepPoint a = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [2]}]").get(0);
    SweepPoint again = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [2]}]").get(0);
    SweepPoint asDouble = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [2.0]}]").get(0);
    SweepPoint other = SweepFixtures.points("'axes': [{'path': 'params.diagonal.0', 'values': [2.0000000000000004]}]").get(0);
    assertThat(a.hash()).isEqualTo(again.hash()).isEqualTo(asDouble.hash()).hasSize(64);
    assertThat(other.hash()).isNotEqualTo(a.hash());
    // key order does not matter
    assertThat(SpecHash.of(SweepFixtures.json("{'b': 1, 'a': {'y': [1, 2], 'x': 'q'}}")))
        .isEqualTo(SpecHash.of(SweepFixtures.json("{'a': {'x': 'q', 'y': [1, 2.0]}, 'b': 1.0}")));
    assertThat(SpecHash.canonical(SweepFixtures.json("{'b': 1.5, 'a': [3, 'z']}"))).isEqualTo("{\"a\":[3,\"z\"],\"b\":1.5}");
    // list order does
    assertThat(SpecHash.of(SweepFixtures.json("[1, 2]"))).isNotEqualTo(SpecHash.of(SweepFixtures.json("[2, 1]")));
  }

  @Test
  void aBadAxisValueFailsBeforeAnythingRunsNamingThePoint() {
    assertThatThrownBy(() -> SweepFixtures.points("'axes': [{'path': 'integrator.rtol', 'values': [1e-8, -1]}]"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("sweep point p0001: integrator.rtol=-1")
        .hasMessageContaining("rtol");
    assertThatThrownBy(() -> SweepFixtures.points("'axes': [{'path': 'model.x', 'values': [1]}]"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("test-sweep.json: field 'axes': point p0000");
  }
}
