package org.gradflow.models.cooccurrence;

import java.util.SplittableRandom;

/** Hand-written small instances for tests. */
final class Instances {
  private Instances() {}

  /** Explicit tokens where random words repeat inside a sample and across samples. */
  static Instance explicitWithRepeats() {
    int[][] tokens = {
      {0, 3, 1, 2, 3},
      {2, 0, 4, 4, 5},
      {1, 5, 2, 3, 3},
      {4, 2, 5, 5, 4},
      {0, 1, 2, 6, 6},
      {2, 6, 6, 6, 0},
    };
    int[] labels = {1, -1, -1, -1, 1, -1};
    CooccurrenceData data = new CooccurrenceData(tokens, labels, 7);
    SplittableRandom rng = new SplittableRandom(11);
    double[] a = Initializer.signs(3, rng);
    double[] theta0 = Initializer.weights(3, 4, 7, 0.7, 0.6, false, rng);
    return new Instance(data, a, 4, theta0, "explicit", 0.7, 0.6);
  }
}
