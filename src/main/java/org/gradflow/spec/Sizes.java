package org.gradflow.spec;

import java.util.Locale;

/**
 * Sizes read from a spec are checked before anything is allocated: the arrays they imply must
 * fit one Java array and, with the integrator's copies of the state, this JVM's heap. A size
 * that does not is refused naming its field and the memory it would need.
 */
public final class Sizes {
  /** Copies of the state the DP853 integrator, its dense output and the recorder keep alive. */
  public static final int STATE_COPIES = 40;
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Sizes() {}

  /** a·b·…, saturating at Long.MAX_VALUE (no overflow can make a huge size look small). */
  public static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f != 0 && p > Long.MAX_VALUE / f) {
        return Long.MAX_VALUE;
      }
      p *= f;
    }
    return p;
  }

  /** One array of {@code elements} doubles (or ints: {@code bytesEach}), named {@code what}. */
  public static int array(SpecSection where, String field, String what, long elements, int bytesEach) {
    if (elements > MAX_ARRAY) {
      throw where.error(field, what + " would have " + elements + " entries (" + gb(product(elements, bytesEach))
          + "): more than one Java array holds (" + MAX_ARRAY + ")");
    }
    memory(where, field, what, product(elements, bytesEach));
    return (int) elements;
  }

  /** A state of {@code dimension} parameters: the array, and the integrator's copies of it. */
  public static int state(SpecSection where, String field, long dimension) {
    array(where, field, "the parameter vector", dimension, 8);
    memory(where, field, "integrating " + dimension + " parameters (" + STATE_COPIES + " copies of the state)",
        product(dimension, 8, STATE_COPIES));
    return (int) dimension;
  }

  private static void memory(SpecSection where, String field, String what, long bytes) {
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap) {
      throw where.error(field, what + " needs " + gb(bytes) + ", this JVM may use " + gb(heap)
          + " (raise it with GRADFLOW_JAVA_OPTS=-Xmx<size>, or choose a smaller size)");
    }
  }

  static String gb(long bytes) {
    return bytes == Long.MAX_VALUE ? "more than 9e18 bytes" : String.format(Locale.ROOT, "%.3g GB", bytes / 1e9);
  }
}
