package org.gradflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gradflow.core.GradientCheck;
import org.gradflow.core.GradientFlow;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gradflow check-gradient} on every system in systems/: the analytic gradient at θ0
 * agrees with central differences to 1e-6 relative on every block (sampled components for big
 * systems), with forward-mode AD where the dimension allows, and with the reverse-mode sweep of
 * its generic loss on every system, every entry, to 1e-12 relative per block.
 */
class EverySystemGradientTest {
  /** AD is O(dim²): beyond this the comparison takes too long for a unit test. */
  static final int AD_LIMIT = 1500;

  static Stream<Path> systems() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("systems"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /**
   * θ0, unless central differences cannot resolve some block there and the system is too big
   * for AD to cover it: at a tiny initialisation (θ0 = ε·θ̄0) L = ℓ(0) − O(ε³) rounds to ℓ(0)
   * and ulp(L)/h swamps ∂L/∂θ. Then every block is rescaled to unit RMS (blocks of very
   * different initial scales, σ1 vs σ0, would stay unresolved under a global rescale). Staying
   * at θ0 whenever possible matters: a rescaled point can sit on a ReLU switching surface, where
   * differences are meaningless (seen: markov-transformer-good, one-sided slopes 3.12 vs 0.162).
   */
  static double[] checkedState(FlowSystem system) {
    double[] theta = system.initialState();
    if (theta.length <= AD_LIMIT) {
      return theta;
    }
    boolean unresolved = GradientCheck.centralDifferences(system.flow(), theta, 40).values().stream()
        .anyMatch(e -> e.scale() > 0 && !e.resolved());
    if (!unresolved) {
      return theta;
    }
    double rms = 0;
    for (double x : theta) {
      rms += x * x / theta.length;
    }
    double[] out = theta.clone();
    for (var b : system.flow().layout().blocks()) {
      double brms = 0;
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        brms += theta[i] * theta[i] / b.size();
      }
      double scale = brms > 0 ? 1 / Math.sqrt(brms) : (rms > 0 ? 1 / Math.sqrt(rms) : 1);
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        out[i] *= scale;
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void analyticGradientAgreesWithDifferencesAndAutomaticDifferentiation(Path file) {
    SystemSpec spec = SpecLoader.load(file, List.of());
    FlowSystem system = ModelRegistry.build(spec);
    double[] theta = checkedState(system);
    Map<String, GradientCheck.BlockError> fd = GradientCheck.centralDifferences(system.flow(), theta, 40);
    boolean ad = theta.length <= AD_LIMIT;
    assertThat(fd).as(file + " central differences").allSatisfy((block, e) -> {
      if (e.resolved()) {
        assertThat(e.error()).as(block).isLessThan(1e-6);
      } else {
        assertThat(ad).as(block + ": gradient below the differences' rounding floor and too big for AD").isTrue();
      }
    });
    if (GradientFlow.hasAnalyticGradient(system.flow())) {
      GradientCheck.Reverse reverse = GradientCheck.reverse(system.flow(), theta, Long.MAX_VALUE);
      assertThat(GradientCheck.againstReverse(system.flow(), theta, reverse.gradient())).as(file + " reverse AD")
          .allSatisfy((block, err) -> assertThat(err).as(block).isLessThanOrEqualTo(1e-12));
    }
    if (ad) {
      Map<String, Double> errors = GradientCheck.automatic(system.flow(), theta);
      assertThat(errors).as(file + " AD").allSatisfy((block, err) -> assertThat(err).as(block).isLessThan(1e-10));
    }
  }
}
