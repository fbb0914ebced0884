package org.gradflow.core.ad;

import java.util.Arrays;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.MathArrays;

/**
 * A {@link Tape} over any base field. Unit partials (sums) are stored as null and adjoints
 * that are still zero as null, so the sweep spends base-field multiplications only where a
 * derivative is not 1 and additions only where two paths meet.
 */
final class FieldTape<B extends CalculusFieldElement<B>> extends Tape<B> {
  private final Field<B> base;
  private B[] partial;
  private B[] adjoint;

  FieldTape(Field<B> base) {
    super(base, Long.MAX_VALUE);
    this.base = base;
    this.partial = MathArrays.buildArray(base, INITIAL_ENTRIES);
    this.adjoint = MathArrays.buildArray(base, 0);
  }

  @Override
  int bytesPerPartial() {
    return 4;
  }

  @Override
  void store(int entry, B p) {
    partial[entry] = p;
  }

  @Override
  void growPartials(int capacity) {
    partial = Arrays.copyOf(partial, capacity);
  }

  @Override
  long partialBytes() {
    return 4L * (partial.length + adjoint.length);
  }

  @Override
  void sweep(int y, boolean negate, B[] out) {
    int n = variableCount();
    B zero = base.getZero();
    if (y < 0) {
      Arrays.fill(out, zero);
      return;
    }
    if (adjoint.length < y + 1) {
      adjoint = Arrays.copyOf(adjoint, Math.max(y + 1, 2 * adjoint.length));
    }
    B[] adj = adjoint;
    adj[y] = negate ? base.getOne().negate() : base.getOne();
    for (int i = y; i >= n; i--) {
      B a = adj[i];
      if (a == null) {
        continue;
      }
      adj[i] = null;
      for (int k = firstEntry(i), end = firstEntry(i + 1); k < end; k++) {
        int j = argument(k);
        B p = partial[k];
        B contribution = p == null ? a : a.multiply(p);
        adj[j] = adj[j] == null ? contribution : adj[j].add(contribution);
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = adj[i] == null ? zero : adj[i];
      adj[i] = null;
    }
  }
}
