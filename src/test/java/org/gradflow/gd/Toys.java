package org.gradflow.gd;

import org.gradflow.TestSpecs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SystemSpec;

/** Small systems of the engine's toy families used by the gd tests. */
final class Toys {
  private Toys() {}

  /** Two-layer linear net, Σ 3×2, hidden 2 (dimension 10), small Gaussian start. */
  static final String LINEAR_NET = "{'name': 'linnet', 'model': 'linear-network',"
      + " 'params': {'target': [[2.0, 0.3], [0.1, 1.0], [-0.4, 0.5]], 'hidden': 2},"
      + " 'init': {'gaussian': {'scale': 0.3, 'seed': 7}},"
      + " 'integrator': {'rtol': 1e-12, 'atol': 1e-14, 'tEnd': 4}}";

  /** L = ½θᵀAθ − bᵀθ with a diagonal A. */
  static final String QUADRATIC = "{'name': 'quad', 'model': 'quadratic',"
      + " 'params': {'diagonal': [2.0, 0.5, 0.1], 'b': [1.0, -1.0, 0.5]},"
      + " 'init': {'explicit': {'theta': [0.0, 0.0, 0.0]}},"
      + " 'integrator': {'rtol': 1e-12, 'atol': 1e-14, 'tEnd': 5}}";

  static SystemSpec spec(String json, String... overrides) {
    return TestSpecs.spec(json, overrides);
  }

  static FlowSystem build(SystemSpec spec) {
    return ModelRegistry.build(spec);
  }
}
