package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.spec.Json;

/** Inline sweeps (single quotes allowed) and a deterministic fake runner for executor tests. */
final class SweepFixtures {
  /** L = ½λθ², θ0 = 1: the event |θ| = 1/e fires at exactly T = 1/λ. */
  static final String BASE = "{'model': 'quadratic', 'params': {'diagonal': [1.0], 'b': [0.0]},"
      + " 'init': {'explicit': {'theta': [1.0]}},"
      + " 'integrator': {'rtol': 1e-10, 'atol': 1e-14, 'tEnd': 200, 'grid': {'log': 20}, 'stopLossBelow': 1e-30},"
      + " 'events': [{'name': 'T', 'observable': 'distanceToMinimizer', 'threshold': 0.36787944117144233, 'direction': 'down'}]}";

  private SweepFixtures() {}

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A sweep over the inline base; {@code rest} is the remaining top-level fields (without braces). */
  static SweepSpec sweep(String rest) {
    return SweepSpecLoader.fromTree("test-sweep.json", json("{'name': 'test', 'base': " + BASE + ", " + rest + "}"), null);
  }

  static List<SweepPoint> points(String rest) {
    return PointExpander.expand(sweep(rest));
  }

  /**
   * A fake run: T = 1/λ·(1 + seed/1000) from the point's spec, a fixed RHS count, a final-state
   * hash of the spec hash; writes one file into the folder like a real run.
   */
  static PointResult fake(SweepPoint p, Path folder) throws java.io.IOException {
    double lambda = p.tree().path("params").path("diagonal").path(0).asDouble();
    long seed = p.tree().path("init").path("seed").asLong(0);
    double t = 1 / lambda * (1 + seed / 1000.0);
    java.nio.file.Files.writeString(folder.resolve("trajectory.csv"), "t,loss\n0," + lambda + "\n");
    Map<String, PointResult.EventSummary> ev = new LinkedHashMap<>();
    ev.put("T", new PointResult.EventSummary(t, true, 1));
    return new PointResult(p.id(), p.index(), p.hash(), p.assignments(), "COMPLETED", "fake", 200, 1e-31, ev,
        10, 0, 150, 1, SpecHash.of(json("{'h': '" + p.hash() + "'}")), List.of(), 0.001 * (1 + Math.random()), null);
  }
}
