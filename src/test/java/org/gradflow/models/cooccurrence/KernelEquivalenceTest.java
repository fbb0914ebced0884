package org.gradflow.models.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The restructured {@link AttentionKernel} against {@link LegacyAttentionKernel}. The new kernel
 * sums three kinds of terms in another order (sparse scores over r with two running sums, the
 * per-token W_K / W_Q / W_V gradients per pair type, Σ_j cc_j V[r, x_j] per token; see its
 * javadoc), so the two agree to rounding, not bit for bit: at random states and directions every
 * output (loss, margins, c, attention, −∇L̂, margin JVP) lies within 1e-12 of the legacy value,
 * relative to the largest legacy entry of the same output (observed: below 1e-15). Whole DP853
 * trajectories at rtol 1e-10 end within 1e-10 relative of each other, and so do their event times.
 */
class KernelEquivalenceTest {
  private static final double OUTPUT_BOUND = 1e-12;
  private static final double TRAJECTORY_BOUND = 1e-10;

  static Stream<Instance> instances() {
    return Stream.of(
        Instance.generate(60, 5, 163, 16, 24, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
            0.3, 0.4, 1, 2),
        Instance.generate(60, 5, 64, 13, 8, DataGenerator.RandomWords.REPLACEMENT, InitPreset.FREE,
            0.5, 0.5, 3, 4),
        Instance.generate(6, 4, 13, 4, 3, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
            0.6, 0.5, 1, 2),
        GradientTest.sparseAndDense(),
        Instances.explicitWithRepeats());
  }

  @ParameterizedTest
  @MethodSource("instances")
  void agreesWithTheLegacyKernelToRounding(Instance inst) {
    AttentionKernel k = new AttentionKernel(inst.data(), inst.a(), inst.m());
    LegacyAttentionKernel legacy = new LegacyAttentionKernel(inst.data(), inst.a(), inst.m());
    SplittableRandom rng = new SplittableRandom(17);
    int dim = inst.theta0().length;
    for (int trial = 0; trial < 3; trial++) {
      double[] theta = new double[dim];
      double[] dir = new double[dim];
      for (int i = 0; i < dim; i++) {
        theta[i] = inst.theta0()[i] * (1 + 2 * rng.nextDouble()) + 0.3 * rng.nextGaussian();
        dir[i] = rng.nextGaussian();
      }
      double loss = legacy.forward(theta);
      assertThat(k.forward(theta)).isCloseTo(loss, within(OUTPUT_BOUND * loss));
      assertClose("margin", k.margin, legacy.margin);
      assertClose("c", k.c, legacy.c);
      for (int i = 0; i < k.n; i++) {
        for (int h = 0; h < k.len; h++) {
          for (int l = 0; l < k.len; l++) {
            assertThat(k.attention(i, h, l)).isCloseTo(legacy.attention(i, h, l),
                within(OUTPUT_BOUND));
          }
        }
      }
      double[] out = new double[dim];
      double[] outLegacy = new double[dim];
      k.backward(theta, out);
      legacy.backward(theta, outLegacy);
      assertClose("-grad", out, outLegacy);
      double[] rates = new double[k.n];
      double[] ratesLegacy = new double[k.n];
      k.marginRates(theta, dir, rates);
      legacy.marginRates(theta, dir, ratesLegacy);
      assertClose("margin rates", rates, ratesLegacy);
    }
  }

