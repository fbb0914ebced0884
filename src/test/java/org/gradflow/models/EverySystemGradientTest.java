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
  static Stream<Path> systems() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("systems"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void analyticGradientAgreesWithDifferences(Path file) {
    SystemSpec spec = SpecLoader.load(file, List.of());
    FlowSystem system = ModelRegistry.build(spec);
    double[] theta = system.initialState();
    Map<String, Double> fd = GradientCheck.centralDifferences(system.flow(), theta, 40);
    assertThat(fd).as(file + " central differences").allSatisfy((block, err) -> assertThat(err).as(block).isLessThan(1e-6));
    if (theta.length <= 400) {
      Map<String, Double> ad = GradientCheck.automatic(system.flow(), theta);
      assertThat(ad).as(file + " AD").allSatisfy((block, err) -> assertThat(err).as(block).isLessThan(1e-10));
    }
  }
}
