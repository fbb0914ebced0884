package org.gradflow.models.markov;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.integrate.Direction;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code markov-canonical}: the 2-D flow of spec §3.2 (θ = (e, w), bias at its optimum).
 * data: {@code {p, q}}; init: {@code {"explicit": {"e": .., "w": ..}}}; params (optional):
 * {@code saddleRadius} (default 0.05), {@code basinThreshold} (default 1e-6).
 * Built-in events: saddle approach/escape, basin decision (global: loss within basinThreshold
 * of the entropy rate; local: |e| below basinThreshold), and loss within basinThreshold of the
 * limit the energy predicts (§3.6).
 */
public final class CanonicalFamily implements ModelFamily {

  @Override
  public String name() {
    return "markov-canonical";
  }

  @Override
  public String summary() {
    return "Markov canonical 2-D flow (e, w), bias at its optimum: energy, basins, exact limits (Makkuva et al. 2024)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    MarkovSource source = MarkovSpecs.source(spec.data());
    double[] theta0 = InitialState.read(spec.init(), new CanonicalFlow(source).layout());
    SpecSection params = spec.params();
    double radius = params.number("saddleRadius", 0.05);
    double threshold = params.number("basinThreshold", 1e-6);
    if (!(radius > 0)) {
      throw params.error("saddleRadius", "must be positive, got " + radius);
    }
    if (!(threshold > 0)) {
      throw params.error("basinThreshold", "must be positive, got " + threshold);
    }
    LimitPrediction predicted = new BasinPredictor(source).predict(theta0[0], theta0[1]);
    CanonicalFlow flow = new CanonicalFlow(source, predicted);
    return new FlowSystem(flow, theta0, events(radius, threshold),
        new CanonicalArtifacts(flow, predicted));
  }

  static List<EventSpec> events(double radius, double threshold) {
    List<EventSpec> e = new ArrayList<>();
    e.add(EventSpec.of("saddle-approach", "saddleDistance", radius, Direction.DOWN, false,
        "enters the disc of radius saddleRadius around the saddle (0, -1/sqrt2)"));
    e.add(EventSpec.of("saddle-escape", "saddleDistance", radius, Direction.UP, false,
        "leaves the disc around the saddle"));
    e.add(EventSpec.of("basin-global", "gapToEntropyRate", threshold, Direction.DOWN, false,
        "loss within basinThreshold of the entropy rate: converging to the global-minimum curve"));
    e.add(EventSpec.of("basin-local", "absE", threshold, Direction.DOWN, false,
        "|e| below basinThreshold: converging to the unigram line e = 0"));
    e.add(EventSpec.of("near-predicted-limit", "gapToPredictedLimit", threshold, Direction.DOWN, false,
        "loss within basinThreshold of the loss at the predicted limit point"));
    return e;
  }
}
