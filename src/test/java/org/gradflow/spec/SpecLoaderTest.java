package org.gradflow.spec;

import org.gradflow.integrate.Direction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradflow.TestSpecs;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
  static final String BASE = "{'model': 'quadratic', 'params': {'diagonal': [1, 2]}, 'init': {'gaussian': {'scale': 1}},"
      + " 'integrator': {'tEnd': 5}, 'events': [{'observable': 'loss', 'threshold': 0.1}]}";

  @Test
  void overridesReachNestedFieldsListsAndCreateMissingObjects() {
    SystemSpec s = TestSpecs.spec(BASE, "integrator.rtol=1e-12", "integrator.grid.log=7", "events.0.threshold=0.5",
        "params.diagonal=[3, 4, 5]", "name=renamed", "integrator.method=dp54");
    assertThat(s.integrator().rtol()).isEqualTo(1e-12);
    assertThat(s.integrator().grid().log()).isEqualTo(7);
    assertThat(s.events().get(0).threshold()).isEqualTo(0.5);
    assertThat(s.params().child("diagonal").vector(3)).containsExactly(3, 4, 5);
    assertThat(s.name()).isEqualTo("renamed");
    assertThat(s.integrator().method()).isEqualTo("DP54");
  }

  @Test
  void defaultsAreExplicitAndRequiredFieldsAreRequired() {
    SystemSpec s = TestSpecs.spec(BASE);
    assertThat(s.integrator().method()).isEqualTo("DP853");
    assertThat(s.integrator().rtol()).isEqualTo(1e-10);
    assertThat(s.events().get(0).directionKind()).isEqualTo(Direction.EITHER);
    assertThatThrownBy(() -> TestSpecs.spec(BASE.replace("'threshold': 0.1", "'direction': 'up'")))
        .isInstanceOf(SpecException.class).hasMessageContaining("events[0]").hasMessageContaining("threshold");
    assertThatThrownBy(() -> TestSpecs.spec(BASE, "events.3.threshold=1"))
        .isInstanceOf(SpecException.class).hasMessageContaining("past the end");
  }

  @Test
  void highPrecisionRequiresDp853() {
    assertThatThrownBy(() -> TestSpecs.spec(BASE, "integrator.digits=40", "integrator.method=DP54"))
        .isInstanceOf(SpecException.class).hasMessageContaining("DP853 only");
  }

  @Test
  void eventCheckIntervalGrowsWithTimeOnlyWhenAFractionIsGiven() {
    var fixed = options(TestSpecs.spec(BASE));
    assertThat(fixed.eventCheckIntervalAt(0)).isEqualTo(5 / 2000.0);
    assertThat(fixed.eventCheckIntervalAt(4)).isEqualTo(5 / 2000.0);
    var relative = options(TestSpecs.spec(BASE, "integrator.eventCheckInterval=0.01",
        "integrator.eventCheckFraction=0.05"));
    assertThat(relative.eventCheckIntervalAt(0.1)).isEqualTo(0.01);
    assertThat(relative.eventCheckIntervalAt(4)).isEqualTo(0.2);
  }

  private static org.gradflow.integrate.SolveOptions options(SystemSpec s) {
    return org.gradflow.models.SystemRuns.options(s, org.gradflow.models.ModelRegistry.build(s));
  }
}
