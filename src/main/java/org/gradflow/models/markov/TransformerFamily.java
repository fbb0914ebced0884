package org.gradflow.models.markov;

import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code markov-transformer}: the single-layer transformer of spec §2 with the exact population
 * loss (2^N sequences). params: {@code d}, {@code N} (≤ 14 advised), {@code outputProjection}
 * (W_O, default true). data: {@code {p, q}}. init: {@code {"standard": {"seed"}}},
 * {@code {"good": {"seed"}}} (June-27 constants), {@code {"embedded": {"e", "w", "b",
 * "attentionScale", "seed"}}} (Φ of §3.11, W_V = 0), or the generic explicit/gaussian forms.
 */
public final class TransformerFamily implements ModelFamily {

  @Override
  public String name() {
    return "markov-transformer";
  }

  @Override
  public String summary() {
    return "Single-layer transformer on binary Markov data, exact population loss by enumeration (Makkuva et al. 2024 §2)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    SpecSection params = spec.params();
    int d = params.positiveInteger("d");
    int n = params.positiveInteger("N");
    Sizes.state(params, "d", Sizes.product(8, d, d)); // embeddings, attention and output blocks are O(d²)
    if (n > 16) {
      throw params.error("N", "exact enumeration of 2^N sequences needs N <= 16, got " + n);
    }
    boolean wo = params.bool("outputProjection", true);
    MarkovTransformer m = new MarkovTransformer(MarkovSpecs.source(spec.data()), d, n, wo);
    SpecSection init = spec.init();
    double[] theta0;
    if (init.has("standard")) {
      theta0 = TransformerEmbedding.standard(m, init.child("standard").integer("seed", 0));
    } else if (init.has("good")) {
      theta0 = TransformerEmbedding.good(m, init.child("good").integer("seed", 0));
    } else if (init.has("embedded")) {
      SpecSection e = init.child("embedded");
      theta0 = TransformerEmbedding.phi(m, e.number("e"), e.number("w"), e.number("b", 0),
          e.number("attentionScale", 0.02), e.integer("seed", 0));
    } else {
      theta0 = InitialState.read(init, m.layout());
    }
    double threshold = params.number("basinThreshold", 1e-6);
    return new FlowSystem(m, theta0, java.util.List.of(
        org.gradflow.spec.EventSpec.of("basin-global", "gapToEntropyRate", threshold,
            org.gradflow.spec.EventSpec.Direction.DOWN, false, "loss within basinThreshold of the entropy rate"),
        org.gradflow.spec.EventSpec.of("near-unigram", "gapToUnigram", threshold,
            org.gradflow.spec.EventSpec.Direction.DOWN, false, "loss within basinThreshold above the unigram entropy")),
        null);
  }
}
