package org.gradflow.core.ad;

import java.util.Arrays;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;

/**
 * The record of one evaluation in {@link Adjoint} arithmetic, swept backwards once for the
 * gradient. Node i stores its arguments' node indices and the partial derivatives ∂node_i/∂arg
 * (computed while recording); the sweep accumulates adjoints ā_arg += ā_i · ∂node_i/∂arg from
 * the output down to the variables, so a gradient costs a small constant times the evaluation,
 * whatever the number of variables.
 *
 * <p>Usage (one recording at a time; {@link #variables} starts a new one and invalidates the
 * previous recording's values):
 * <pre>{@code
 * RealTape tape = Tape.real();                       // keep it: its arrays are reused
 * Adjoint<Binary64>[] x = tape.variables(theta);     // θ as variables
 * Adjoint<Binary64> loss = flow.loss(x);             // any generic loss(T[])
 * tape.gradient(loss, grad);                         // ∇L into grad, one backward sweep
 * }</pre>
 *
 * <p>A tape belongs to the thread that created it and fails with an exception when used from
 * another thread, when values of two tapes meet in one operation, or when a value from an
 * earlier recording is used. Its arrays grow to the largest evaluation seen and are kept, so
 * repeated gradients allocate nothing on the tape beyond the {@link Adjoint} values themselves.
 *
 * @param <B> base field element type
 */
public abstract class Tape<B extends CalculusFieldElement<B>> {
  private final AdjointField<B> field;
  private final Thread owner = Thread.currentThread();
  private int epoch;
  private int size;
  private int variableCount;
  /** Node i's entries are first[i] .. first[i+1]-1. */
  private int[] first = new int[1025];
  private int[] args = new int[INITIAL_ENTRIES];
  static final int INITIAL_ENTRIES = 2048;

  private final long maxBytes;

  Tape(Field<B> base, long maxBytes) {
    this.field = AdjointField.of(base);
    this.maxBytes = maxBytes;
  }

  /** A reusable tape over double (base {@link org.hipparchus.util.Binary64}), partials stored as doubles. */
  public static RealTape real() {
    return new RealTape(Long.MAX_VALUE);
  }

  /**
   * A double tape whose arrays may not grow beyond {@code maxBytes}: recording more throws
   * {@link TapeFullException} before the allocation (a memory bound for checks on large models).
   */
  public static RealTape real(long maxBytes) {
    return new RealTape(maxBytes);
  }

  /** A reusable tape over any base field (Dfp for high precision). */
  public static <B extends CalculusFieldElement<B>> Tape<B> over(Field<B> base) {
    return new FieldTape<>(base);
  }

  public AdjointField<B> field() {
    return field;
  }

  /** Nodes in the current recording (variables included). */
  public int size() {
    return size;
  }

  /** Bytes held by this tape's arrays (what repeated recordings keep allocated). */
  public long retainedBytes() {
    return 4L * (first.length + args.length) + partialBytes();
  }

  /**
   * Starts a new recording whose variables are {@code values}: every value from an earlier
   * recording of this tape becomes unusable.
   */
  public Adjoint<B>[] variables(B[] values) {
    Adjoint<B>[] x = begin(values.length);
    for (int i = 0; i < values.length; i++) {
      x[i] = push(values[i], 0);
    }
    return x;
  }

  /** ∂y/∂x_i for the current recording's variables, into {@code out} (length = variables). */
  public void gradient(Adjoint<B> y, B[] out) {
    sweep(output(y, out.length), false, out);
  }

  /** −∂y/∂x_i (the sign is exact: the sweep is seeded with −1). */
  public void negativeGradient(Adjoint<B> y, B[] out) {
    sweep(output(y, out.length), true, out);
  }

  final Adjoint<B>[] begin(int n) {
    checkThread();
    epoch++;
    size = 0;
    first[0] = 0;
    variableCount = n;
    Adjoint<B>[] x = org.hipparchus.util.MathArrays.buildArray(field, n);
    return x;
  }

  final int variableCount() {
    return variableCount;
  }

  /** Node index of the output, checked: -1 for a constant. */
  final int output(Adjoint<B> y, int outLength) {
    checkThread();
    if (outLength != variableCount) {
      throw new IllegalArgumentException("gradient buffer has length " + outLength + ", the recording has "
          + variableCount + " variables");
    }
    return y.tape == null ? -1 : node(y);
  }

  final int firstEntry(int node) {
    return first[node];
  }

  final int argument(int entry) {
    return args[entry];
  }

  /** One-argument node (a constant argument gives a constant). */
  final Adjoint<B> record(B value, Adjoint<B> a, B pa) {
    checkThread();
    int k = first[size];
    ensureEntries(k + 1);
    args[k] = node(a);
    store(k, pa);
    return push(value, 1);
  }

  /** Two-argument node; either argument may be a constant (then it gets no entry). */
  final Adjoint<B> record(B value, Adjoint<B> a, B pa, Adjoint<B> b, B pb) {
    checkThread();
    int k = first[size];
    ensureEntries(k + 2);
    int n = 0;
    if (a.tape != null) {
      args[k] = node(a);
      store(k, pa);
      n++;
    }
    if (b.tape != null) {
      args[k + n] = node(b);
      store(k + n, pb);
      n++;
    }
    return push(value, n);
  }

  /** n-ary node: entries for the non-constant {@code xs[i]} with partials {@code ps[i]}. */
  final Adjoint<B> record(B value, Adjoint<B>[] xs, B[] ps, int count) {
    checkThread();
    int k = first[size];
    ensureEntries(k + count);
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (xs[i].tape != null) {
        args[k + n] = node(xs[i]);
        store(k + n, ps[i]);
        n++;
      }
    }
    return push(value, n);
  }

  private Adjoint<B> push(B value, int entries) {
    if (size + 2 > first.length) {
      reserve(4L * first.length);
      first = Arrays.copyOf(first, 2 * first.length);
    }
    first[size + 1] = first[size] + entries;
    return new Adjoint<>(value, field, this, size++, epoch);
  }

  private int node(Adjoint<B> x) {
    if (x.tape != this) {
      throw new IllegalArgumentException("values of two different tapes met in one operation"
          + " (each evaluation must use the variables of one tape)");
    }
    if (x.epoch != epoch) {
      throw new IllegalStateException("a value from an earlier recording of this tape was used"
          + " after variables(...) started a new one");
    }
    return x.node;
  }

  private void checkThread() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("tape of thread '" + owner.getName() + "' used from thread '"
          + Thread.currentThread().getName() + "': a tape is confined to one thread");
    }
  }

  private void ensureEntries(int needed) {
    if (needed > args.length) {
      int cap = Math.max(needed, 2 * args.length);
      reserve((long) (cap - args.length) * (4 + bytesPerPartial()));
      args = Arrays.copyOf(args, cap);
      growPartials(cap);
    }
  }

  private void reserve(long moreBytes) {
    if (retainedBytes() + moreBytes > maxBytes) {
      throw new TapeFullException(size, maxBytes);
    }
  }

  /** Bytes per stored partial (for a field tape: the reference, not the element it points to). */
  abstract int bytesPerPartial();

  /** Stores ∂node/∂arg of entry k; null means exactly 1 (sums, differences' first argument). */
  abstract void store(int entry, B partial);

  abstract void growPartials(int capacity);

  abstract long partialBytes();

  /** Backward sweep from node {@code y} (-1: a constant output) into {@code out}. */
  abstract void sweep(int y, boolean negate, B[] out);
}
