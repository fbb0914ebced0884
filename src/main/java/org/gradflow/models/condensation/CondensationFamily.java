package org.gradflow.models.condensation;

import org.gradflow.models.ExplicitInputs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SystemSpec;

/**
 * {@code condensation}: Chen &amp; Luo's Definition 3 (attention at the last position, FFN
 * act(Attn W1) W2, all five blocks trained, exponential or logistic loss) from θ(0) = ε·θ̄0,
 * with the §5 events built in and the paper's figures written after each run.
 */
public final class CondensationFamily implements ModelFamily {

  @Override
  public String name() {
    return "condensation";
  }

  @Override
  public String summary() {
    return "Chen & Luo one-head attention + FFN from ε·θ̄0: condensation (1/ε) then key–query rank collapse (ln 1/ε)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    CondensationSetup s = CondensationSetup.read(spec);
    CondensationFlow flow = new CondensationFlow(s.data(), s.activation(), s.loss());
    double[] theta0 = s.initialState();
    flow.setReference(theta0);
    // θ0 = ε·θ̄0 is exported as the explicit θ̄0 with ε = 1 (a product by 1 is exact)
    return new FlowSystem(flow, theta0, CondensationEvents.all(), new CondensationFigures())
        .withInputs(ExplicitInputs.data(ExplicitInputs.fields("explicit", s.data().explicit()))
            .withInitFields(ExplicitInputs.fields("epsilon", 1.0)));
  }
}
