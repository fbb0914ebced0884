package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's cost on a large, cheap flow (systems/quadratic-bench.json, 50 000-dim diagonal
 * quadratic): {@code rhs} is one −∇L evaluation; {@code integrate} a full DP853 run to
 * {@code tEnd}, reported per RHS evaluation by {@link BenchCommand} so the two compare
 * directly: the difference is the integrator's overhead (stage combinations, error estimate,
 * dense output, sampling).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuadraticBenchmark {
  @Param("systems/quadratic-bench.json")
  public String system;

  @Param("5")
  public String tEnd;

  private SystemSpec spec;
  private FlowSystem flowSystem;
  private double[] theta;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    spec = SpecLoader.load(Path.of(system), List.of("integrator.tEnd=" + tEnd, "integrator.grid.log=10"));
    flowSystem = ModelRegistry.build(spec);
    theta = flowSystem.initialState().clone();
    out = new double[theta.length];
  }

  @Benchmark
  public double rhs() {
    return flowSystem.flow().negativeGradient(theta, out);
  }

  @Benchmark
  public void integrate(Blackhole bh) {
    RunResult r = SystemRuns.run(spec, flowSystem, Progress.NONE);
    bh.consume(r.finalState());
  }

  /** RHS evaluations of one {@link #integrate} call (to express its time per evaluation). */
  public static long evaluationsPerIntegration(String system, String tEnd) {
    QuadraticBenchmark b = new QuadraticBenchmark();
    b.system = system;
    b.tEnd = tEnd;
    b.setUp();
    return SystemRuns.run(b.spec, b.flowSystem, Progress.NONE).stats().rhsEvaluations();
  }
}
