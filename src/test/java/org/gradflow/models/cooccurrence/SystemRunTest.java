package org.gradflow.models.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The small preset end to end through the engine: events, identities, invariants. */
class SystemRunTest {
  static RunResult run;

  @BeforeAll
  static void integrate() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/cooccurrence-small.json"), List.of());
    FlowSystem system = ModelRegistry.build(spec);
    run = FlowIntegrator.run(spec, system, Progress.NONE);
    if (Boolean.getBoolean("cooc.twice")) {
      long t0 = System.nanoTime();
      FlowSystem again = ModelRegistry.build(spec);
      run = FlowIntegrator.run(spec, again, Progress.NONE);
      System.out.println("second run wall " + (System.nanoTime() - t0) * 1e-9);
    }
  }

  @Test
  void printSummary() {
    System.out.println(run.stats() + " " + run.outcome() + " " + run.reason());
    for (EventRecord e : run.events()) {
      System.out.printf("%-14s t=%.6g persisted=%s%n", e.name(), e.time(), e.persisted());
    }
    var tr = run.trajectory();
    for (String c : List.of("loss", "G1", "G2", "G3", "U", "c1Drift", "c2Drift", "eq4Residual", "eq5Residual", "f11Residual", "energyResidual", "R", "S2overS3", "kappa", "dKQ21", "dKQ31")) {
      System.out.printf("%-16s first=%.6g last=%.6g max=%.3g%n", c, tr.column(c)[0], tr.last(c),
          java.util.Arrays.stream(tr.column(c)).map(Math::abs).max().orElse(0));
    }
    assertThat(run.failed()).isFalse();
  }
}
