package org.gradflow.models.condensation;

import org.gradflow.spec.SpecSection;
import org.hipparchus.CalculusFieldElement;

/**
 * The FFN activation: tanh (the paper's model, Definition 3) or identity (the linear FFN the
 * stage-2 theorem is proved for, §4.4 of the paper).
 */
public enum Activation {
  TANH,
  IDENTITY;

  double apply(double h) {
    return this == TANH ? Math.tanh(h) : h;
  }

  /** act'(h) given g = act(h): 1 − g² for tanh, 1 for identity. */
  double derivativeFromValue(double g) {
    return this == TANH ? 1 - g * g : 1;
  }

  <T extends CalculusFieldElement<T>> T apply(T h) {
    return this == TANH ? h.tanh() : h;
  }

  static Activation read(SpecSection params) {
    String a = params.text("activation", "tanh");
    return switch (a) {
      case "tanh" -> TANH;
      case "identity", "linear" -> IDENTITY;
      default -> throw params.error("activation", "must be \"tanh\" or \"identity\", got \"" + a + "\"");
    };
  }
}
