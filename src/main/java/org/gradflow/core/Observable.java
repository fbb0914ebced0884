package org.gradflow.core;

import java.util.function.ToDoubleFunction;

/**
 * A named scalar function of the state θ and its velocity θ̇ = −∇L(θ), recorded along
 * trajectories, watched by events and read by checks. Implementations may keep workspaces,
 * so one instance belongs to one integration at a time.
 */
public interface Observable {

  String name();

  double value(double[] theta, double[] thetaDot);

  /** An observable of θ alone. */
  static Observable of(String name, ToDoubleFunction<double[]> f) {
    return new Observable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double value(double[] theta, double[] thetaDot) {
        return f.applyAsDouble(theta);
      }
    };
  }

  /** An observable of θ and θ̇. */
  static Observable ofFlow(String name, StateFunction f) {
    return new Observable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double value(double[] theta, double[] thetaDot) {
        return f.value(theta, thetaDot);
      }
    };
  }

  /** (θ, θ̇) → value. */
  @FunctionalInterface
  interface StateFunction {
    double value(double[] theta, double[] thetaDot);
  }
}
