package org.gradflow.integrate;

/**
 * How θ advances: Hipparchus's adaptive Dormand–Prince 8(5,3) or 5(4) on the flow, or full-batch
 * gradient descent θ_{k+1} = θ_k − η∇L(θ_k) (the flow's explicit Euler discretization with fixed
 * step η, {@link SolveOptions#learningRate()}).
 */
public enum Method {
  DP853(15),
  DP54(6),
  GD(1);

  private final int evaluationsPerStep;

  Method(int evaluationsPerStep) {
    this.evaluationsPerStep = evaluationsPerStep;
  }

  /** Gradient evaluations per accepted step (DP853: 12 stages plus 3 dense-output stages). */
  public int evaluationsPerStep() {
    return evaluationsPerStep;
  }

  /** Parses a name case-insensitively; IllegalArgumentException names the known ones. */
  public static Method parse(String name) {
    for (Method m : values()) {
      if (m.name().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("method must be DP853, DP54 or GD, got " + name);
  }
}
