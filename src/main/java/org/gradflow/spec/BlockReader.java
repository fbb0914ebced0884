package org.gradflow.spec;

import java.util.HashSet;
import java.util.Set;
import org.gradflow.core.ParameterLayout;

/**
 * Reads explicit parameter blocks by name ({@code {"W": [[...]], "a": [...]}}) into θ with
 * shape checks: every block of the layout must be given, no unknown names, all entries finite.
 */
public final class BlockReader {
  private BlockReader() {}

  public static double[] read(SpecSection blocks, ParameterLayout layout) {
    if (!blocks.node().isObject()) {
      throw blocks.error("must be an object of blocks by name " + names(layout));
    }
    double[] theta = new double[layout.dimension()];
    Set<String> seen = new HashSet<>();
    for (String name : blocks.fieldNames()) {
      if (!layout.has(name)) {
        throw blocks.error(name, "unknown block (this model has " + names(layout) + ")");
      }
      readBlock(blocks.child(name), layout.block(name), theta);
      seen.add(name);
    }
    for (ParameterLayout.Block b : layout.blocks()) {
      if (!seen.contains(b.name())) {
        throw blocks.error(b.name(), "block is missing (shape " + b.shape() + ")");
      }
    }
    return theta;
  }

  /** Reads one block into θ at its offset. */
  public static void readBlock(SpecSection s, ParameterLayout.Block b, double[] theta) {
    switch (b.kind()) {
      case SCALAR -> theta[b.offset()] = scalar(s);
      case VECTOR -> System.arraycopy(s.vector(b.rows()), 0, theta, b.offset(), b.rows());
      case MATRIX -> {
        double[][] m = s.matrix(b.rows(), b.cols());
        for (int r = 0; r < b.rows(); r++) {
          System.arraycopy(m[r], 0, theta, b.offset() + r * b.cols(), b.cols());
        }
      }
    }
  }

  private static double scalar(SpecSection s) {
    if (s.node().isArray() && s.node().size() == 1) {
      return s.vector(1)[0];
    }
    if (!s.node().isNumber()) {
      throw s.error("must be a number");
    }
    double v = s.node().doubleValue();
    if (!Double.isFinite(v)) {
      throw s.error("must be finite, got " + v);
    }
    return v;
  }

  private static String names(ParameterLayout layout) {
    StringBuilder sb = new StringBuilder("{");
    for (ParameterLayout.Block b : layout.blocks()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(b.name()).append(' ').append(b.shape());
    }
    return sb.append('}').toString();
  }
}
