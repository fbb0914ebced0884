package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.ParameterLayout;

/** Checks of resolved per-component absolute tolerances against the state they control. */
public final class AbsoluteTolerance {
  private AbsoluteTolerance() {}

  /** Root mean square of block b of θ. */
  public static double rms(double[] theta, ParameterLayout.Block b) {
    double s = 0;
    for (int i = b.offset(); i < b.offset() + b.size(); i++) {
      s += theta[i] * theta[i];
    }
    return Math.sqrt(s / b.size());
  }

  /**
   * Blocks whose RMS is nonzero but below their atol: their digits are not controlled by the
   * integrator, which silently destroys small-initialization answers. One message per block.
   */
  public static List<String> blocksBelowTolerance(double[] theta, double[] tol, ParameterLayout layout, double t) {
    List<String> out = new ArrayList<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      double rms = rms(theta, b);
      double a = tol[b.offset()];
      if (rms > 0 && rms < a) {
        out.add(String.format(Locale.ROOT,
            "block %s has RMS %.3e below its absolute tolerance %.3e at t = %.6g: its digits are not"
                + " controlled; set integrator.atol.%s or integrator.atol.relativeToInitial",
            b.name(), rms, a, t, b.name()));
      }
    }
    return out;
  }
}
