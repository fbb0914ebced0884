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
import org.hipparchus.util.Binary64;
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
  private Binary64[] thetaB64;

  @Setup(Level.Trial)
  public void setUp() {
    FlowSystem s = ModelRegistry.build(SpecLoader.load(Path.of(system), List.of()));
    analytic = s.flow();
    reverse = new ReverseAdFlow(analytic);
    theta = s.initialState().clone();
    out = new double[theta.length];
    thetaB64 = new Binary64[theta.length];
    for (int i = 0; i < theta.length; i++) {
      thetaB64[i] = new Binary64(theta[i]);
    }
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

  /** L alone by the generic loss in double (Binary64, no tape): the floor of any AD of it. */
  @Benchmark
  public double genericLoss() {
    return analytic.loss(thetaB64).getReal();
  }

  /**
   * Ratios measured alternately A/B/C/A/B/C in one run (JMH runs one benchmark after the other,
   * so on a shared machine its numbers see different loads): {@code java -cp target/gradflow.jar
   * org.gradflow.bench.ReverseAdBenchmark SYSTEM [ROUNDS]}. Each round times about one second of
   * each; medians and the load average are printed.
   */
  public static void main(String[] args) {
    ReverseAdBenchmark b = new ReverseAdBenchmark();
    b.system = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    b.setUp();
    Alternation.run(rounds, new String[] {"analytic", "generic loss", "reverse"},
        b::analyticGradient, b::genericLoss, b::reverseGradient);
  }
}