package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.TestSpecs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.junit.jupiter.api.Test;

class ExplicitInstanceTest {

  @Test
  void explicitDataAndInitReproduceTheGeneratedInstanceExactly() {
    FlowSystem generated = ModelRegistry.build(SpecLoader.load(Path.of("systems/condensation-small-identity.json"), List.of()));
    FlowSystem explicit = ModelRegistry.build(
        SpecLoader.load(Path.of("systems/condensation-small-identity-explicit.json"), List.of()));
    assertThat(explicit.initialState()).containsExactly(generated.initialState());
    double[] a = new double[generated.initialState().length];
    double[] b = new double[a.length];
    double[] th = org.gradflow.models.InitialState.gaussian(a.length, 0.5, 3);
    assertThat(explicit.flow().negativeGradient(th, b)).isEqualTo(generated.flow().negativeGradient(th, a));
    assertThat(b).containsExactly(a);
  }

  @Test
  void badInputNamesFileAndField() {
    assertThatThrownBy(() -> Instances.build(Instances.small("relu", 1e-2)))
        .isInstanceOf(SpecException.class).hasMessageContaining("params.activation");
    assertThatThrownBy(() -> Instances.build(Instances.small("tanh", 1e-2), "init.epsilon=-1"))
        .isInstanceOf(SpecException.class).hasMessageContaining("init.epsilon");
    assertThatThrownBy(() -> Instances.build(Instances.small("tanh", 1e-2), "data.generator.labels=\"x\""))
        .isInstanceOf(SpecException.class).hasMessageContaining("data.generator.labels");
    assertThatThrownBy(() -> ModelRegistry.build(TestSpecs.spec("{'model': 'condensation', 'data': {'explicit':"
        + " {'X': [[[1, 2]]], 'y': [0]}}, 'init': {'epsilon': 0.1, 'seed': 1}, 'integrator': {'tEnd': 1}}")))
        .isInstanceOf(SpecException.class).hasMessageContaining("data.explicit.y[0]");
  }
}
