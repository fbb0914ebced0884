package org.gradflow.models.condensation;

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
 * {@code gradflow bench CondensationBenchmark}: the small reference instance
 * (systems/condensation-small-identity.json) as shipped — 11 event detectors, 300 samples — from
 * ε·θ̄0 to FURTHER at each ε ({@code run}), and one −∇L evaluation ({@code rhs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CondensationBenchmark {
  @Param({"1e-3", "1e-6", "1e-10"})
  public String epsilon;

  private SystemSpec spec;
  private FlowSystem system;
  private double[] theta;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    double eps = Double.parseDouble(epsilon);
    spec = SpecLoader.load(Path.of("systems/condensation-small-identity.json"),
        List.of("init.epsilon=" + epsilon, "integrator.tEnd=" + 40 / eps));
    system = ModelRegistry.build(spec);
    theta = system.initialState().clone();
    out = new double[theta.length];
  }

  @Benchmark
  public double rhs() {
    return system.flow().negativeGradient(theta, out);
  }

  @Benchmark
  public void run(Blackhole bh) {
    RunResult r = SystemRuns.run(spec, system, Progress.NONE);
    bh.consume(r.finalState());
  }
}
