package org.gradflow.core.ad;

import java.util.Arrays;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;

/**
 * A {@link Tape} over double: the values are {@link Binary64}, the partials and the adjoints
 * primitive doubles, so the stored tape holds no objects and the sweep allocates nothing.
 */
public final class RealTape extends Tape<Binary64> {
  private double[] partial = new double[INITIAL_ENTRIES];
  private double[] adjoint = new double[0];

  RealTape(long maxBytes) {
    super(Binary64Field.getInstance(), maxBytes);
  }

  @Override
  int bytesPerPartial() {
    return 8;
  }

  /** Starts a new recording with variables θ. */
  public Adjoint<Binary64>[] variables(double[] theta) {
    Binary64[] v = new Binary64[theta.length];
    for (int i = 0; i < theta.length; i++) {
      v[i] = new Binary64(theta[i]);
    }
    return variables(v);
  }

  /** ∂y/∂θ into {@code out}. */
  public void gradient(Adjoint<Binary64> y, double[] out) {
    sweep(output(y, out.length), 1.0, out);
  }

  /** −∂y/∂θ into {@code out}. */
  public void negativeGradient(Adjoint<Binary64> y, double[] out) {
    sweep(output(y, out.length), -1.0, out);
  }

  @Override
  void store(int entry, Binary64 p) {
    partial[entry] = p == null ? 1.0 : p.getReal();
  }

  @Override
  void growPartials(int capacity) {
    partial = Arrays.copyOf(partial, capacity);
  }

  @Override
  long partialBytes() {
    return 8L * (partial.length + adjoint.length);
  }

  @Override
  void sweep(int y, boolean negate, Binary64[] out) {
    double[] g = new double[out.length];
    sweep(y, negate ? -1.0 : 1.0, g);
    for (int i = 0; i < g.length; i++) {
      out[i] = new Binary64(g[i]);
    }
  }

  private void sweep(int y, double seed, double[] out) {
    int n = variableCount();
    if (y < 0) {
      Arrays.fill(out, 0.0);
      return;
    }
    if (adjoint.length < y + 1) {
      adjoint = new double[y + 1];
    }
    double[] adj = adjoint;
    Arrays.fill(adj, 0, y + 1, 0.0);
    adj[y] = seed;
    for (int i = y; i >= n; i--) {
      double a = adj[i];
      if (a != 0) {
        for (int k = firstEntry(i), end = firstEntry(i + 1); k < end; k++) {
          adj[argument(k)] += a * partial[k];
        }
      }
    }
    System.arraycopy(adj, 0, out, 0, n);
  }
}
