package org.gradflow.models.condensation;

import org.gradflow.TestSpecs;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/** Small specs shared by the tests. */
final class Instances {
  private Instances() {}

  static String small(String activation, double eps) {
    return "{'model': 'condensation', 'params': {'activation': '" + activation + "'},"
        + " 'data': {'generator': {'n': 16, 's': 4, 'd': 4, 'tokenScale': 0.25, 'labels': 'teacher', 'teacherStrength': 10, 'seed': 1}},"
        + " 'init': {'epsilon': " + eps + ", 'seed': 7},"
        + " 'integrator': {'rtol': 1e-10, 'atol': {'relativeToInitial': 1e-12}, 'tEnd': " + (40 / eps + 2000) + "}}";
  }

  static FlowSystem build(String json, String... overrides) {
    SystemSpec s = TestSpecs.spec(json, overrides);
    return ModelRegistry.build(s);
  }
}
