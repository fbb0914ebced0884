package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
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
 * (systems/markov-canonical-dfp.json at rtol 1e-32): {@code integrate} runs to {@code tEnd} and the
 * setup prints how many steps that takes, so time per step = score / steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DfpStepBenchmark {
  @Param("0.05")
  public String tEnd;

  private SystemSpec spec;
  private FlowSystem system;

  @Setup(Level.Trial)
  public void setUp() {
    spec = SpecLoader.load(Path.of("systems/markov-canonical-dfp.json"), List.of("integrator.rtol=1e-32",
        "integrator.atol=1e-40", "integrator.tEnd=" + tEnd, "integrator.grid.log=0"));
    system = ModelRegistry.build(spec);
    RunResult r = integrate();
    System.out.printf("%nDfpStepBenchmark: %d steps, %d RHS evaluations per integration to t = %s%n",
        r.stats().acceptedSteps(), r.stats().rhsEvaluations(), tEnd);
  }

  @Benchmark
  public RunResult integrate() {
    return FlowIntegrator.run(spec, system, Progress.NONE);
  }
}
