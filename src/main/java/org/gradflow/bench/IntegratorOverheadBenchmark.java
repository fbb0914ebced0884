package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.integrate.FlowEquation;
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
 * The integrator's own work per DP853 try, stock Hipparchus against the engine's
 * ({@link BareFlow}), on the diagonal quadratic of systems/quadratic-bench.json resized to
 * {@code n} (95 360 = the AS-u co-occurrence dimension): {@code integrate} is a bare flow,
 * {@code rhs} one derivative; {@link BenchCommand} prints (integrate − evaluations × rhs) / tries
 * next to the triad floor of the stage traffic ({@link StageTraffic}, {@link TriadBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IntegratorOverheadBenchmark {
  @Param({"HIPPARCHUS", "BLOCKED"})
  public BareFlow impl;

  @Param("95360")
  public int n;

  @Param("20")
  public String tEnd;

  private SystemSpec spec;
  private FlowSystem system;
  private FlowEquation equation;
  private double[] theta;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    spec = spec(n, tEnd);
    system = ModelRegistry.build(spec);
    equation = new FlowEquation(system.flow());
    theta = system.initialState().clone();
    out = new double[theta.length];
  }

  static SystemSpec spec(int n, String tEnd) {
    return SpecLoader.load(Path.of("systems/quadratic-bench.json"), List.of("params.n=" + n, "integrator.tEnd=" + tEnd));
  }

  @Benchmark
  public double[] rhs() {
    equation.computeDerivatives(0, theta, out);
    return out;
  }

  @Benchmark
  public double[] integrate() {
    return impl.run(spec, system).end();
  }

  /** Evaluations and tries of one {@link #integrate} (the same for both implementations). */
  static BareFlow.Timing pilot(int n, String tEnd) {
    SystemSpec s = spec(n, tEnd);
    return BareFlow.HIPPARCHUS.run(s, ModelRegistry.build(s));
  }
}
