package org.gradflow.models.cooccurrence;

import java.util.Arrays;

/**
 * A training set of Def. 2.1: n sequences of L one-hot tokens over a vocabulary of d words
 * (0-based ids: µ1 = 0, µ2 = 1, µ3 = 2, random words 3..d−1), labels ±1, and each sample's type
 * (1: µ1 and µ2, 2: only µ1, 3: only µ2, 4: neither) read off its tokens. A token may repeat
 * inside a sample (with-replacement data); its contributions then add up.
 */
public final class CooccurrenceData {
  public static final int MU1 = 0;
  public static final int MU2 = 1;
  public static final int MU3 = 2;
  public static final int FIRST_RANDOM = 3;

  private final int[][] tokens;
  private final int[] labels;
  private final int[] types;
  private final int d;

  public CooccurrenceData(int[][] tokens, int[] labels, int d) {
    if (tokens.length == 0 || tokens.length != labels.length) {
      throw new IllegalArgumentException("need n ≥ 1 samples with one label each, got "
          + tokens.length + " samples and " + labels.length + " labels");
    }
    int len = tokens[0].length;
    this.tokens = new int[tokens.length][];
    this.types = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].length != len) {
        throw new IllegalArgumentException("sample " + i + " has " + tokens[i].length
            + " tokens, sample 0 has " + len + " (all samples need the same L)");
      }
      for (int t : tokens[i]) {
        if (t < 0 || t >= d) {
          throw new IllegalArgumentException("sample " + i + " has token id " + t + " outside [0, " + d + ")");
        }
      }
      if (labels[i] != 1 && labels[i] != -1) {
        throw new IllegalArgumentException("label " + i + " must be +1 or -1, got " + labels[i]);
      }
      this.tokens[i] = tokens[i].clone();
      this.types[i] = typeOf(tokens[i]);
    }
    this.labels = labels.clone();
    this.d = d;
  }

  /** Type of a sequence by which targets it contains (Def. 2.1). */
  static int typeOf(int[] seq) {
    boolean has1 = false;
    boolean has2 = false;
    for (int t : seq) {
      has1 |= t == MU1;
      has2 |= t == MU2;
    }
    return has1 && has2 ? 1 : has1 ? 2 : has2 ? 3 : 4;
  }

  public int n() {
    return tokens.length;
  }

  public int length() {
    return tokens[0].length;
  }

  public int vocabulary() {
    return d;
  }

  public int token(int sample, int position) {
    return tokens[sample][position];
  }

  public int[] tokens(int sample) {
    return tokens[sample].clone();
  }

  public int label(int sample) {
    return labels[sample];
  }

  public int type(int sample) {
    return types[sample];
  }

  /** Number of samples of type k = 1..4. */
  public int count(int type) {
    int c = 0;
    for (int t : types) {
      c += t == type ? 1 : 0;
    }
    return c;
  }

  /** Which vocabulary columns occur anywhere in the data (only these evolve under the flow). */
  public boolean[] usedTokens() {
    boolean[] used = new boolean[d];
    for (int[] seq : tokens) {
      for (int t : seq) {
        used[t] = true;
      }
    }
    return used;
  }

  /** Checks of Def. 2.1 and Assumption 2.3 on this training set. */
  public Assumptions assumptions() {
    int n = n();
    boolean exact = n % 6 == 0 && count(1) == n / 2 && count(2) == n / 6 && count(3) == n / 6
        && count(4) == n / 6;
    int[] seen = new int[d];
    int repeatedRandom = 0;
    int randomSlots = 0;
    boolean labelsMatch = true;
    boolean commonEverywhere = true;
    boolean specialOnce = true;
    for (int i = 0; i < n; i++) {
      int[] special = new int[3];
      for (int t : tokens[i]) {
        if (t >= FIRST_RANDOM) {
          randomSlots++;
          if (seen[t]++ > 0) {
            repeatedRandom++;
          }
        } else {
          special[t]++;
        }
      }
      commonEverywhere &= special[MU3] >= 1;
      specialOnce &= special[0] <= 1 && special[1] <= 1 && special[2] <= 1;
      labelsMatch &= labels[i] == (types[i] == 1 ? 1 : -1);
    }
    return new Assumptions(exact, repeatedRandom == 0, randomSlots, repeatedRandom, labelsMatch,
        commonEverywhere, specialOnce);
  }

  /**
   * Def. 2.1 / Assumption 2.3 as measured: (i) exact type fractions 1/2, 1/6, 1/6, 1/6; (ii) every
   * random-token occurrence is a distinct word; labels +1 exactly for type 1; µ3 in every sample;
   * µ1, µ2, µ3 at most once per sample.
   */
  public record Assumptions(
      boolean exactFractions,
      boolean uniqueRandomWords,
      int randomSlots,
      int repeatedRandomOccurrences,
      boolean labelsMatchTypes,
      boolean commonTokenEverywhere,
      boolean specialTokensOnce) {

    public boolean holds() {
      return exactFractions && uniqueRandomWords && labelsMatchTypes && commonTokenEverywhere
          && specialTokensOnce;
    }

    @Override
    public String toString() {
      return "Assumption 2.3(i) exact fractions: " + exactFractions
          + "; 2.3(ii) unique random words: " + uniqueRandomWords + " (" + randomSlots
          + " random slots, " + repeatedRandomOccurrences + " repeats)"
          + "; labels match types: " + labelsMatchTypes
          + "; µ3 in every sample: " + commonTokenEverywhere
          + "; µ1..µ3 at most once per sample: " + specialTokensOnce;
    }
  }

  @Override
  public String toString() {
    return "CooccurrenceData(n=" + n() + ", L=" + length() + ", d=" + d + ", types="
        + Arrays.toString(new int[] {count(1), count(2), count(3), count(4)}) + ")";
  }
}
