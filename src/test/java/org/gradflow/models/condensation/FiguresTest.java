package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.TestSpecs;
import org.gradflow.integrate.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

  @Test
  void stageFiguresAreWrittenForARunThroughAllThreeStages(@TempDir Path dir) throws Exception {
    RunResult r = TestSpecs.run(Instances.small("identity", 1e-2), "integrator.grid.linear=200");
    assertThat(r.firstEvent(CondensationEvents.FURTHER)).isNotNull();
    List<String> md = r.system().artifacts().write(r, dir);
    assertThat(md).anyMatch(l -> l.contains("plots/stages.png")).anyMatch(l -> l.contains("plots/stages-zoom.png"))
        .anyMatch(l -> l.startsWith("*Stages:*") && l.contains("ESCAPE, KQ_ACTIVE, FURTHER"));
    for (String f : List.of("stages", "stages-zoom", "cos-outer-1-escape", "cos-attn-2-kq-active", "cos-attn-3-final")) {
      // default formats: PNG for the report, PDF for papers
      assertThat(Files.size(dir.resolve("plots").resolve(f + ".png"))).isGreaterThan(1000);
      assertThat(Files.size(dir.resolve("plots").resolve(f + ".pdf"))).isGreaterThan(1000);
    }
  }

  @Test
  void similarityRowsAreOrderedByTheLeadingEigenvector() {
    double[][] rows = {{1, 0}, {-1, 0.1}, {1, 0.2}, {-1, 0}};
    double[][] c = CondensationFigures.similarity(rows);
    // after reordering, the two +x rows and the two −x rows form contiguous ±1 blocks
    assertThat(c[0][1]).isGreaterThan(0.9);
    assertThat(c[2][3]).isGreaterThan(0.9);
    assertThat(c[1][2]).isLessThan(-0.9);
  }
}
