package org.gradflow.models.condensation;

import java.util.List;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.InitialState;
import org.gradflow.spec.BlockReader;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * What the full model and its two reduced systems share in a spec: params (activation, loss),
 * data (generator or explicit X, y), and init θ(0) = ε·θ̄0 with θ̄0 either i.i.d. N(0,1) from a
 * seed (in layout order W_Q, W_K, W_V, W1, W2) or explicit blocks by name. The reduced systems
 * take their blocks out of the same θ̄0, so one spec serves all three models.
 */
record CondensationSetup(
    CondensationData data, Activation activation, LossKind loss, double epsilon, double[] thetaBar0,
    ParameterLayout layout) {

  static CondensationSetup read(SystemSpec spec) {
    SpecSection p = spec.params();
    if (p.isPresent()) {
      p.allowOnly("activation", "loss", "force");
    }
    Activation act = Activation.read(p);
    LossKind loss = LossKind.read(p);
    CondensationData data = CondensationData.read(spec.data());
    ParameterLayout layout = CondensationFlow.layout(data.d);
    SpecSection init = spec.init();
    if (!init.isPresent()) {
      throw init.error("missing: give {\"epsilon\": ε, \"seed\": k} or {\"epsilon\": ε, \"explicit\": {θ̄0 blocks}}");
    }
    init.allowOnly("epsilon", "seed", "explicit");
    double eps = init.number("epsilon");
    if (!(eps > 0)) {
      throw init.error("epsilon", "must be positive, got " + eps);
    }
    double[] bar = init.has("explicit")
        ? BlockReader.read(init.child("explicit"), layout)
        : InitialState.gaussian(layout.dimension(), 1.0, init.integer("seed", 0));
    return new CondensationSetup(data, act, loss, eps, bar, layout);
  }

  double[] initialState() {
    double[] t = thetaBar0.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] *= epsilon;
    }
    return t;
  }

  /** θ̄0 of one block, copied. */
  double[] barBlock(String name) {
    ParameterLayout.Block b = layout.block(name);
    double[] out = new double[b.size()];
    System.arraycopy(thetaBar0, b.offset(), out, 0, b.size());
    return out;
  }
}
