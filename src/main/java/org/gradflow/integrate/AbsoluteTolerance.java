package org.gradflow.integrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecSection;

/**
 * Per-component absolute tolerances from the spec's {@code integrator.atol}: a number; or an
 * object with {@code default}, per-block numbers, and {@code relativeToInitial} (a block's atol
 * is that factor times the block's RMS at t = 0, for tiny initializations whose scale a fixed
 * atol would swamp). Per-block numbers win over relativeToInitial, which wins over default.
 */
public final class AbsoluteTolerance {
  public static final double DEFAULT = 1e-12;

  private AbsoluteTolerance() {}

  public static double[] resolve(SpecSection atol, ParameterLayout layout, double[] theta0) {
    double[] tol = new double[layout.dimension()];
    JsonNode n = atol.node();
    if (!atol.isPresent()) {
      java.util.Arrays.fill(tol, DEFAULT);
      return tol;
    }
    if (n.isNumber()) {
      java.util.Arrays.fill(tol, positive(atol, n.doubleValue()));
      return tol;
    }
    if (!n.isObject()) {
      throw atol.error("must be a number or an object {default, relativeToInitial, <block>: number}");
    }
    double fallback = atol.has("default") ? positive(atol.child("default"), atol.number("default")) : DEFAULT;
    Double relative = atol.has("relativeToInitial")
        ? positive(atol.child("relativeToInitial"), atol.number("relativeToInitial")) : null;
    for (String f : atol.fieldNames()) {
      if (!f.equals("default") && !f.equals("relativeToInitial") && !layout.has(f)) {
        throw atol.error(f, "unknown block (expected default, relativeToInitial or a block of " + layout + ")");
      }
    }
    for (ParameterLayout.Block b : layout.blocks()) {
      double v = fallback;
      if (atol.has(b.name())) {
        v = positive(atol.child(b.name()), atol.number(b.name()));
      } else if (relative != null) {
        double rms = rms(theta0, b);
        v = rms > 0 ? relative * rms : fallback;
      }
      java.util.Arrays.fill(tol, b.offset(), b.offset() + b.size(), v);
    }
    return tol;
  }

  private static double positive(SpecSection where, double v) {
    if (!(v > 0)) {
      throw where.error("must be positive, got " + v);
    }
    return v;
  }

  static double rms(double[] theta, ParameterLayout.Block b) {
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
