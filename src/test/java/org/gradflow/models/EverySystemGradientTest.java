package org.gradflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gradflow.core.GradientCheck;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gradflow check-gradient} on every system in systems/: the analytic gradient at θ0
 * agrees with central differences to 1e-6 relative on every block (sampled components for big
 * systems), and with AD where the dimension allows.
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
   * θ0, unless central differences cannot resolve the gradient there: at a tiny initialisation
   * (θ0 = ε·θ̄0) L = ℓ(0) − O(ε³) rounds to ℓ(0) and ulp(L)/h swamps ∂L/∂θ. Then the same system
   * is checked at θ0 rescaled to unit RMS.
   */
  static double[] resolvableState(FlowSystem system) {
    double[] theta = system.initialState();
    double[] g = GradientCheck.analytic(system.flow(), theta);
    // the smallest block scale decides: one block (e.g. attention at a tiny init) may be far
    // below the others and below the rounding floor while the rest is resolvable
    double gMax = Double.POSITIVE_INFINITY;
    for (var b : system.flow().layout().blocks()) {
      double blockMax = 0;
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        blockMax = Math.max(blockMax, Math.abs(g[i]));
      }
      gMax = Math.min(gMax, blockMax);
    }
    double rms = 0;
    for (int i = 0; i < theta.length; i++) {
      rms += theta[i] * theta[i] / theta.length;
    }
    double rounding = Math.ulp(Math.abs(system.flow().loss(theta))) / Math.cbrt(Math.ulp(1.0));
    if (rounding <= 1e-9 * gMax || rms == 0) {
      return theta;
    }
    // each block to unit RMS: blocks of very different initial scales (σ1 vs σ0) would otherwise
    // leave the small ones below the floor after a global rescale
    double[] out = theta.clone();
    for (var b : system.flow().layout().blocks()) {
      double brms = 0;
      for (int i = b.offset(); i < b.offset() + b.size(); i++) {
        brms += theta[i] * theta[i] / b.size();
      }
      double scale = brms > 0 ? 1 / Math.sqrt(brms) : 1 / Math.sqrt(rms);
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
    double[] theta = resolvableState(system);
    Map<String, GradientCheck.BlockError> fd = GradientCheck.centralDifferences(system.flow(), theta, 40);
    boolean ad = theta.length <= AD_LIMIT;
    assertThat(fd).as(file + " central differences").allSatisfy((block, e) -> {
      if (e.resolved()) {
        assertThat(e.error()).as(block).isLessThan(1e-6);
      } else {
        assertThat(ad).as(block + ": gradient below the differences' rounding floor and too big for AD").isTrue();
      }
    });
    if (ad) {
      Map<String, Double> errors = GradientCheck.automatic(system.flow(), theta);
      assertThat(errors).as(file + " AD").allSatisfy((block, err) -> assertThat(err).as(block).isLessThan(1e-10));
    }
  }
}
