package org.gradflow.bench;

/**
 * State-length array passes of one Dormand–Prince 8(5,3) try as Hipparchus computes it, the
 * traffic no evaluation order can avoid without changing the method: internal stage k
 * (k = 1…15) reads k stage arrays and y0 and writes the stage state (k + 2 passes, 150 in all);
 * the external weights read 16 stages and y0 and write y1 (18); the error estimate reads 8
 * stages, y0 and y1 (10); the step-end state copies y1 and its derivative (4).
 */
final class StageTraffic {
  static final int DP853_PASSES = 150 + 18 + 10 + 4;

  private StageTraffic() {}

  /** Bytes of one DP853 try on an n-dimensional state. */
  static double dp853Bytes(int n) {
    return 8.0 * n * DP853_PASSES;
  }
}
