package org.gradflow.testmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gradflow.TestSpecs;
import org.gradflow.core.GradientCheck;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.junit.jupiter.api.Test;

/** The docs/new-model.md template: the guide shows this family verbatim, and it runs. */
class TinyMlpFamilyTest {
  static final String SPEC = "{'model': 'tiny-mlp', 'params': {'hidden': 3},"
      + " 'data': {'x': [[1, 0], [0, 1], [1, 1], [-1, 0.5]], 'y': [0.5, -0.3, 0.2, 0.4]},"
      + " 'init': {'gaussian': {'scale': 0.5, 'seed': 1}}, 'integrator': {'tEnd': 200}}";

  @Test
  void theGuideShowsThisFileVerbatim() throws Exception {
    String guide = Files.readString(Path.of("docs/new-model.md"));
    String source = Files.readString(Path.of("src/test/java/org/gradflow/testmodels/TinyMlpFamily.java"));
    String body = source.substring(source.indexOf("import java.util.List;"));
    assertThat(guide).contains(body.strip());
  }

  @Test
  void itsReverseAdGradientIsExactAndItsFlowFitsThePoints() {
    FlowSystem s = ModelRegistry.build(TestSpecs.spec(SPEC));
    assertThat(GradientCheck.centralDifferences(s.flow(), s.initialState(), 0).values())
        .allMatch(e -> e.resolved() && e.error() < 1e-8);
    assertThat(GradientCheck.automatic(s.flow(), s.initialState()).values()).allMatch(e -> e < 1e-13);
    RunResult r = TestSpecs.run(SPEC);
    assertThat(r.firstEvent("fitted")).isNotNull();
    assertThat(r.trajectory().last("loss")).isLessThan(1e-3);
  }
}
