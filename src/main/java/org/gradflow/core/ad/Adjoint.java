package org.gradflow.core.ad;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.util.FieldSinCos;
import org.hipparchus.util.FieldSinhCosh;
import org.hipparchus.util.MathArrays;

/**
 * A reverse-mode automatic-differentiation number: a value in a base field ({@code Binary64}
 * for double, {@code Dfp} for 40 digits) and its node on a {@link Tape}. Every operation
 * computes its value exactly as the base field would, and records its local partial
 * derivatives; {@link Tape#gradient} then sweeps the tape backwards once. Values built from
 * the field ({@link AdjointField#getZero()}, {@link #newInstance(double)}) are constants: on no
 * tape, derivative zero.
 *
 * <p>Derivative rules, and the conventions where the function is not differentiable:
 * <ul>
 *   <li>{@code abs}: derivative +1 for x &gt; 0 and for +0, −1 for x &lt; 0 and for −0 (the sign
 *       bit decides, as in Hipparchus {@code Gradient}); {@code copySign}: ±1 for the magnitude
 *       argument (−1 when the sign flips), 0 for the sign argument.
 *   <li>{@code FastMath.max/min(a, b)} return one of their arguments, so the derivative is that
 *       argument's: at a tie (a = b) both return {@code b}, and the derivative is b's.
 *   <li>{@code sign, floor, ceil, rint, round, ulp}: piecewise constant, derivative 0 (also at
 *       the jumps). {@code remainder(a)}: ∂/∂x = 1, ∂/∂a = −rint((x − r)/a).
 *   <li>{@code hypot(x, y)} and {@code atan2(y, x)} at the origin: partials 0 (the minimum-norm
 *       element of the subdifferential of hypot there).
 *   <li>{@code sqrt, cbrt, rootN} at 0: +∞ (the one-sided derivative); {@code pow(x, p)} at x = 0:
 *       p·0^(p−1) in the base field, and ∂/∂e x^e = 0 there (x^e ln x → 0).
 *   <li>{@code getReal()} and every other double-valued query leave the tape: a branch on them
 *       selects a piece of a piecewise function, whose derivative is the piece's.
 * </ul>
 * {@code linearCombination} is one n-ary node whose value is the base field's (compensated)
 * linear combination. {@code tanh'} is 1/cosh² for |tanh x| &gt; 1/2, so it keeps its relative
 * accuracy far in the tails where 1 − tanh² cancels; {@code expm1'} is exp(x) for the same reason.
 *
 * @param <B> base field element type
 */
public final class Adjoint<B extends CalculusFieldElement<B>> implements CalculusFieldElement<Adjoint<B>> {
  private final B value;
  private final AdjointField<B> field;
  final Tape<B> tape;
  final int node;
  final int epoch;

  Adjoint(B value, AdjointField<B> field, Tape<B> tape, int node, int epoch) {
    this.value = value;
    this.field = field;
    this.tape = tape;
    this.node = node;
    this.epoch = epoch;
  }

  /** The value in the base field. */
  public B value() {
    return value;
  }

  /** True for a value on no tape (derivative zero). */
  public boolean isConstant() {
    return tape == null;
  }

  // ---- recording -----------------------------------------------------------------------

  private Adjoint<B> constant(B v) {
    return field.constant(v);
  }

  private Adjoint<B> unary(B v, B d) {
    return tape == null ? constant(v) : tape.record(v, this, d);
  }

  private Adjoint<B> binary(B v, B da, Adjoint<B> b, B db) {
    Tape<B> t = tape != null ? tape : b.tape;
    return t == null ? constant(v) : t.record(v, this, da, b, db);
  }

  private static <B extends CalculusFieldElement<B>> Tape<B> tapeOf(Adjoint<B>[] xs, int count) {
    for (int i = 0; i < count; i++) {
      if (xs[i].tape != null) {
        return xs[i].tape;
      }
    }
    return null;
  }

  private Adjoint<B> nary(B v, Adjoint<B>[] xs, B[] ps, int count) {
    Tape<B> t = tapeOf(xs, count);
    return t == null ? constant(v) : t.record(v, xs, ps, count);
  }

  /**
   * An array of the field's element type left null: every entry is written before it is read,
   * so the zero-fill of {@link MathArrays#buildArray} would be wasted work on every n-ary node.
   */
  @SuppressWarnings("unchecked")
  private static <E extends org.hipparchus.FieldElement<E>> E[] unfilled(Field<E> f, int n) {
    return (E[]) java.lang.reflect.Array.newInstance(f.getRuntimeClass(), n);
  }

