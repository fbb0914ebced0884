package org.gradflow.core.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reverse mode against Hipparchus forward mode, rule by rule, at seeded random points: the
 * gradient agrees to 1e-14 relative (to the gradient's max norm) in double and 1e-35 in Dfp(40),
 * the value is the base field's own.
 */
class AdjointTest {
  static final int N = 4;
  static final DfpField DFP = new DfpField(40);

  static Stream<Arguments> cases() {
    return Expressions.RULES.stream().flatMap(r -> IntStream.range(0, 3).mapToObj(s -> Arguments.of(r, s)));
  }

  static Stream<Arguments> dfpCases() {
    return cases().filter(a -> !Expressions.DOUBLE_ONLY.contains((String) a.get()[0]));
  }

  static double[] point(String rule, int seed) {
    SplittableRandom rng = new SplittableRandom(rule.hashCode() * 31L + seed);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = (0.1 + 0.8 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("cases")
  void doubleGradientMatchesForwardMode(String rule, int seed) {
    double[] x = point(rule, seed);
    Gradient[] g = MathArrays.buildArray(GradientField.getField(N), N);
    for (int i = 0; i < N; i++) {
      g[i] = Gradient.variable(N, i, x[i]);
    }
    Gradient forward = Expressions.evaluate(rule, g);

    RealTape tape = Tape.real();
    Adjoint<Binary64> y = Expressions.evaluate(rule, tape.variables(x));
    double[] reverse = new double[N];
    tape.gradient(y, reverse);

    assertThat(y.getReal()).isCloseTo(forward.getValue(), org.assertj.core.api.Assertions.within(
        1e-15 * Math.abs(forward.getValue())));
    assertThat(relativeError(reverse, forward.getGradient())).as(rule).isLessThanOrEqualTo(1e-14);

    // the generic tape over Binary64 does the same arithmetic in the same order: bit-identical
    Tape<Binary64> generic = Tape.over(Binary64Field.getInstance());
    Binary64[] xb = new Binary64[N];
    for (int i = 0; i < N; i++) {
      xb[i] = new Binary64(x[i]);
    }
    Adjoint<Binary64> yg = Expressions.evaluate(rule, generic.variables(xb));
    assertThat(yg.getReal()).as("value is the base field's own").isEqualTo(Expressions.evaluate(rule, xb).getReal());
    assertThat(y.getReal()).isEqualTo(yg.getReal());
    Binary64[] gg = new Binary64[N];
    generic.gradient(yg, gg);
    for (int i = 0; i < N; i++) {
      assertThat(gg[i].getReal()).as(rule + " component " + i).isEqualTo(reverse[i]);
    }
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("dfpCases")
  void dfpGradientMatchesForwardMode(String rule, int seed) {
    double[] x = point(rule, seed);
    FieldGradientField<Dfp> gf = FieldGradientField.getField(DFP, N);
    FieldGradient<Dfp>[] g = MathArrays.buildArray(gf, N);
    Dfp[] xd = MathArrays.buildArray(DFP, N);
    for (int i = 0; i < N; i++) {
      xd[i] = DFP.newDfp(x[i]);
      g[i] = FieldGradient.variable(N, i, xd[i]);
    }
    FieldGradient<Dfp> forward = Expressions.evaluate(rule, g, true);

    Tape<Dfp> tape = Tape.over(DFP);
    Adjoint<Dfp> y = Expressions.evaluate(rule, tape.variables(xd));
    Dfp[] reverse = MathArrays.buildArray(DFP, N);
    tape.gradient(y, reverse);

    assertThat(y.value()).as("value is the base field's own").isEqualTo(Expressions.evaluate(rule, xd));
    assertThat(y.value().subtract(forward.getValue()).abs().toDouble())
        .isLessThanOrEqualTo(1e-35 * Math.max(1, forward.getValue().abs().toDouble()));
    Dfp scale = DFP.getZero();
    Dfp worst = DFP.getZero();
    for (int i = 0; i < N; i++) {
      Dfp ref = forward.getPartialDerivative(i);
      scale = scale.abs().greaterThan(ref.abs()) ? scale : ref.abs();
      Dfp diff = reverse[i].subtract(ref).abs();
      worst = worst.greaterThan(diff) ? worst : diff;
    }
    double rel = scale.isZero() ? worst.toDouble() : worst.divide(scale).toDouble();
    assertThat(rel).as(rule).isLessThanOrEqualTo(1e-35);
  }

  static double relativeError(double[] got, double[] ref) {
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      scale = Math.max(scale, Math.abs(ref[i]));
      worst = Math.max(worst, Math.abs(got[i] - ref[i]));
    }
    return scale == 0 ? worst : worst / scale;
  }
}
