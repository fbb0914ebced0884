package org.gradflow.models;

import java.util.SplittableRandom;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.BlockReader;
import org.gradflow.spec.SpecSection;

/**
 * The generic initializations every family accepts in its {@code init} section:
 * {@code {"explicit": {<block>: ...}}} (blocks by name) or
 * {@code {"gaussian": {"scale": s, "seed": k}}} (i.i.d. N(0, s²) in layout order, seeded).
 * Families with paper-specific schemes read those first and fall back to this.
 */
public final class InitialState {
  private InitialState() {}

  public static double[] read(SpecSection init, ParameterLayout layout) {
    if (!init.isPresent()) {
      throw init.error("missing: give {\"explicit\": {blocks by name}} or {\"gaussian\": {\"scale\", \"seed\"}}");
    }
    if (init.has("explicit")) {
      return BlockReader.read(init.child("explicit"), layout);
    }
    if (init.has("gaussian")) {
      SpecSection g = init.child("gaussian");
      double scale = g.number("scale");
      if (!(scale >= 0)) {
        throw g.error("scale", "must be >= 0, got " + scale);
      }
      return gaussian(layout.dimension(), scale, g.integer("seed", 0));
    }
    init.requireKnownFields(); // a misspelt name gets its did-you-mean
    throw init.error("expected \"explicit\" or \"gaussian\", got " + init.fieldNames());
  }

  /** n i.i.d. N(0, scale²) draws from a seeded generator (reproducible across machines). */
  public static double[] gaussian(int n, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * normal(rng);
    }
    return v;
  }

  /** Box–Muller on a SplittableRandom: fully determined by the seed. */
  public static double normal(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }
}