  private B base(double c) {
    return value.newInstance(c);
  }

  // ---- FieldElement ----------------------------------------------------------------------

  @Override
  public double getReal() {
    return value.getReal();
  }

  @Override
  public Field<Adjoint<B>> getField() {
    return field;
  }

  @Override
  public Adjoint<B> add(Adjoint<B> a) {
    return binary(value.add(a.value), null, a, null);
  }

  @Override
  public Adjoint<B> subtract(Adjoint<B> a) {
    return binary(value.subtract(a.value), null, a, field.baseMinusOne);
  }

  @Override
  public Adjoint<B> negate() {
    return unary(value.negate(), field.baseMinusOne);
  }

  @Override
  public Adjoint<B> multiply(int n) {
    return unary(value.multiply(n), base(n));
  }

  @Override
  public Adjoint<B> multiply(Adjoint<B> a) {
    return binary(value.multiply(a.value), a.value, a, value);
  }

  @Override
  public Adjoint<B> divide(Adjoint<B> a) {
    B v = value.divide(a.value);
    B inv = a.value.reciprocal();
    return binary(v, inv, a, v.multiply(inv).negate());
  }

  @Override
  public Adjoint<B> reciprocal() {
    B v = value.reciprocal();
    return unary(v, v.multiply(v).negate());
  }

  @Override
  public boolean isZero() {
    return value.isZero();
  }

  // ---- CalculusFieldElement: arithmetic with doubles ---------------------------------------

  @Override
  public Adjoint<B> getAddendum() {
    return unary(value.getAddendum(), null);
  }

  @Override
  public Adjoint<B> getPi() {
    return constant(value.getPi());
  }

  @Override
  public Adjoint<B> newInstance(double v) {
    return constant(value.newInstance(v));
  }

  @Override
  public Adjoint<B> add(double a) {
    return unary(value.add(a), null);
  }

  @Override
  public Adjoint<B> subtract(double a) {
    return unary(value.subtract(a), null);
  }

  @Override
  public Adjoint<B> multiply(double a) {
    B c = base(a);
    return unary(value.multiply(c), c);
  }

  @Override
  public Adjoint<B> divide(double a) {
    B c = base(a);
    return unary(value.divide(c), c.reciprocal());
  }

  @Override
  public int getExponent() {
    return value.getExponent();
  }

  @Override
  public Adjoint<B> scalb(int n) {
    return unary(value.scalb(n), field.baseOne.scalb(n));
  }

  @Override
  public Adjoint<B> ulp() {
    return constant(value.ulp());
  }

  // ---- powers and roots ------------------------------------------------------------------

  @Override
  public Adjoint<B> square() {
    return unary(value.square(), value.multiply(2));
  }

  @Override
  public Adjoint<B> sqrt() {
    B v = value.sqrt();
    return unary(v, v.multiply(2).reciprocal());
  }

  @Override
  public Adjoint<B> cbrt() {
    B v = value.cbrt();
    return unary(v, v.square().multiply(3).reciprocal());
  }

  @Override
  public Adjoint<B> rootN(int n) {
    B v = value.rootN(n);
    B d = n == 1 ? field.baseOne
        : value.isZero() ? base(Double.POSITIVE_INFINITY) : v.divide(value.multiply(n));
    return unary(v, d);
  }

  @Override
  public Adjoint<B> pow(double p) {
    B v = value.pow(p);
    B d = p == 0 ? base(0) : value.isZero() ? value.pow(p - 1).multiply(p) : v.divide(value).multiply(p);
    return unary(v, d);
  }

  @Override
  public Adjoint<B> pow(int n) {
    B v = value.pow(n);
    B d = n == 0 ? base(0) : value.isZero() ? value.pow(n - 1).multiply(n) : v.divide(value).multiply(n);
    return unary(v, d);
  }

  @Override
  public Adjoint<B> pow(Adjoint<B> e) {
    B v = value.pow(e.value);
    if (value.isZero()) {
      return binary(v, value.pow(e.value.subtract(1)).multiply(e.value), e, base(0));
    }
    return binary(v, v.divide(value).multiply(e.value), e, v.multiply(value.log()));
  }

  @Override
  public Adjoint<B> hypot(Adjoint<B> y) {
    B h = value.hypot(y.value);
    if (h.isZero() || h.isInfinite()) {
      return binary(h, base(0), y, base(0));
    }
    return binary(h, value.divide(h), y, y.value.divide(h));
  }

  // ---- exponentials and logarithms -------------------------------------------------------

