package org.gradflow.models.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The restructured {@link AttentionKernel} against {@link LegacyAttentionKernel} at random states
 * and directions: loss, margins, attention, −∇L̂ and the margin JVP agree bit for bit (both form
 * every sum over the same terms in the same order), and so do whole DP853 trajectories.
 */
class KernelEquivalenceTest {

  static Stream<Instance> instances() {
    return Stream.of(
        Instance.generate(60, 5, 163, 16, 24, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
            0.3, 0.4, 1, 2),
        Instance.generate(60, 5, 64, 13, 8, DataGenerator.RandomWords.REPLACEMENT, InitPreset.FREE,
            0.5, 0.5, 3, 4),
        Instance.generate(6, 4, 13, 4, 3, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
            0.6, 0.5, 1, 2),
        Instances.explicitWithRepeats());
  }

  @ParameterizedTest
  @MethodSource("instances")
  void agreesBitForBitWithTheLegacyKernel(Instance inst) {
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
      assertThat(k.forward(theta)).isEqualTo(legacy.forward(theta));
      assertThat(k.margin).containsExactly(legacy.margin);
      assertThat(k.c).containsExactly(legacy.c);
      for (int i = 0; i < k.n; i++) {
        for (int h = 0; h < k.len; h++) {
          for (int l = 0; l < k.len; l++) {
            assertThat(k.attention(i, h, l)).isEqualTo(legacy.attention(i, h, l));
          }
        }
      }
      double[] out = new double[dim];
      double[] outLegacy = new double[dim];
      k.backward(theta, out);
      legacy.backward(theta, outLegacy);
      assertThat(out).containsExactly(outLegacy);
      double[] rates = new double[k.n];
      double[] ratesLegacy = new double[k.n];
      k.marginRates(theta, dir, rates);
      legacy.marginRates(theta, dir, ratesLegacy);
      assertThat(rates).containsExactly(ratesLegacy);
    }
  }

  /** DP853 at rtol 1e-10 on the small system: same final state, same number of evaluations. */
  @Test
  void integratesTheSmallSystemToTheSameState() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/cooccurrence-small.json"), List.of());
    CooccurrenceFlow flow = (CooccurrenceFlow) ModelRegistry.build(spec).flow();
    double[] theta0 = ModelRegistry.build(spec).initialState();
    AttentionKernel k = new AttentionKernel(flow.data(), flow.a(), flow.m());
    LegacyAttentionKernel legacy = new LegacyAttentionKernel(flow.data(), flow.a(), flow.m());
    int[] calls = new int[2];
    ODEStateAndDerivative current = integrate(theta0, spec.integrator().tEnd(), (th, out) -> {
      calls[0]++;
      k.forward(th);
      k.backward(th, out);
    });
    ODEStateAndDerivative old = integrate(theta0, spec.integrator().tEnd(), (th, out) -> {
      calls[1]++;
      legacy.forward(th);
      legacy.backward(th, out);
    });
    assertThat(calls[0]).isEqualTo(calls[1]).isGreaterThan(50);
    assertThat(current.getPrimaryState()).containsExactly(old.getPrimaryState());
  }

  private interface Rhs {
    void negativeGradient(double[] theta, double[] out);
  }

  private static ODEStateAndDerivative integrate(double[] theta0, double tEnd, Rhs rhs) {
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
    return new DormandPrince853Integrator(1e-12, tEnd, 1e-12, 1e-10)
        .integrate(ode, new ODEState(0.0, theta0.clone()), tEnd);
  }
}
