package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.integrate.Event;
import org.gradflow.integrate.ObservableCatalog;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.SaveAt;
import org.gradflow.integrate.Solution;
import org.gradflow.integrate.SolveOptions;
import org.gradflow.integrate.Solver;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.SystemRuns;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one Dfp(40) step of the high-precision path on the canonical Markov system
 * (systems/markov-canonical-dfp.json at rtol 1e-32, no sampled rows): {@code integrate} runs to
 * {@code tEnd} and the setup prints how many steps that takes, so time per step = score / steps.
 * {@code events}: {@code none} is the integrator alone; {@code builtin} adds the family's five
 * events (each checked at the default event-check interval, located in the field when they fire).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DfpStepBenchmark {
  @Param("0.05")
  public String tEnd;

  @Param({"none", "builtin"})
  public String events;

  private FlowSystem system;
  private SolveOptions options;
  private List<Event> detectors;

  @Setup(Level.Trial)
  public void setUp() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/markov-canonical-dfp.json"), List.of("integrator.rtol=1e-32",
        "integrator.atol=1e-40", "integrator.tEnd=" + tEnd));
    system = ModelRegistry.build(spec);
    options = SystemRuns.options(spec, system);
    detectors = events.equals("none") ? List.of()
        : SystemRuns.events(spec, system, new ObservableCatalog(system.flow()));
    Solution s = integrate();
    System.out.printf("%nDfpStepBenchmark: %d steps, %d RHS evaluations, %d events per integration to t = %s%n",
        s.stats().acceptedSteps(), s.stats().rhsEvaluations(), detectors.size(), tEnd);
  }

  @Benchmark
  public Solution integrate() {
    return Solver.solve(system.flow(), system.initialState(), options, detectors, SaveAt.times(new double[0]), Progress.NONE);
  }
}
