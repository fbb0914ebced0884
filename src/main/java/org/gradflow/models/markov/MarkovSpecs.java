package org.gradflow.models.markov;

import org.gradflow.spec.SpecSection;

/** Reading the parts of a system spec every Markov family shares. */
final class MarkovSpecs {
  private MarkovSpecs() {}

  /** {@code data: {"p": .., "q": ..}}: the switching probabilities; errors name the field. */
  static MarkovSource source(SpecSection data) {
    if (!data.isPresent()) {
      throw data.error("missing: give {\"p\": P(1|0), \"q\": P(0|1)}");
    }
    data.allowOnly("p", "q");
    double p = data.number("p");
    double q = data.number("q");
    if (!(p > 0 && p < 1)) {
      throw data.error("p", "must lie in (0,1), got " + p);
    }
    if (!(q > 0 && q < 1)) {
      throw data.error("q", "must lie in (0,1), got " + q);
    }
    if (Math.abs(p + q - 1) < 1e-12) {
      throw data.error("q", "p + q = 1 is the degenerate iid source (unigram = bigram); excluded");
    }
    return new MarkovSource(data.decimal("p"), data.decimal("q"));
  }
}
