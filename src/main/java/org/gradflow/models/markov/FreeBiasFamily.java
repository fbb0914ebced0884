package org.gradflow.models.markov;

import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code markov-fixed}: the three-parameter Markov-Fixed model (e, w, b) with a free bias
 * (spec §3.1, §3.9). data: {@code {p, q}}; init: {@code {"explicit": {"e", "w", "b"}}}, or
 * {@code {"explicit": {"e", "w"}, "bias": "optimal"}} to start at b*(e0, w0). Same built-in
 * basin events as the canonical family (saddle events and the energy-predicted limit excluded:
 * the 3-D flow does not conserve the energy).
 */
public final class FreeBiasFamily implements ModelFamily {

  @Override
  public String name() {
    return "markov-fixed";
  }

  @Override
  public String summary() {
    return "Markov canonical 3-D flow (e, w, b) with a free bias (the Markov-Fixed training model)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    MarkovSource source = MarkovSpecs.source(spec.data());
    FreeBiasFlow flow = new FreeBiasFlow(source);
    SpecSection init = spec.init();
    double[] theta0;
    if (init.has("bias")) {
      String bias = init.text("bias", "");
      if (!bias.equals("optimal")) {
        throw init.error("bias", "only \"optimal\" (b0 = b*(e0, w0)) is supported, got \"" + bias + "\"");
      }
      double[] ew = InitialState.read(init.without("bias"),
          new CanonicalFlow(source).layout());
      theta0 = new double[] {ew[0], ew[1], new CanonicalFlow(source).optimalBias(ew[0], ew[1])};
    } else {
      theta0 = InitialState.read(init, flow.layout());
    }
    double threshold = spec.params().number("basinThreshold", 1e-6);
    return new FlowSystem(flow, theta0, CanonicalFamily.events(0.05, threshold).subList(2, 4), null);
  }
}
