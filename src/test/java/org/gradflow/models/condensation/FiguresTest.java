package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.TestSpecs;
import org.gradflow.models.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

  @Test
  void stageFiguresAreWrittenForARunThroughAllThreeStages(@TempDir Path dir) throws Exception {
    RunResult r = TestSpecs.run(Instances.small("identity", 1e-2), "integrator.grid.linear=200");
    assertThat(r.firstEvent(CondensationEvents.FURTHER)).isNotNull();
    List<String> md = r.system().artifacts().write(r, dir);
    assertThat(md).anyMatch(l -> l.contains("stages-effective-rank.png"));
    for (String f : List.of("stages-norm-change.png", "stages-effective-rank.png", "stages-effective-rank-zoom.png", "cos-outer-1-escape.png",
        "cos-attn-2-kq-active.png", "cos-attn-3-final.png")) {
      assertThat(Files.size(dir.resolve("plots").resolve(f))).isGreaterThan(1000);
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
