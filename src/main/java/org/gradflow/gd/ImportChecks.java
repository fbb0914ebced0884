package org.gradflow.gd;

import org.gradflow.spec.SpecException;

/** Checks shared by the importers. */
final class ImportChecks {
  private ImportChecks() {}

  static void increasingSteps(String where, String field, long[] steps) {
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] < 0) {
        throw new SpecException(where, field, "steps must be >= 0, got " + steps[i] + " at position " + i);
      }
      if (i > 0 && steps[i] <= steps[i - 1]) {
        throw new SpecException(where, field, "steps must be strictly increasing, got " + steps[i - 1]
            + " then " + steps[i] + " at position " + i);
      }
    }
  }
}
