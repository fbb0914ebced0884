package org.gradflow.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;

/**
 * An exact decimal (a spec literal such as {@code 0.8}, or a double's exact binary value) as an
 * element of any field, without passing through double on the way.
 *
 * <p>Why: {@code newInstance(0.8)} gives the double nearest 0.8 (0.8000000000000000444…), so a
 * 40-digit run would solve a problem 4e-17 away from the one the spec states. Over {@link DfpField}
 * the decimal string is parsed directly (rounded once to the field's digits). Over any other field
 * (Binary64, AD types over Dfp) the unscaled integer is assembled from 15-digit chunks, each exact
 * as a double, and scaled by a power of ten: exact in a decimal base field up to its precision, and
 * within a few ulps in binary ones.
 */
public final class FieldDecimal {
  private FieldDecimal() {}

  @SuppressWarnings("unchecked")
  public static <T extends CalculusFieldElement<T>> T of(Field<T> field, BigDecimal value) {
    if (field instanceof DfpField dfp) {
      return (T) dfp.newDfp(value.toString());
    }
    BigInteger unscaled = value.unscaledValue().abs();
    T acc = field.getZero();
    String digits = unscaled.toString();
    int head = digits.length() % 15 == 0 ? 15 : digits.length() % 15;
    for (int start = 0, end = head; start < digits.length(); start = end, end += 15) {
      acc = acc.multiply(1e15).add(Double.parseDouble(digits.substring(start, end)));
    }
    int scale = value.scale();
    if (scale > 0) {
      acc = acc.divide(field.getOne().multiply(10).pow(scale));
    } else if (scale < 0) {
      acc = acc.multiply(field.getOne().multiply(10).pow(-scale));
    }
    return value.signum() < 0 ? acc.negate() : acc;
  }

  /**
   * The double nearest x, correctly rounded. Over {@link Dfp} this reads x's decimal digits
   * ({@code Double.parseDouble} of its string), which costs about 1 µs at 40 digits against 12–28 µs
   * for {@link Dfp#toDouble()} (a power of two built in the field for every call); the
   * high-precision path rounds every interpolated state it hands to a double observable.
   */
  public static <T extends CalculusFieldElement<T>> double toDouble(T x) {
    return x instanceof Dfp d ? Double.parseDouble(d.toString()) : x.getReal();
  }

  /** The exact binary value of a double, as a decimal (no rounding). */
  public static BigDecimal exact(double value) {
    return new BigDecimal(value);
  }
}
