package org.gradflow.models.cooccurrence;

import java.util.SplittableRandom;

/**
 * Samples a training set by Def. 2.1, seeded. Types are drawn either with the exact fractions of
 * Assumption 2.3(i) (n/2, n/6, n/6, n/6; n divisible by 6) or i.i.d. with probabilities
 * (1/2, 1/6, 1/6, 1/6). Random words are either all distinct over the whole set (Assumption
 * 2.3(ii), the "theory" mode; needs d ≥ 3 + number of random slots) or drawn uniformly with
 * replacement from µ4..µd (the paper's experiment, d = 64).
 */
public final class DataGenerator {

  /** How random (irrelevant) words are chosen. */
  public enum RandomWords { UNIQUE, REPLACEMENT }

  private DataGenerator() {}

  /** Number of random-token slots when types are exact: n[(L−3)/2 + (L−2)/3 + (L−1)/6]. */
  public static int randomSlotsExact(int n, int len) {
    return n / 2 * (len - 3) + 2 * (n / 6) * (len - 2) + n / 6 * (len - 1);
  }

  public static CooccurrenceData generate(int n, int len, int d, RandomWords words,
      boolean exactFractions, long seed) {
    if (len < 3) {
      throw new IllegalArgumentException("L must be at least 3, got " + len);
    }
    if (d < 4) {
      throw new IllegalArgumentException("d must be at least 4 (µ1, µ2, µ3 and one random word), got " + d);
    }
    if (exactFractions && n % 6 != 0) {
      throw new IllegalArgumentException("exact type fractions need n divisible by 6, got n = " + n);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      if (exactFractions) {
        types[i] = i < n / 2 ? 1 : i < n / 2 + n / 6 ? 2 : i < n / 2 + n / 3 ? 3 : 4;
      } else {
        int k = rng.nextInt(6);
        types[i] = k < 3 ? 1 : k - 1;
      }
    }
    int slots = 0;
    for (int t : types) {
      slots += len - (t == 1 ? 3 : t == 4 ? 1 : 2);
    }
    int need = CooccurrenceData.FIRST_RANDOM + slots;
    if (words == RandomWords.UNIQUE && d < need) {
      throw new IllegalArgumentException("unique random words need d ≥ 3 + " + slots + " = "
          + need + " (Assumption 2.3(ii)), got d = " + d);
    }
    int[][] tokens = new int[n][len];
    int[] labels = new int[n];
    int nextWord = CooccurrenceData.FIRST_RANDOM;
    for (int i = 0; i < n; i++) {
      int[] seq = tokens[i];
      java.util.Arrays.fill(seq, -1);
      seq[rng.nextInt(len)] = CooccurrenceData.MU3;
      if (types[i] == 1 || types[i] == 2) {
        seq[freePosition(seq, rng)] = CooccurrenceData.MU1;
      }
      if (types[i] == 1 || types[i] == 3) {
        seq[freePosition(seq, rng)] = CooccurrenceData.MU2;
      }
      for (int p = 0; p < len; p++) {
        if (seq[p] < 0) {
          seq[p] = words == RandomWords.UNIQUE ? nextWord++
              : CooccurrenceData.FIRST_RANDOM + rng.nextInt(d - CooccurrenceData.FIRST_RANDOM);
        }
      }
      labels[i] = types[i] == 1 ? 1 : -1;
    }
    return new CooccurrenceData(tokens, labels, d);
  }

  /** A uniformly random still-empty position (rejection sampling over [L]). */
  private static int freePosition(int[] seq, SplittableRandom rng) {
    while (true) {
      int p = rng.nextInt(seq.length);
      if (seq[p] < 0) {
        return p;
      }
    }
  }
}
