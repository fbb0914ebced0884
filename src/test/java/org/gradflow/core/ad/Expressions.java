package org.gradflow.core.ad;

import java.util.List;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.FieldSinCos;
import org.hipparchus.util.FieldSinhCosh;

/**
 * Generic test expressions of four variables x_i ∈ (0.1, 0.9) (signs random), one per group of
 * derivative rules of {@link CalculusFieldElement}; each keeps its arguments inside the domain.
 */
final class Expressions {
  static final List<String> RULES = List.of(
      "add-subtract-negate", "multiply-divide", "doubles-ints", "reciprocal-square", "sqrt-rootN", "cbrt-rootN",
      "pow-double", "pow-int", "pow-field", "exp-expm1", "log-log1p-log10", "sin-cos-tan", "sinCos",
      "asin-acos-atan", "atan2", "hypot", "sinh-cosh-tanh", "sinhCosh", "tanh-tails", "asinh-acosh-atanh",
      "linearCombination-arrays", "linearCombination-fixed", "abs-sign-copySign", "max-min",
      "floor-ceil-rint-round", "remainder", "scalb-degrees-radians", "constants-addendum-ulp",
      "logistic-softmax");

  private Expressions() {}

  /**
   * Rules whose Dfp values Hipparchus 4.0.3 computes to double accuracy only (cbrt and
   * rootN(n ≥ 3) are pow(x, 1.0/n)): compared in double, not against a 40-digit reference.
   */
  static final java.util.Set<String> DOUBLE_ONLY = java.util.Set.of("cbrt-rootN");

  static <T extends CalculusFieldElement<T>> T evaluate(String rule, T[] x) {
    return evaluate(rule, x, false);
  }

