package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonNode;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.AbsoluteTolerance;

/**
 * Per-component absolute tolerances from the spec's {@code integrator.atol}: a number; or an
 * object with {@code default}, per-block numbers, and {@code relativeToInitial} (a block's atol
 * is that factor times the block's RMS at t = 0, for tiny initializations whose scale a fixed
 * atol would swamp). Per-block numbers win over relativeToInitial, which wins over default.
 */
public final class AtolSection {
  public static final double DEFAULT = 1e-12;

  private AtolSection() {}

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
        double rms = AbsoluteTolerance.rms(theta0, b);
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
}
