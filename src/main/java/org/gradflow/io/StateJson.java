package org.gradflow.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.FlowSystem;

/** θ as blocks by name, in the same shapes a spec's explicit init takes (round-trips). */
public final class StateJson {
  private StateJson() {}

  /**
   * A state file (initial-state.json, final-state.json): {@code t}, θ as {@code blocks}, and
   * the non-trained {@code fixed} fields (co-occurrence {@code a}) of the system, so that
   * {@code "init": {"explicit": blocks, ...fixed}} rebuilds the system at this state.
   */
  public static Map<String, Object> state(FlowSystem system, double t, double[] theta) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("t", t);
    out.put("blocks", blocks(system.flow().layout(), theta));
    out.put("fixed", system.inputs().initFields());
    return out;
  }

  public static Map<String, Object> blocks(ParameterLayout layout, double[] theta) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      out.put(b.name(), block(b, theta));
    }
    return out;
  }

  /** Same, for decimal strings (the high-precision path's final state). */
  public static Map<String, Object> blocks(ParameterLayout layout, String[] theta) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      List<Object> rows = new ArrayList<>();
      for (int r = 0; r < b.rows(); r++) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < b.cols(); c++) {
          row.add(theta[b.index(r, c)]);
        }
        rows.add(b.kind() == ParameterLayout.Kind.MATRIX ? row : row.get(0));
      }
      out.put(b.name(), b.kind() == ParameterLayout.Kind.SCALAR ? rows.get(0) : rows);
    }
    return out;
  }

  private static Object block(ParameterLayout.Block b, double[] theta) {
    switch (b.kind()) {
      case SCALAR:
        return theta[b.offset()];
      case VECTOR: {
        double[] v = new double[b.rows()];
        System.arraycopy(theta, b.offset(), v, 0, v.length);
        return v;
      }
      default: {
        double[][] m = new double[b.rows()][b.cols()];
        for (int r = 0; r < b.rows(); r++) {
          System.arraycopy(theta, b.index(r, 0), m[r], 0, b.cols());
        }
        return m;
      }
    }
  }
}
