package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;
import org.junit.jupiter.api.Test;

/** §3.7 escape from tiny e0 through the engine, and §3.5 starts beyond double precision. */
class TinyInitializationTest {

  private static RunResult run(String... overrides) {
    SystemSpec s = SpecLoader.load(Path.of("systems/markov-canonical-tiny.json"), List.of(overrides));
    return SystemRuns.run(s, ModelRegistry.build(s), Progress.NONE);
  }

  @Test
  void escapeTimeGrowsLikeLogOneOverE0WithThePredictedSlope() {
    double[] k = {8, 24, 40};
    double[] t = new double[k.length];
    for (int i = 0; i < k.length; i++) {
      RunResult r = run("init.explicit.e=1e-" + (int) k[i]);
      assertThat(r.warnings()).isEmpty();
      t[i] = r.firstEvent("escape").time();
    }
    double slope = (t[2] - t[0]) / ((k[2] - k[0]) * Math.log(10));
    double predicted = new ConvergenceRates(new MarkovSource(0.2, 0.3)).escapeSlope(0.05);
    assertThat(slope).isCloseTo(predicted, within(1e-3 * predicted));
    assertThat(t[1] - t[0]).isCloseTo(t[2] - t[1], within(1e-6));
  }

  @Test
  void aFixedAtolAboveTheStateIsWarnedAbout() {
    RunResult r = run("init.explicit.e=1e-30", "integrator.atol=1e-12", "integrator.tEnd=1");
    assertThat(r.warnings()).isNotEmpty();
  }

  @Test
  void doubleCannotTellTheSidesApartAtDelta1e16ButDfpCan() {
    SeparatrixStudy study = new SeparatrixStudy(new MarkovSource(0.2, 0.3));
    // 1e-12: both paths right
    assertThat(study.classify(Binary64Field.getInstance(), SeparatrixStudy.Mode.ORBIT, -2, -1,
        new Binary64(1e-12), 0.1, 1e-13, 50).basin()).isEqualTo(Basin.LOCAL);
    // 1e-16 below the separatrix: the double start rounds onto the global side
    assertThat(study.classify(Binary64Field.getInstance(), SeparatrixStudy.Mode.ORBIT, -2, -1,
        new Binary64(1e-16), 0.1, 1e-13, 50).basin()).isEqualTo(Basin.GLOBAL);
    DfpField f = new DfpField(25);
    assertThat(study.classify(f, SeparatrixStudy.Mode.ORBIT, -2, -1, f.newDfp("1e-16"), 0.1, 1e-20, 50)
        .basin()).isEqualTo(Basin.LOCAL);
  }
}
