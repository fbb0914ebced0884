package org.gradflow.models.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-hot kernel's −∇L̂ against central differences and against AD of the generic loss. */
class GradientTest {

  static Stream<Instance> instances() {
    return Stream.of(
        // unique random words (Assumption 2.3), visibly non-uniform attention
        Instance.generate(6, 4, 13, 4, 3, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
            0.6, 0.5, 1, 2),
        // words with replacement in a tiny vocabulary: tokens repeat inside samples
        Instance.generate(12, 5, 5, 3, 4, DataGenerator.RandomWords.REPLACEMENT, InitPreset.FREE,
            0.8, 0.7, 3, 4),
        Instances.explicitWithRepeats(),
        // d = 40: the random words' scores are dot products, the signal tokens' dense sweeps
        sparseAndDense());
  }

  static Instance sparseAndDense() {
    return Instance.generate(12, 4, 40, 5, 3, DataGenerator.RandomWords.UNIQUE, InitPreset.FREE,
        0.6, 0.5, 1, 2);
  }

  @Test
  void someInstanceTakesBothScorePaths() {
    Instance inst = sparseAndDense();
    AttentionKernel k = new AttentionKernel(inst.data(), inst.a(), inst.m());
    assertThat(k.sparseTypeCount()).isPositive();
    assertThat(k.denseTokenCount()).isPositive();
  }

  @ParameterizedTest
  @MethodSource("instances")
  void matchesAutomaticDifferentiation(Instance inst) {
    CooccurrenceFlow flow = inst.flow();
    double[] theta = inst.theta0();
    double[] out = new double[theta.length];
    double loss = flow.negativeGradient(theta, out);

    int dim = theta.length;
    Gradient[] vars = new Gradient[dim];
    for (int i = 0; i < dim; i++) {
      vars[i] = Gradient.variable(dim, i, theta[i]);
    }
    Gradient ad = flow.loss(vars);
    assertThat(loss).isCloseTo(ad.getValue(), org.assertj.core.data.Offset.offset(1e-14));
    double scale = 0;
    for (double v : out) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).isGreaterThan(1e-3);
    for (int i = 0; i < dim; i++) {
      double err = Math.abs(out[i] + ad.getGradient()[i]);
      assertThat(err).as("entry %s", flow.layout().describe(i)).isLessThanOrEqualTo(1e-12 * scale);
    }
  }

  @ParameterizedTest
  @MethodSource("instances")
  void matchesCentralDifferences(Instance inst) {
    CooccurrenceFlow flow = inst.flow();
    double[] theta = inst.theta0().clone();
    double[] out = new double[theta.length];
    flow.negativeGradient(theta, out);
    double h = 1e-5;
    double worst = 0;
    for (int i = 0; i < theta.length; i++) {
      double keep = theta[i];
      theta[i] = keep + h;
      double plus = flow.loss(theta);
      theta[i] = keep - h;
      double minus = flow.loss(theta);
      theta[i] = keep;
      double fd = (plus - minus) / (2 * h);
      double err = Math.abs(-out[i] - fd) / Math.max(1e-3, Math.abs(fd));
      worst = Math.max(worst, err);
    }
    assertThat(worst).isLessThan(1e-6);
  }

  @Test
  void genericLossOverBinary64EqualsDoubleLoss() {
    Instance inst = instances().findFirst().orElseThrow();
    CooccurrenceFlow flow = inst.flow();
    Binary64[] x = new Binary64[inst.theta0().length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new Binary64(inst.theta0()[i]);
    }
    assertThat(flow.loss(x).getReal()).isCloseTo(flow.loss(inst.theta0()),
        org.assertj.core.data.Offset.offset(1e-14));
  }

  @Test
  void hotPathDoesNotAllocate() {
    Instance inst = Instance.generate(60, 5, 64, 32, 16, DataGenerator.RandomWords.REPLACEMENT,
        InitPreset.AS_R, 0, 0, 1, 2);
    CooccurrenceFlow flow = inst.flow();
    double[] out = new double[inst.theta0().length];
    var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    for (int k = 0; k < 2000; k++) {
      flow.negativeGradient(inst.theta0(), out); // warm up: let the JIT settle
    }
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    for (int k = 0; k < 1000; k++) {
      flow.negativeGradient(inst.theta0(), out);
    }
    long allocated = bean.getThreadAllocatedBytes(id) - before;
    assertThat(allocated).as("bytes allocated by 1000 RHS calls").isLessThan(4096);
  }

  @Test
  void unusedVocabularyColumnsHaveZeroVelocity() {
    Instance inst = Instance.generate(6, 4, 30, 4, 3, DataGenerator.RandomWords.UNIQUE,
        InitPreset.FREE, 0.6, 0.5, 1, 2);
    CooccurrenceFlow flow = inst.flow();
    double[] out = new double[inst.theta0().length];
    java.util.Arrays.fill(out, Double.NaN);
    flow.negativeGradient(inst.theta0(), out);
    boolean[] used = inst.data().usedTokens();
    var layout = flow.layout();
    for (String block : new String[] {"W_V", "W_K", "W_Q"}) {
      var b = layout.block(block);
      for (int r = 0; r < b.rows(); r++) {
        for (int c = 0; c < b.cols(); c++) {
          double v = out[b.index(r, c)];
          if (!used[c]) {
            assertThat(v).isEqualTo(0.0);
          } else {
            assertThat(v).isFinite();
          }
        }
      }
    }
  }

  static double[] randomDirection(int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }
}
