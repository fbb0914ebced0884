package org.gradflow.models.markov;

import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code markov-rank-one}: the full model's GF on its invariant rank-one manifold (spec §3.11,
 * §6.4), five scalars in block-norm coordinates (see {@link RankOneFlow}). params: {@code N}
 * (sequence length, default 1); data: {@code {p, q}}; init: {@code {"natural": {"et", "ep",
 * "w1", "w2", "b"}}} (the paper's scalars) or generic explicit blocks. This flow has ReLU kinks where plain Dormand–Prince
 * stalls; {@link KinkRestartIntegrator} is the integrator that crosses and slides them.
 */
public final class RankOneFamily implements ModelFamily {

  @Override
  public String name() {
    return "markov-rank-one";
  }

  @Override
  public String summary() {
    return "Markov full model on its rank-one manifold: 5 scalars (e_t, e_p, w1, w2, b), ReLU kinks (spec §6.4)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    MarkovSource source = MarkovSpecs.source(spec.data());
    int n = spec.params().has("N") ? spec.params().positiveInteger("N") : 1;
    RankOneFlow flow = new RankOneFlow(source, n);
    SpecSection nat = spec.init().child("natural");
    if (!nat.isPresent() && !spec.init().has("explicit")) {
      throw spec.init().error("expected {\"natural\": {\"et\", \"ep\", \"w1\", \"w2\", \"b\"}} or explicit blocks");
    }
    double[] theta0 = nat.isPresent()
        ? flow.fromNatural(nat.number("et"), nat.number("ep"), nat.number("w1"), nat.number("w2"), nat.number("b"))
        : org.gradflow.models.InitialState.read(spec.init(), flow.layout());
    return new FlowSystem(flow, theta0, CanonicalFamily.events(0.05, 1e-6).subList(2, 3), null);
  }
}
