package org.gradflow.core;

import java.math.BigDecimal;
import java.util.Arrays;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.MathArrays;

/**
 * A model's coefficients converted once into a field (see {@link FieldCache} for why), from exact
 * decimals: the spec's literals where the model has them, else the exact values of its doubles.
 * Holds the conversion for the last field asked (one high-precision run at a time).
 */
public final class FieldConstants {
  private final BigDecimal[] values;
  private final FieldCache<Object> converted = new FieldCache<>();

  public FieldConstants(BigDecimal... values) {
    this.values = values.clone();
  }

  public FieldConstants(double... values) {
    this(Arrays.stream(values).mapToObj(FieldDecimal::exact).toArray(BigDecimal[]::new));
  }

  @SuppressWarnings("unchecked")
  public <T extends CalculusFieldElement<T>> T[] in(Field<T> f) {
    return (T[]) converted.in(f, () -> {
      T[] c = MathArrays.buildArray(f, values.length);
      for (int i = 0; i < values.length; i++) {
        c[i] = FieldDecimal.of(f, values[i]);
      }
      return c;
    });
  }
}