  @Override
  public Adjoint<B> exp() {
    B v = value.exp();
    return unary(v, v);
  }

  @Override
  public Adjoint<B> expm1() {
    return unary(value.expm1(), value.exp());
  }

  @Override
  public Adjoint<B> log() {
    return unary(value.log(), value.reciprocal());
  }

  @Override
  public Adjoint<B> log1p() {
    return unary(value.log1p(), value.add(1).reciprocal());
  }

  @Override
  public Adjoint<B> log10() {
    return unary(value.log10(), value.multiply(field.baseLn10).reciprocal());
  }

  // ---- trigonometric ---------------------------------------------------------------------

  @Override
  public Adjoint<B> cos() {
    return unary(value.cos(), value.sin().negate());
  }

  @Override
  public Adjoint<B> sin() {
    return unary(value.sin(), value.cos());
  }

  @Override
  public FieldSinCos<Adjoint<B>> sinCos() {
    FieldSinCos<B> sc = value.sinCos();
    return new FieldSinCos<>(unary(sc.sin(), sc.cos()), unary(sc.cos(), sc.sin().negate()));
  }

  @Override
  public Adjoint<B> tan() {
    B v = value.tan();
    return unary(v, v.square().add(1));
  }

  @Override
  public Adjoint<B> acos() {
    return unary(value.acos(), oneMinusSquare(value).sqrt().reciprocal().negate());
  }

  @Override
  public Adjoint<B> asin() {
    return unary(value.asin(), oneMinusSquare(value).sqrt().reciprocal());
  }

  @Override
  public Adjoint<B> atan() {
    return unary(value.atan(), value.square().add(1).reciprocal());
  }

  /** atan2(this, x): this is y. */
  @Override
  public Adjoint<B> atan2(Adjoint<B> x) {
    B v = value.atan2(x.value);
    B h = value.hypot(x.value);
    if (h.isZero() || h.isInfinite()) {
      return binary(v, base(0), x, base(0));
    }
    B dy = x.value.divide(h).divide(h);
    B dx = value.divide(h).divide(h).negate();
    return binary(v, dy, x, dx);
  }

  @Override
  public Adjoint<B> toDegrees() {
    return unary(value.toDegrees(), field.baseOne.toDegrees());
  }

  @Override
  public Adjoint<B> toRadians() {
    return unary(value.toRadians(), field.baseOne.toRadians());
  }

  // ---- hyperbolic ------------------------------------------------------------------------

  @Override
  public Adjoint<B> cosh() {
    return unary(value.cosh(), value.sinh());
  }

  @Override
  public Adjoint<B> sinh() {
    return unary(value.sinh(), value.cosh());
  }

  @Override
  public FieldSinhCosh<Adjoint<B>> sinhCosh() {
    FieldSinhCosh<B> sc = value.sinhCosh();
    return new FieldSinhCosh<>(unary(sc.sinh(), sc.cosh()), unary(sc.cosh(), sc.sinh()));
  }

  @Override
  public Adjoint<B> tanh() {
    B v = value.tanh();
    B d = v.abs().getReal() > 0.5 ? value.cosh().square().reciprocal() : oneMinusSquare(v);
    return unary(v, d);
  }

  @Override
  public Adjoint<B> acosh() {
    return unary(value.acosh(), value.subtract(1).multiply(value.add(1)).sqrt().reciprocal());
  }

  @Override
  public Adjoint<B> asinh() {
    return unary(value.asinh(), value.square().add(1).sqrt().reciprocal());
  }

  @Override
  public Adjoint<B> atanh() {
    return unary(value.atanh(), oneMinusSquare(value).reciprocal());
  }

  /** 1 − x² as (1 − x)(1 + x): no cancellation near |x| = 1. */
  private B oneMinusSquare(B x) {
    return field.baseOne.subtract(x).multiply(x.add(1));
  }

  // ---- linear combinations: one n-ary node -------------------------------------------------

  @Override
  public Adjoint<B> linearCombination(Adjoint<B>[] a, Adjoint<B>[] b) {
    int n = a.length;
    org.hipparchus.util.MathUtils.checkDimension(n, b.length);
    Field<B> bf = field.base();
    B[] av = unfilled(bf, n);
    B[] bv = unfilled(bf, n);
    Adjoint<B>[] xs = unfilled(field, 2 * n);
    B[] ps = unfilled(bf, 2 * n);
    for (int i = 0; i < n; i++) {
      av[i] = a[i].value;
      bv[i] = b[i].value;
      xs[2 * i] = a[i];
      ps[2 * i] = b[i].value;
      xs[2 * i + 1] = b[i];
      ps[2 * i + 1] = a[i].value;
    }
    return nary(value.linearCombination(av, bv), xs, ps, 2 * n);
  }

