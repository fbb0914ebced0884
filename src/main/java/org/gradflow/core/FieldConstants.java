package org.gradflow.core;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.MathArrays;

/**
 * A model's double coefficients converted once into a field. Converting a double on every
 * operation is what makes naive Dfp code slow: {@code Dfp.multiply(double)} builds a Dfp from
 * the double through {@code DfpMath.pow}, costing far more than the multiplication itself.
 * Holds the conversion for the last field asked (one high-precision run at a time).
 */
public final class FieldConstants {
  private final double[] values;
  private Field<?> field;
  private Object converted;

  public FieldConstants(double... values) {
    this.values = values.clone();
  }

  @SuppressWarnings("unchecked")
  public synchronized <T extends CalculusFieldElement<T>> T[] in(Field<T> f) {
    if (f != field) {
      T[] c = MathArrays.buildArray(f, values.length);
      T zero = f.getZero();
      for (int i = 0; i < values.length; i++) {
        c[i] = zero.newInstance(values[i]);
      }
      field = f;
      converted = c;
    }
    return (T[]) converted;
  }
}
