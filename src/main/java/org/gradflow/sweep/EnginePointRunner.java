package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.LossMonotonicity;

/** The real point runner: builds the point's system from the registry and integrates it. */
public final class EnginePointRunner implements PointRunner {
  private final String baseFile;

  public EnginePointRunner(String baseFile) {
    this.baseFile = baseFile;
  }

  @Override
  public PointResult run(SweepPoint point, Path folder) throws Exception {
    SystemSpec spec = point.spec(baseFile);
    FlowSystem system = ModelRegistry.build(spec);
    RunResult r = LossMonotonicity.run(spec, system, Progress.NONE);
    RunFiles.write(r, folder);
    return summarize(point, r);
  }

  static PointResult summarize(SweepPoint point, RunResult r) {
    Map<String, PointResult.EventSummary> events = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (EventRecord e : r.events()) {
      counts.merge(e.name(), 1, Integer::sum);
    }
    for (EventRecord e : r.events()) {
      events.putIfAbsent(e.name(), new PointResult.EventSummary(e.time(), e.persisted(), counts.get(e.name())));
    }
    double finalLoss = r.trajectory().size() > 0 ? r.trajectory().last("loss") : Double.NaN;
    var s = r.stats();
    return new PointResult(point.id(), point.index(), point.hash(), point.assignments(), r.outcome().name(),
        r.reason(), r.finalTime(), finalLoss, events, s.acceptedSteps(), s.rejectedSteps(), s.rhsEvaluations(),
        s.dimension(), SpecHash.ofBits(r.finalState()), r.warnings(), s.wallSeconds(), null);
  }
}
