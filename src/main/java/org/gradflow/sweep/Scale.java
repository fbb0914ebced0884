package org.gradflow.sweep;

import org.gradflow.spec.SpecSection;

/**
 * How a fit transforms a variable: {@code linear} (v), {@code log} (ln v) or
 * {@code logInverse} (ln(1/v), for escape times ∝ log(1/ε)).
 */
public enum Scale {
  LINEAR("linear"),
  LOG("log"),
  LOG_INVERSE("logInverse");

  private final String word;

  Scale(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public double apply(double v) {
    return switch (this) {
      case LINEAR -> v;
      case LOG -> Math.log(v);
      case LOG_INVERSE -> -Math.log(v);
    };
  }

  public double invert(double u) {
    return switch (this) {
      case LINEAR -> u;
      case LOG -> Math.exp(u);
      case LOG_INVERSE -> Math.exp(-u);
    };
  }

  /** Axis label of the transformed variable. */
  public String label(String name) {
    return switch (this) {
      case LINEAR -> name;
      case LOG -> name;
      case LOG_INVERSE -> "ln(1/" + name + ")";
    };
  }

  static Scale parse(SpecSection s, String field, Scale fallback) {
    String w = s.text(field, null);
    if (w == null) {
      return fallback;
    }
    for (Scale k : values()) {
      if (k.word.equals(w)) {
        return k;
      }
    }
    throw s.error(field, "unknown scale '" + w + "' (expected linear, log or logInverse)");
  }
}
