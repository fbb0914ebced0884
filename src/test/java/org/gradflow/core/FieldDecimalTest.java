package org.gradflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.junit.jupiter.api.Test;

/** Decimals into a field without passing through double, and field elements back to the nearest double. */
class FieldDecimalTest {
  private static final DfpField FIELD = new DfpField(40);

  @Test
  void aSpecDecimalReachesTheFieldExactly() {
    Dfp exact = FieldDecimal.of(FIELD, new BigDecimal("0.8"));
    assertThat(exact.equals(FIELD.newDfp("0.8"))).isTrue();
    // through double it would be 0.8000000000000000444…
    assertThat(exact.subtract(FIELD.newDfp(0.8)).abs().toDouble()).isGreaterThan(4e-17);
    assertThat(FieldDecimal.of(FIELD, new BigDecimal("-1.25e-40")).toString())
        .isEqualTo(FIELD.newDfp("-1.25e-40").toString());
  }

  @Test
  void toDoubleIsTheNearestDouble() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int n = 0; n < 1000; n++) {
      StringBuilder digits = new StringBuilder(rng.nextBoolean() ? "-" : "").append(1 + rng.nextInt(9)).append('.');
      for (int i = 0; i < 38; i++) {
        digits.append(rng.nextInt(10));
      }
      Dfp x = FIELD.newDfp(digits.append('e').append(rng.nextInt(-300, 300)).toString());
      double d = FieldDecimal.toDouble(x);
      Dfp error = x.subtract(FIELD.newDfp(d)).abs();
      assertThat(error.lessThan(x.subtract(FIELD.newDfp(Math.nextUp(d))).abs())
          || error.equals(x.subtract(FIELD.newDfp(Math.nextUp(d))).abs())).as("%s -> %s", x, d).isTrue();
      assertThat(error.lessThan(x.subtract(FIELD.newDfp(Math.nextDown(d))).abs())
          || error.equals(x.subtract(FIELD.newDfp(Math.nextDown(d))).abs())).as("%s -> %s", x, d).isTrue();
    }
  }

  @Test
  void specialValuesAndOtherFields() {
    assertThat(FieldDecimal.toDouble(FIELD.getZero())).isEqualTo(0.0);
    assertThat(FieldDecimal.toDouble(FIELD.newDfp(-2.5))).isEqualTo(-2.5);
    assertThat(FieldDecimal.toDouble(FIELD.newDfp("1").divide(FIELD.getZero()))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(FieldDecimal.toDouble(FIELD.getZero().divide(FIELD.getZero()))).isNaN();
    assertThat(FieldDecimal.toDouble(new Binary64(0.1))).isEqualTo(0.1);
  }
}
