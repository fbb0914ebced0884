package org.gradflow.models.condensation;

import java.util.SplittableRandom;
import org.gradflow.models.InitialState;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;

/**
 * A binary version of the paper's synthetic anchor-function task (§5.1): a fixed random
 * embedding (scale α) of a vocabulary whose tokens 0–3 are anchors and the rest keys; each
 * sequence holds one anchor a in the first s − 1 positions, followed by a key k; the label is
 * +1 if k + (a mod 2) is even, else −1 — so anchors {0, 2} and {1, 3} are synonyms and the label
 * depends on which key follows the anchor, something only attention can find.
 */
final class AnchorTask {
  static final int ANCHORS = 4;

  private AnchorTask() {}

  static CondensationData generate(SpecSection g, int n, int s, int d, double alpha) {
    int vocab = g.integer("vocabulary", 100);
    if (vocab < ANCHORS + 2) {
      throw g.error("vocabulary", "needs at least " + (ANCHORS + 2) + " tokens, got " + vocab);
    }
    Sizes.array(g, "vocabulary", "the embedding table (vocabulary·d)", Sizes.product(vocab, d), 8);
    if (s < 2) {
      throw g.error("s", "the anchor task needs s ≥ 2 (an anchor and the key after it)");
    }
    SplittableRandom rng = new SplittableRandom(g.integer("seed", 0));
    double[][] embed = new double[vocab][d];
    for (double[] row : embed) {
      for (int b = 0; b < d; b++) {
        row[b] = alpha * InitialState.normal(rng);
      }
    }
    double[] x = new double[n * s * d];
    double[] y = new double[n];
    int keys = vocab - ANCHORS;
    for (int i = 0; i < n; i++) {
      int anchor = rng.nextInt(ANCHORS);
      int pos = rng.nextInt(s - 1);
      int[] tokens = new int[s];
      for (int j = 0; j < s; j++) {
        tokens[j] = ANCHORS + rng.nextInt(keys);
      }
      tokens[pos] = anchor;
      y[i] = (tokens[pos + 1] + anchor % 2) % 2 == 0 ? 1 : -1;
      for (int j = 0; j < s; j++) {
        System.arraycopy(embed[tokens[j]], 0, x, (i * s + j) * d, d);
      }
    }
    return new CondensationData(n, s, d, x, y);
  }
}
