package org.gradflow.core.ad;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.Binary64;

/**
 * −∇f by one reverse sweep, on a tape kept per thread and reused between calls (its arrays
 * grow to the largest evaluation seen, then stay). A nested call on the same thread during an
 * evaluation starts a new recording and makes the outer one fail loudly.
 */
public final class ReverseGradient {
  private static final ThreadLocal<RealTape> REAL = ThreadLocal.withInitial(Tape::real);
  private static final ThreadLocal<Tape<?>> FIELD = new ThreadLocal<>();

  private ReverseGradient() {}

  /** Writes −∇f(θ) into {@code out} and returns f(θ). */
  public static double negativeGradient(GenericFunction f, double[] theta, double[] out) {
    RealTape tape = REAL.get();
    Adjoint<Binary64> y = f.value(tape.variables(theta));
    tape.negativeGradient(y, out);
    return y.getReal();
  }

  /** Writes −∇f(θ) into {@code out} and returns f(θ), all in θ's field. */
  public static <T extends CalculusFieldElement<T>> T negativeGradient(GenericFunction f, T[] theta, T[] out) {
    Tape<T> tape = tape(theta[0].getField());
    Adjoint<T> y = f.value(tape.variables(theta));
    tape.negativeGradient(y, out);
    return y.value();
  }

  /** This thread's double tape. */
  public static RealTape realTape() {
    return REAL.get();
  }

  /** This thread's tape over {@code base} (one base field at a time is cached per thread). */
  @SuppressWarnings("unchecked")
  public static <T extends CalculusFieldElement<T>> Tape<T> tape(Field<T> base) {
    Tape<?> t = FIELD.get();
    if (t == null || t.field().base() != base) {
      t = Tape.over(base);
      FIELD.set(t);
    }
    return (Tape<T>) t;
  }
}
