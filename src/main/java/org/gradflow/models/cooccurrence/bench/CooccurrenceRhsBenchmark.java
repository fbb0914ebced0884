package org.gradflow.models.cooccurrence.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.core.GradientFlow;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.cooccurrence.CooccurrenceFlow;
import org.gradflow.models.cooccurrence.LegacyAttentionKernel;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RHS cost of the paper-size co-occurrence systems (AS-u: d = 163, dim 95,360; AS-r: the
 * literal App. A d = 64, dim 57,344), against the memory-bound floor of reading θ and writing θ̇
 * once, and the whole DP853 integration to t = 300 at rtol 1e-8 (atol 1e-12) without
 * observables or events, for comparison with scripts/cooccurrence_scipy.py. {@code kernel}
 * selects the attention kernel: {@code current} (the flow's own) or {@code legacy} (the previous
 * one, {@link LegacyAttentionKernel}, kept until the new one is proven), so that both are measured
 * in the same run. Run from the repository root (the system files are read from systems/).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CooccurrenceRhsBenchmark {

  @Param({"systems/cooccurrence-as-u.json", "systems/cooccurrence-as-r.json"})
  public String system;

  @Param({"current", "legacy"})
  public String kernel;

  /** θ → −∇L̂(θ) into out, returning L̂. */
  private interface Rhs {
    double negativeGradient(double[] theta, double[] out);
  }

  private GradientFlow flow;
  private Rhs rhs;
  private double[] theta;
  private double[] out;
  private double tEnd;

  @Setup(Level.Trial)
  public void setUp() {
    SystemSpec spec = SpecLoader.load(Path.of(system), List.of());
    FlowSystem s = ModelRegistry.build(spec);
    flow = s.flow();
    if (kernel.equals("legacy")) {
      CooccurrenceFlow f = (CooccurrenceFlow) flow;
      LegacyAttentionKernel legacy = new LegacyAttentionKernel(f.data(), f.a(), f.m());
      rhs = (th, o) -> {
        double loss = legacy.forward(th);
        legacy.backward(th, o);
        return loss;
      };
    } else {
      rhs = flow::negativeGradient;
    }
    theta = s.initialState().clone();
    out = new double[theta.length];
    tEnd = spec.integrator().tEnd();
  }

  /** One exact −∇L̂ evaluation. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public double rhs() {
    return rhs.negativeGradient(theta, out);
  }

  /** The floor: read every entry of θ once and write every entry of θ̇ once. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public double readThetaWriteThetaDot() {
    double[] th = theta;
    double[] o = out;
    for (int i = 0; i < th.length; i++) {
      o[i] = -th[i];
    }
    return o[o.length - 1];
  }

  /** DP853 from t = 0 to t_end at rtol 1e-8, atol 1e-12, plain (no events, no sampling). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public void integrate(Blackhole bh) {
    long[] evaluations = new long[1];
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return theta.length;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        evaluations[0]++;
        double[] dy = new double[y.length];
        rhs.negativeGradient(y, dy);
        return dy;
      }
    };
    long[] steps = new long[1];
    DormandPrince853Integrator dp = new DormandPrince853Integrator(tEnd * 1e-15, tEnd, 1e-12, 1e-8);
    dp.addStepHandler(interpolator -> steps[0]++);
    var end = dp.integrate(ode, new ODEState(0.0, theta.clone()), tEnd);
    System.out.printf("%n[%s] t = %.6g, loss = %.10e, steps = %d, RHS evaluations = %d%n", system,
        end.getTime(), flow.loss(end.getPrimaryState()), steps[0], evaluations[0]);
    bh.consume(end.getPrimaryState());
  }
}
