package org.gradflow.models.cooccurrence;

/**
 * One fully specified co-occurrence system: data, fixed output weights a, width m, initial
 * state θ0, and how θ0 was made (preset label and scales, for reports; NaN when explicit).
 */
public record Instance(
    CooccurrenceData data, double[] a, int m, double[] theta0, String init, double sigma0,
    double sigma1) {

  public int m1() {
    return a.length;
  }

  public CooccurrenceFlow flow() {
    return new CooccurrenceFlow(data, a, m);
  }

  /** A seeded instance from the generator and a preset (a test and benchmark convenience). */
  public static Instance generate(int n, int len, int d, int m, int m1,
      DataGenerator.RandomWords words, InitPreset preset, double sigma0, double sigma1,
      long dataSeed, long initSeed) {
    CooccurrenceData data = DataGenerator.generate(n, len, d, words, true, dataSeed);
    double s0 = preset == InitPreset.FREE ? sigma0 : preset.sigma0(len, d, m);
    double s1 = preset == InitPreset.FREE ? sigma1 : preset.sigma1(m, m1);
    var rng = new java.util.SplittableRandom(initSeed);
    double[] a = Initializer.signs(m1, rng);
    double[] theta0 = Initializer.weights(m1, m, d, s0, s1, preset.uniform(), rng);
    return new Instance(data, a, m, theta0, preset.label(), s0, s1);
  }
}
