package org.gradflow.integrate;

/**
 * The stage arrays of the step in progress, lent to its interpolators without copying.
 *
 * <p>Why: upstream clones every stage for each step's interpolator (16 state-length arrays per
 * DP853 step). The integrator instead reuses its stage arrays, so an interpolator is only valid
 * until its step has been accepted; Hipparchus's detectors and step handlers use it only within
 * that time. A handler that kept an interpolator and asked it later would read another step's
 * stages: {@link #check} turns that into an exception.
 */
final class StageLease {
  private long step;

  /** The token of the step now in progress. */
  long current() {
    return step;
  }

  /** The step in progress has been accepted: its stage arrays are about to be overwritten. */
  void expire() {
    step++;
  }

  void check(long token) {
    if (token != step) {
      throw new IllegalStateException("the dense output of step " + token + " was used during step " + step
          + ": its stage arrays now hold a later step (keep states, not interpolators)");
    }
  }
}