  @Override
  public Adjoint<B> linearCombination(double[] a, Adjoint<B>[] b) {
    int n = a.length;
    org.hipparchus.util.MathUtils.checkDimension(n, b.length);
    Field<B> bf = field.base();
    B[] av = unfilled(bf, n);
    B[] bv = unfilled(bf, n);
    for (int i = 0; i < n; i++) {
      av[i] = base(a[i]);
      bv[i] = b[i].value;
    }
    return nary(value.linearCombination(av, bv), b, av, n);
  }

  @Override
  public Adjoint<B> linearCombination(Adjoint<B> a1, Adjoint<B> b1, Adjoint<B> a2, Adjoint<B> b2) {
    return linearCombination(array(a1, a2), array(b1, b2));
  }

  @Override
  public Adjoint<B> linearCombination(double a1, Adjoint<B> b1, double a2, Adjoint<B> b2) {
    return linearCombination(new double[] {a1, a2}, array(b1, b2));
  }

  @Override
  public Adjoint<B> linearCombination(Adjoint<B> a1, Adjoint<B> b1, Adjoint<B> a2, Adjoint<B> b2,
      Adjoint<B> a3, Adjoint<B> b3) {
    return linearCombination(array(a1, a2, a3), array(b1, b2, b3));
  }

  @Override
  public Adjoint<B> linearCombination(double a1, Adjoint<B> b1, double a2, Adjoint<B> b2,
      double a3, Adjoint<B> b3) {
    return linearCombination(new double[] {a1, a2, a3}, array(b1, b2, b3));
  }

  @Override
  public Adjoint<B> linearCombination(Adjoint<B> a1, Adjoint<B> b1, Adjoint<B> a2, Adjoint<B> b2,
      Adjoint<B> a3, Adjoint<B> b3, Adjoint<B> a4, Adjoint<B> b4) {
    return linearCombination(array(a1, a2, a3, a4), array(b1, b2, b3, b4));
  }

  @Override
  public Adjoint<B> linearCombination(double a1, Adjoint<B> b1, double a2, Adjoint<B> b2,
      double a3, Adjoint<B> b3, double a4, Adjoint<B> b4) {
    return linearCombination(new double[] {a1, a2, a3, a4}, array(b1, b2, b3, b4));
  }

  @SafeVarargs
  private Adjoint<B>[] array(Adjoint<B>... xs) {
    return xs;
  }

  // ---- piecewise functions -----------------------------------------------------------------

  @Override
  public Adjoint<B> ceil() {
    return constant(value.ceil());
  }

  @Override
  public Adjoint<B> floor() {
    return constant(value.floor());
  }

  @Override
  public Adjoint<B> rint() {
    return constant(value.rint());
  }

  @Override
  public long round() {
    return value.round();
  }

  @Override
  public Adjoint<B> remainder(double a) {
    return unary(value.remainder(a), null);
  }

  @Override
  public Adjoint<B> remainder(Adjoint<B> a) {
    B r = value.remainder(a.value);
    B k = value.subtract(r).divide(a.value).rint();
    return binary(r, null, a, k.negate());
  }

  @Override
  public Adjoint<B> sign() {
    return constant(value.sign());
  }

  @Override
  public Adjoint<B> copySign(Adjoint<B> s) {
    B v = value.copySign(s.value);
    return binary(v, signBit(v) == signBit(value) ? field.baseOne : field.baseMinusOne, s, base(0));
  }

  @Override
  public Adjoint<B> copySign(double s) {
    B v = value.copySign(s);
    return unary(v, signBit(v) == signBit(value) ? field.baseOne : field.baseMinusOne);
  }

  @Override
  public Adjoint<B> abs() {
    return unary(value.abs(), signBit(value) ? field.baseMinusOne : field.baseOne);
  }

  private static boolean signBit(CalculusFieldElement<?> x) {
    return Double.doubleToRawLongBits(x.getReal()) < 0;
  }

  @Override
  public boolean isInfinite() {
    return value.isInfinite();
  }

  @Override
  public boolean isFinite() {
    return value.isFinite();
  }

  @Override
  public boolean isNaN() {
    return value.isNaN();
  }

  @Override
  public double norm() {
    return value.norm();
  }

  @Override
  public String toString() {
    return value + (tape == null ? " (constant)" : " (node " + node + ")");
  }
}
