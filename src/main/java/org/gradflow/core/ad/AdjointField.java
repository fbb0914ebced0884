package org.gradflow.core.ad;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;

/**
 * The field of {@link Adjoint} numbers over one base field. Its zero, one and every constant are
 * off any tape (derivative zero), so a model may build them once and reuse them across calls
 * and tapes, as {@link org.gradflow.core.FieldConstants} does. One instance per base field.
 *
 * @param <B> the base field's element type (Binary64 for double, Dfp for high precision)
 */
public final class AdjointField<B extends CalculusFieldElement<B>> implements Field<Adjoint<B>> {
  private static final Map<Field<?>, AdjointField<?>> FIELDS = new ConcurrentHashMap<>();

  private final Field<B> base;
  private final Adjoint<B> zero;
  private final Adjoint<B> one;
  final B baseOne;
  final B baseMinusOne;
  final B baseTwo;
  final B baseThree;
  /** ln 10 in the base field, for log10' = 1/(x ln 10) at the base's precision. */
  final B baseLn10;

  private AdjointField(Field<B> base) {
    this.base = base;
    this.baseOne = base.getOne();
    this.baseMinusOne = baseOne.negate();
    this.baseTwo = baseOne.multiply(2);
    this.baseThree = baseOne.multiply(3);
    this.baseLn10 = baseOne.multiply(10).log();
    this.zero = constant(base.getZero());
    this.one = constant(baseOne);
  }

  /** The adjoint field over {@code base} (cached: the same instance every time). */
  @SuppressWarnings("unchecked")
  public static <B extends CalculusFieldElement<B>> AdjointField<B> of(Field<B> base) {
    return (AdjointField<B>) FIELDS.computeIfAbsent(base, b -> new AdjointField<>(base));
  }

  public Field<B> base() {
    return base;
  }

  /** A constant: a value that is on no tape, with derivative zero. */
  public Adjoint<B> constant(B value) {
    return new Adjoint<>(value, this, null, -1, 0);
  }

  @Override
  public Adjoint<B> getZero() {
    return zero;
  }

  @Override
  public Adjoint<B> getOne() {
    return one;
  }

  @SuppressWarnings("unchecked")
  @Override
  public Class<Adjoint<B>> getRuntimeClass() {
    return (Class<Adjoint<B>>) (Class<?>) Adjoint.class;
  }
}
