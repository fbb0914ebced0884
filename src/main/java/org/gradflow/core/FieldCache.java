package org.gradflow.core;

import java.util.function.Supplier;
import org.hipparchus.Field;

/**
 * One value built for the last field asked: a model's coefficients converted into the field of
 * the run at hand, once, instead of on every operation. Converting a double or a decimal inside
 * a Dfp loss costs far more than the arithmetic it feeds ({@code Dfp.multiply(double)} builds the
 * operand through {@code DfpMath.pow}).
 */
public final class FieldCache<V> {
  private Field<?> field;
  private V value;

  public synchronized V in(Field<?> f, Supplier<V> build) {
    if (f != field) {
      value = build.get();
      field = f;
    }
    return value;
  }
}
