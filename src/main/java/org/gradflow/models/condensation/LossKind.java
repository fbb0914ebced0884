package org.gradflow.models.condensation;

import org.gradflow.spec.SpecSection;
import org.hipparchus.CalculusFieldElement;

/**
 * Per-sample loss ℓ(y f): exponential exp(−y f) (the paper's Eq. 3) or logistic log(1 + e^{−y f})
 * (the extension the paper mentions). The deficit ℓ(0) − ℓ(y f) is computed without
 * cancellation (expm1, log1p): in stage 1, f = O(ε³) and L itself rounds to ℓ(0).
 */
public enum LossKind {
  EXPONENTIAL,
  LOGISTIC;

  /** ℓ(m) with m = −y f. */
  double value(double m) {
    if (this == EXPONENTIAL) {
      return Math.exp(m);
    }
    return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
  }

  /** dℓ/dm. */
  double slope(double m) {
    if (this == EXPONENTIAL) {
      return Math.exp(m);
    }
    return m > 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
  }

  /** d²ℓ/dm². */
  double curvature(double m) {
    if (this == EXPONENTIAL) {
      return Math.exp(m);
    }
    double sg = slope(m);
    return sg * (1 - sg);
  }

  /** ℓ(0) − ℓ(m), accurate when m is tiny. */
  double deficit(double m) {
    if (this == EXPONENTIAL) {
      return -Math.expm1(m);
    }
    return -Math.log1p(Math.expm1(m) / 2);
  }

  <T extends CalculusFieldElement<T>> T value(T m) {
    if (this == EXPONENTIAL) {
      return m.exp();
    }
    return m.getReal() > 0 ? m.add(m.negate().exp().log1p()) : m.exp().log1p();
  }

  static LossKind read(SpecSection params) {
    String l = params.text("loss", "exponential");
    return switch (l) {
      case "exponential" -> EXPONENTIAL;
      case "logistic" -> LOGISTIC;
      default -> throw params.error("loss", "must be \"exponential\" or \"logistic\", got \"" + l + "\"");
    };
  }
}
