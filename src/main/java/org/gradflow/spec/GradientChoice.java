package org.gradflow.spec;

import java.util.Arrays;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ReverseAdFlow;

/**
 * The spec's top-level {@code "gradient"}: which gradient runs, GD and sweeps integrate.
 * Absent, a model uses its analytic kernel if it has one, else the reverse sweep of its loss.
 */
public enum GradientChoice {
  /** The model's hand-written kernel (an error for a model that only has a loss). */
  ANALYTIC("analytic"),
  /** The reverse-mode sweep of the model's generic loss, in double and on the Dfp path. */
  REVERSE_AD("reverse-ad");

  private final String text;

  GradientChoice(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  static GradientChoice parse(String file, String value) {
    for (GradientChoice c : values()) {
      if (c.text.equals(value)) {
        return c;
      }
    }
    throw new SpecException(file, "gradient", "must be one of "
        + Arrays.stream(values()).map(c -> "\"" + c.text + "\"").toList() + ", got \"" + value + "\"");
  }

  /** The flow to integrate: {@code built} itself, or its reverse-AD twin. */
  GradientFlow apply(String file, String model, GradientFlow built) {
    if (this == ANALYTIC && !GradientFlow.hasAnalyticGradient(built)) {
      throw new SpecException(file, "gradient", "model '" + model
          + "' has no analytic gradient (only its loss); use \"reverse-ad\" or leave the field out");
    }
    return this == REVERSE_AD ? new ReverseAdFlow(built) : built;
  }
}