  private static void assertClose(String what, double[] actual, double[] expected) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).as(what).isPositive();
    for (int e = 0; e < expected.length; e++) {
      assertThat(actual[e]).as("%s[%d]", what, e)
          .isCloseTo(expected[e], within(OUTPUT_BOUND * scale));
    }
  }

  /**
   * DP853 at rtol 1e-10 on the small system, which takes both score paths: final state and the
   * times at which the loss crosses two levels agree to 1e-10 relative.
   */
  @Test
  void integratesTheSmallSystemToTheSameStateAndEventTimes() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/cooccurrence-small.json"), List.of());
    var system = ModelRegistry.build(spec);
    CooccurrenceFlow flow = (CooccurrenceFlow) system.flow();
    double[] theta0 = system.initialState();
    double tEnd = spec.integrator().tEnd();
    AttentionKernel k = new AttentionKernel(flow.data(), flow.a(), flow.m());
    LegacyAttentionKernel legacy = new LegacyAttentionKernel(flow.data(), flow.a(), flow.m());
    assertThat(k.sparseTypeCount()).isPositive();
    assertThat(k.denseTokenCount()).isPositive();
    Rhs current = (th, out) -> {
      k.forward(th);
      k.backward(th, out);
    };
    Rhs old = (th, out) -> {
      legacy.forward(th);
      legacy.backward(th, out);
    };
    double l0 = legacy.forward(theta0);
    double lEnd = legacy.forward(integrate(theta0, tEnd, old, new double[0], legacy::forward)
        .state().getPrimaryState());
    double[] levels = {l0 - 0.25 * (l0 - lEnd), l0 - 0.75 * (l0 - lEnd)};
    Run a = integrate(theta0, tEnd, current, levels, k::forward);
    Run b = integrate(theta0, tEnd, old, levels, legacy::forward);
    assertThat(b.events()).hasSize(2);
    assertThat(a.events()).hasSize(2);
    for (int e = 0; e < 2; e++) {
      assertThat(a.events().get(e)).isCloseTo(b.events().get(e),
          within(TRAJECTORY_BOUND * b.events().get(e)));
    }
    double[] x = a.state().getPrimaryState();
    double[] y = b.state().getPrimaryState();
    double scale = 0;
    for (double v : y) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < y.length; i++) {
      assertThat(x[i]).as("θ[%d]", i).isCloseTo(y[i], within(TRAJECTORY_BOUND * scale));
    }
  }

  private interface Rhs {
    void negativeGradient(double[] theta, double[] out);
  }

  private record Run(ODEStateAndDerivative state, List<Double> events) {}

  private static Run integrate(double[] theta0, double tEnd, Rhs rhs, double[] lossLevels,
      ToDoubleFunction<double[]> loss) {
    OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
      @Override
      public int getDimension() {
        return theta0.length;
      }

      @Override
      public double[] computeDerivatives(double t, double[] y) {
        double[] dy = new double[y.length];
        rhs.negativeGradient(y, dy);
        return dy;
      }
    };
    DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, tEnd, 1e-12, 1e-10);
    List<Double> events = new ArrayList<>();
    for (double level : lossLevels) {
      dp.addEventDetector(new LossLevel(level, loss).withMaxCheck(tEnd / 50).withThreshold(1e-14)
          .withHandler((s, det, increasing) -> {
            events.add(s.getTime());
            return Action.CONTINUE;
          }));
    }
    ODEStateAndDerivative end = dp.integrate(ode, new ODEState(0.0, theta0.clone()), tEnd);
    events.sort(null);
    return new Run(end, events);
  }

  /** g = L̂(θ) − level, with the loss of the kernel under test. */
  private static final class LossLevel extends AbstractODEDetector<LossLevel> {
    private final double level;
    private final ToDoubleFunction<double[]> loss;

    LossLevel(double level, ToDoubleFunction<double[]> loss) {
      this(AdaptableInterval.of(DEFAULT_MAX_CHECK), DEFAULT_MAX_ITER,
          new BracketingNthOrderBrentSolver(0, DEFAULT_THRESHOLD, 0, 5),
          (s, d, inc) -> Action.CONTINUE, level, loss);
    }

    private LossLevel(AdaptableInterval maxCheck, int maxIter,
        BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler, double level,
        ToDoubleFunction<double[]> loss) {
      super(maxCheck, maxIter, solver, handler);
      this.level = level;
      this.loss = loss;
    }

    @Override
    protected LossLevel create(AdaptableInterval maxCheck, int maxIter,
        BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
      return new LossLevel(maxCheck, maxIter, solver, handler, level, loss);
    }

    @Override
    public double g(ODEStateAndDerivative s) {
      return loss.applyAsDouble(s.getPrimaryState()) - level;
    }
  }
}
