package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.models.RunResult;
import org.junit.jupiter.api.Test;

/** Spec §8: a fixed atol swamps blocks of size ε; the ε-scaled per-block atol keeps their digits. */
class ToleranceTest {

  @Test
  void fixedAbsoluteToleranceIsFlaggedForTinyBlocksButTheRelativeOneIsNot() {
    String spec = Instances.small("identity", 1e-11);
    RunResult fixed = TestSpecs.run(spec, "integrator.tEnd=10", "integrator.atol=1e-10");
    assertThat(fixed.warnings()).anyMatch(w -> w.contains("W_Q") && w.contains("below its absolute tolerance"));
    RunResult scaled = TestSpecs.run(spec, "integrator.tEnd=10");
    assertThat(scaled.warnings()).noneMatch(w -> w.contains("below its absolute tolerance"));
  }
}
