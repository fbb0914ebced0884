package org.gradflow.integrate;

/** The flow produced NaN or ±Inf: the run ends as FAILED with its partial results. */
final class NonFiniteStateException extends RuntimeException {
  NonFiniteStateException(double t, String what) {
    super("non-finite value at t = " + t + ": " + what);
  }
}
