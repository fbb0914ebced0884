package org.gradflow.core;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.dfp.Dfp;

/**
 * Comparisons of field elements without rounding them to double: {@code Dfp.getReal()} is a full
 * conversion (a power of ten per call) that cost a tenth of a Dfp(40) run when models used it for
 * branch tests. Over Dfp the comparison is Dfp's own; over other fields, their real parts.
 */
public final class FieldOrder {
  private FieldOrder() {}

  /** a &lt; b. */
  public static <T extends CalculusFieldElement<T>> boolean lessThan(T a, T b) {
    if (a instanceof Dfp x && b instanceof Dfp y) {
      return x.lessThan(y);
    }
    return a.getReal() < b.getReal();
  }

  /** x &gt; 0. */
  public static <T extends CalculusFieldElement<T>> boolean positive(T x) {
    return lessThan(x.getField().getZero(), x);
  }
}
