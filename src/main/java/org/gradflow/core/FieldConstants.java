package org.gradflow.core;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.MathArrays;

/**
 * A model's double coefficients converted once into a field (see {@link FieldCache} for why).
 * Holds the conversion for the last field asked (one high-precision run at a time).
 */
public final class FieldConstants {
  private final double[] values;
  private final FieldCache<Object> converted = new FieldCache<>();

  public FieldConstants(double... values) {
    this.values = values.clone();
  }

  @SuppressWarnings("unchecked")
  public <T extends CalculusFieldElement<T>> T[] in(Field<T> f) {
    return (T[]) converted.in(f, () -> {
      T[] c = MathArrays.buildArray(f, values.length);
      T zero = f.getZero();
      for (int i = 0; i < values.length; i++) {
        c[i] = zero.newInstance(values[i]);
      }
      return c;
    });
  }
}
