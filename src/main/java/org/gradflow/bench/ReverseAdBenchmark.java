package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gradflow.core.GradientCheck;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ReverseAdFlow;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
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

/**
 * The double gradient two ways on the same system in the same JVM: the family's analytic
 * kernel and the reverse-mode sweep of its generic loss (what {@code "gradient": "reverse-ad"}
 * integrates, and the default of a loss-only model). The tape's retained size is printed at
 * setup. Run from the repository root: {@code ./gradflow bench ReverseAdBenchmark}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReverseAdBenchmark {

  @Param({"systems/cooccurrence-small.json", "systems/cooccurrence-as-u.json",
      "systems/markov-transformer-standard-p05-q08.json", "systems/condensation-small-tanh.json"})
  public String system;

  private GradientFlow analytic;
  private GradientFlow reverse;
  private double[] theta;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    FlowSystem s = ModelRegistry.build(SpecLoader.load(Path.of(system), List.of()));
    analytic = s.flow();
    reverse = new ReverseAdFlow(analytic);
    theta = s.initialState().clone();
    out = new double[theta.length];
    GradientCheck.Reverse r = GradientCheck.reverse(analytic, theta, Long.MAX_VALUE);
    System.out.printf(Locale.ROOT, "%n[%s] dimension %d: %d recorded operations, tape %.1f MB%n",
        system, theta.length, r.operations(), r.tapeBytes() / 1e6);
  }

  /** −∇L by the family's hand-written kernel. */
  @Benchmark
  public double analyticGradient() {
    return analytic.negativeGradient(theta, out);
  }

  /** −∇L by one reverse sweep of the generic loss (thread-local tape, reused). */
  @Benchmark
  public double reverseGradient() {
    return reverse.negativeGradient(theta, out);
  }
}
