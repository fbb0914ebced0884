package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.ode.FieldEquationsMapper;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.interpolators.DormandPrince853FieldStateInterpolator;
import org.hipparchus.ode.sampling.FieldODEStateInterpolator;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;

/**
 * The engine's field DP853 dense output against Hipparchus's: with Hipparchus's own weights it is
 * bit-identical (the mirror changes only where the weights come from); with exact weights it
 * differs only from the 17th digit, where Hipparchus's four double-literal weights are wrong.
 */
class FieldDormandPrince853InterpolatorTest {
  private static final DfpField FIELD = new DfpField(40);
  private static final int DIM = 3;

  @Test
  void withHipparchusWeightsTheMirrorIsBitIdentical() {
    Step s = randomStep(7);
    FieldODEStateInterpolator<Dfp> stock = new DormandPrince853FieldStateInterpolator<>(FIELD, true, s.yDotK,
        s.start, s.end, s.start, s.end, s.mapper);
    FieldODEStateInterpolator<Dfp> mirror = new FieldDormandPrince853Interpolator<>(FIELD, true, s.yDotK,
        s.start, s.end, s.start, s.end, s.mapper, FieldDormandPrince853Interpolator.weights(FIELD, false));
    // twice over the times: the second pass is answered from the mirror's per-step memo
    for (double theta : new double[] {0, 0.1, 0.37, 0.5, 0.5000001, 0.83, 1, 0, 0.1, 0.37, 0.5, 0.5000001, 0.83, 1}) {
      Dfp t = s.start.getTime().add(s.h.multiply(theta));
      FieldODEStateAndDerivative<Dfp> a = stock.getInterpolatedState(t);
      FieldODEStateAndDerivative<Dfp> b = mirror.getInterpolatedState(t);
      for (int i = 0; i < DIM; i++) {
        assertThat(b.getPrimaryState()[i].equals(a.getPrimaryState()[i])).as("state %d at θ=%s", i, theta).isTrue();
        assertThat(b.getPrimaryDerivative()[i].equals(a.getPrimaryDerivative()[i])).isTrue();
      }
    }
  }

  @Test
  void exactWeightsAreTheExactQuotientsOfHipparchusTable() {
    Dfp[][] exact = FieldDormandPrince853Interpolator.weights(FIELD, true);
    Dfp[][] hipparchus = FieldDormandPrince853Interpolator.weights(FIELD, false);
    // two entries against 50-digit decimal quotients (Python's decimal module)
    assertThat(relative(exact[0][8], "0.31116436695781989440891606236975861760688210650129")).isLessThan(1e-38);
    assertThat(relative(exact[3][8], "2.11703458244502827671551499469584056959400631")).isLessThan(1e-38);
    // Hipparchus's table is the same tableau: it differs only beyond double precision
    // (its double literals above 2^53, and Dfp's conversion of large doubles)
    for (int r = 0; r < 7; r++) {
      for (int i = 0; i < 16; i++) {
        Dfp diff = exact[r][i].subtract(hipparchus[r][i]).abs();
        assertThat(diff.toDouble()).as("d[%d][%d]", r, i).isLessThanOrEqualTo(1e-15 * Math.abs(exact[r][i].toDouble()));
      }
    }
    assertThat(exact[3][8].subtract(hipparchus[3][8]).abs().toDouble()).isGreaterThan(1e-18);
  }

  private static double relative(Dfp x, String reference) {
    Dfp ref = FIELD.newDfp(reference);
    return x.subtract(ref).divide(ref).abs().toDouble();
  }

  private record Step(Dfp[][] yDotK, FieldODEStateAndDerivative<Dfp> start, FieldODEStateAndDerivative<Dfp> end,
                      Dfp h, FieldEquationsMapper<Dfp> mapper) {}

  private static Step randomStep(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dfp[][] k = MathArrays.buildArray(FIELD, 16, DIM);
    for (Dfp[] row : k) {
      for (int i = 0; i < DIM; i++) {
        row[i] = FIELD.newDfp(rng.nextDouble(-1, 1));
      }
    }
    Dfp h = FIELD.newDfp("0.125");
    Dfp[] y0 = MathArrays.buildArray(FIELD, DIM);
    Dfp[] y1 = MathArrays.buildArray(FIELD, DIM);
    for (int i = 0; i < DIM; i++) {
      y0[i] = FIELD.newDfp(rng.nextDouble(-1, 1));
      y1[i] = y0[i].add(h.multiply(k[0][i]));
    }
    FieldOrdinaryDifferentialEquation<Dfp> none = new FieldOrdinaryDifferentialEquation<>() {
      @Override
      public int getDimension() {
        return DIM;
      }

      @Override
      public Dfp[] computeDerivatives(Dfp t, Dfp[] y) {
        return y.clone();
      }
    };
    FieldEquationsMapper<Dfp> mapper = new FieldExpandableODE<>(none).getMapper();
    Dfp t0 = FIELD.newDfp("0.5");
    return new Step(k, new FieldODEStateAndDerivative<>(t0, y0, k[0]),
        new FieldODEStateAndDerivative<>(t0.add(h), y1, k[15]), h, mapper);
  }
}
