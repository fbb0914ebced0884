package org.gradflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ReverseAdFlow;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.MathArrays;
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
 * The high-precision path's gradient at 40 digits: one Dfp loss evaluation, the reverse sweep
 * (the field default of {@link GradientFlow#negativeGradient(org.hipparchus.CalculusFieldElement[],
 * org.hipparchus.CalculusFieldElement[])}) and, on the small systems, Hipparchus forward mode
 * ({@link FieldGradient}, the former default: O(dim) per operation).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReverseAdDfpBenchmark {

  /** A system's θ0 at 40 digits and its reverse-AD flow. */
  abstract static class System40 {
    GradientFlow reverse;
    Dfp[] theta;
    Dfp[] out;

    void load(String system) {
      FlowSystem s = ModelRegistry.build(SpecLoader.load(Path.of(system), List.of()));
      reverse = new ReverseAdFlow(s.flow());
      DfpField field = new DfpField(40);
      double[] x = s.initialState();
      theta = MathArrays.buildArray(field, x.length);
      out = MathArrays.buildArray(field, x.length);
      for (int i = 0; i < x.length; i++) {
        theta[i] = field.newDfp(x[i]);
      }
    }
  }

  /** The systems of the loss and reverse-sweep benchmarks. */
  @State(Scope.Thread)
  public static class Dfp40 extends System40 {
    @Param({"systems/condensation-small-tanh.json", "systems/markov-transformer-standard-p05-q08.json",
        "systems/cooccurrence-small.json"})
    public String system;

    @Setup(Level.Trial)
    public void setUp() {
      load(system);
    }
  }

  /** The systems small enough for forward mode (dimension ≤ 300). */
  @State(Scope.Thread)
  public static class SmallDfp40 extends System40 {
    @Param({"systems/condensation-small-tanh.json", "systems/markov-transformer-standard-p05-q08.json"})
    public String system;

    @Setup(Level.Trial)
    public void setUp() {
      load(system);
    }
  }

  /** One loss evaluation in Dfp(40): the unit of the high-precision path's cost. */
  @Benchmark
  public Dfp loss(Dfp40 s) {
    return s.reverse.loss(s.theta);
  }

  /** −∇L in Dfp(40) by one reverse sweep. */
  @Benchmark
  public Dfp reverseGradient(Dfp40 s) {
    return s.reverse.negativeGradient(s.theta, s.out);
  }

  /** −∇L in Dfp(40) by Hipparchus forward mode (each value carries dim partials). */
  @Benchmark
  public Dfp forwardGradient(SmallDfp40 s) {
    int n = s.theta.length;
    FieldGradientField<Dfp> f = FieldGradientField.getField(s.theta[0].getField(), n);
    FieldGradient<Dfp>[] v = MathArrays.buildArray(f, n);
    for (int i = 0; i < n; i++) {
      v[i] = FieldGradient.variable(n, i, s.theta[i]);
    }
    FieldGradient<Dfp> l = s.reverse.loss(v);
    for (int i = 0; i < n; i++) {
      s.out[i] = l.getPartialDerivative(i).negate();
    }
    return l.getValue();
  }

  /**
   * Loss, reverse sweep and forward mode alternately at 40 digits: {@code java -cp
   * target/gradflow.jar org.gradflow.bench.ReverseAdDfpBenchmark SYSTEM [ROUNDS]} (forward mode
   * only up to dimension 300).
   */
  public static void main(String[] args) {
    ReverseAdDfpBenchmark b = new ReverseAdDfpBenchmark();
    Dfp40 s = new Dfp40();
    s.system = args[0];
    s.setUp();
    SmallDfp40 small = new SmallDfp40();
    small.system = args[0];
    small.setUp();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    if (s.theta.length <= 300) {
      Alternation.run(rounds, new String[] {"Dfp loss", "reverse gradient", "forward gradient"},
          () -> b.loss(s), () -> b.reverseGradient(s), () -> b.forwardGradient(small));
    } else {
      Alternation.run(rounds, new String[] {"Dfp loss", "reverse gradient"}, () -> b.loss(s), () -> b.reverseGradient(s));
    }
  }
}