  /**
   * {@code exactReference}: the same function written so that Hipparchus forward mode over Dfp
   * evaluates it to full precision (the reference for the 40-digit comparison).
   */
  static <T extends CalculusFieldElement<T>> T evaluate(String rule, T[] x, boolean exactReference) {
    T a = x[0];
    T b = x[1];
    T c = x[2];
    T d = x[3];
    T one = a.getField().getOne();
    switch (rule) {
      case "add-subtract-negate":
        return a.add(b).subtract(c.negate()).subtract(d).add(a).negate().add(2.5).subtract(0.75);
      case "multiply-divide":
        return a.multiply(b).divide(c.abs().add(1)).multiply(d).divide(a.add(b).abs().add(0.5)).multiply(a);
      case "doubles-ints":
        return a.multiply(2.5).divide(1.75).multiply(3).add(b.multiply(-7)).multiply(c).divide(3.0);
      case "reciprocal-square":
        return a.abs().add(0.25).reciprocal().multiply(b.square()).add(c.square().reciprocal().multiply(d));
      case "sqrt-rootN":
        return a.abs().add(b.abs()).sqrt().multiply(c.abs().add(1).rootN(2)).add(a.rootN(1)).add(d.abs().sqrt());
      case "cbrt-rootN":
        return a.abs().add(b.abs()).cbrt().multiply(c.cbrt()).add(d.abs().add(1).rootN(5)).add(b.abs().rootN(4))
            .add(c.rootN(3));
      case "pow-double":
        if (exactReference) { // FieldGradient.pow(p) computes x^(p−1)·x with p − 1 rounded in double
          return a.abs().add(1).pow(one.multiply(2.7)).add(b.abs().pow(one.multiply(-1.3)))
              .add(c.abs().pow(one.multiply(0.5))).multiply(d).add(1);
        }
        return a.abs().add(1).pow(2.7).add(b.abs().pow(-1.3)).add(c.abs().pow(0.5)).multiply(d.pow(1.0))
            .add(a.pow(0.0));
      case "pow-int":
        return a.pow(3).add(b.pow(-2)).add(c.pow(1)).multiply(d.pow(4)).add(a.pow(0));
      case "pow-field":
        return a.abs().add(1).pow(b).add(c.abs().pow(d.abs().add(0.5))).add(a.abs().pow(a));
      case "exp-expm1":
        return a.exp().multiply(b.expm1()).add(c.multiply(d).expm1()).add(d.multiply(-30).expm1().multiply(a));
      case "log-log1p-log10":
        if (exactReference) { // FieldGradient.log10 differentiates with ln 10 in double
          return a.abs().log().multiply(b.abs().log1p()).add(c.abs().add(0.5).log().divide(one.multiply(10).log()).multiply(d));
        }
        return a.abs().log().multiply(b.abs().log1p()).add(c.abs().add(0.5).log10().multiply(d));
      case "sin-cos-tan":
        return a.sin().multiply(b.cos()).add(c.tan().multiply(d)).add(a.multiply(b).cos());
      case "sinCos": {
        FieldSinCos<T> sc = a.multiply(b).add(c).sinCos();
        return sc.sin().multiply(d).add(sc.cos().multiply(a));
      }
      case "asin-acos-atan":
        return a.asin().multiply(b.acos()).add(c.multiply(d).atan()).add(d.multiply(3).atan());
      case "atan2":
        return a.atan2(b).add(c.negate().atan2(d)).multiply(a.atan2(d.add(c)));
      case "hypot":
        return a.hypot(b).multiply(c).add(d.hypot(a.multiply(1e-3)));
      case "sinh-cosh-tanh":
        return a.sinh().multiply(b.cosh()).add(c.multiply(3).tanh().multiply(d)).add(a.tanh());
      case "sinhCosh": {
        FieldSinhCosh<T> sc = a.add(b.multiply(c)).sinhCosh();
        return sc.sinh().multiply(d).add(sc.cosh().multiply(b));
      }
      case "tanh-tails":
        return a.abs().add(8).multiply(b.abs().add(1)).tanh().add(a.multiply(-2).add(-6).tanh().multiply(c))
            .add(d.multiply(0.6).tanh());
      case "asinh-acosh-atanh":
        return a.asinh().multiply(b.abs().add(1.5).acosh()).add(c.multiply(d).atanh()).add(a.atanh());
      case "linearCombination-arrays": {
        T[] u = x.clone();
        T[] v = x.clone();
        v[0] = b.sin();
        v[1] = a;
        v[2] = d.exp();
        v[3] = one.multiply(0.3);
        T s = a.linearCombination(u, v);
        return s.add(a.linearCombination(new double[] {1.5, -2.0, 0.25, 3.0}, v)).multiply(s);
      }
      case "linearCombination-fixed":
        return a.linearCombination(a, b, c, d)
            .add(a.linearCombination(a, b, c, d, b, c))
            .add(a.linearCombination(a, b, c, d, b, c, d, a))
            .multiply(a.linearCombination(1.5, b, -2.5, c))
            .add(a.linearCombination(0.5, a, 1.5, b, -3.0, d))
            .add(a.linearCombination(0.5, a, 1.5, b, -3.0, d, 2.0, c.square()));
      case "abs-sign-copySign":
        return a.abs().multiply(b.sign()).add(c.copySign(d)).add(d.copySign(-1.0)).multiply(b.abs())
            .add(a.copySign(a));
      case "max-min":
        return FastMath.max(a, b).multiply(FastMath.min(c, d)).add(FastMath.max(a.multiply(c), d))
            .add(FastMath.min(b, 0.05));
      case "floor-ceil-rint-round":
        return a.multiply(7).floor().multiply(b).add(c.multiply(5).ceil().multiply(d))
            .add(a.multiply(3).rint().multiply(a)).add(b.multiply(b.multiply(4).round()));
      case "remainder":
        return a.remainder(0.3).multiply(b).add(c.multiply(5).remainder(d.abs().add(0.2)));
      case "scalb-degrees-radians":
        return a.scalb(3).multiply(b.scalb(-2)).add(c.toDegrees().multiply(d.toRadians()));
      case "constants-addendum-ulp":
        return a.getPi().multiply(a).add(a.newInstance(0.125).multiply(b)).add(c.getAddendum())
            .add(d.ulp().multiply(1e10)).add(one.getField().getZero().add(d));
      case "logistic-softmax": {
        T s0 = a.multiply(b).exp();
        T s1 = c.multiply(d).exp();
        T s2 = a.multiply(d).exp();
        T norm = s0.add(s1).add(s2);
        T f = s0.divide(norm).multiply(c).add(s1.divide(norm).multiply(a)).add(s2.divide(norm).multiply(b));
        T margin = f.multiply(-1.0);
        return margin.getReal() > 0 ? margin.negate().exp().log1p() : margin.negate().add(margin.exp().log1p());
      }
      default:
        throw new IllegalArgumentException(rule);
    }
  }
}
