package org.gradflow.models.markov;

import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SystemSpec;

/**
 * {@code markov-attention}: the (e, w, a) candidate model of spec §3.10 (derived, speculative:
 * see {@link AttentionScalarFlow}). data: {@code {p, q}}; init: explicit blocks e, w, a.
 */
public final class AttentionScalarFamily implements ModelFamily {

  @Override
  public String name() {
    return "markov-attention";
  }

  @Override
  public String summary() {
    return "Markov (e, w, a) flow with an attention scalar: the spec's DERIVED candidate (N→∞, optimal bias), not the paper's formula";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    AttentionScalarFlow flow = new AttentionScalarFlow(MarkovSpecs.source(spec.data()));
    double threshold = spec.params().number("basinThreshold", 1e-6);
    return new FlowSystem(flow, InitialState.read(spec.init(), flow.layout()),
        CanonicalFamily.events(0.05, threshold).subList(2, 4), null);
  }
}
