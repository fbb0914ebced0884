package org.gradflow.integrate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradflow.core.ParameterLayout;

/**
 * A block or a product of two blocks of θ, each optionally transposed, parsed from text like
 * {@code W_K^T*W_Q}: the matrix whose spectrum {@code sigmaRatio(...)} watches.
 */
final class BlockProduct {
  private static final Pattern FACTOR = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(\\^T|')?\\s*");

  private final ParameterLayout.Block left;
  private final boolean leftT;
  private final ParameterLayout.Block right;
  private final boolean rightT;
  private final DMatrixRMaj a;
  private final DMatrixRMaj b;
  private final DMatrixRMaj product;

  private BlockProduct(ParameterLayout.Block left, boolean leftT, ParameterLayout.Block right, boolean rightT) {
    this.left = left;
    this.leftT = leftT;
    this.right = right;
    this.rightT = rightT;
    this.a = new DMatrixRMaj(left.rows(), left.cols());
    this.b = right == null ? null : new DMatrixRMaj(right.rows(), right.cols());
    int rows = leftT ? left.cols() : left.rows();
    int cols;
    if (right == null) {
      cols = leftT ? left.rows() : left.cols();
    } else {
      int inner = leftT ? left.rows() : left.cols();
      int innerR = rightT ? right.cols() : right.rows();
      if (inner != innerR) {
        throw new IllegalArgumentException("shapes do not match in product: " + describe(left, leftT)
            + " times " + describe(right, rightT));
      }
      cols = rightT ? right.rows() : right.cols();
    }
    this.product = new DMatrixRMaj(rows, cols);
  }

  /** Parses "A", "A^T", "A*B", "A^T*B", "A*B^T" against the layout. */
  static BlockProduct parse(String text, ParameterLayout layout) {
    String[] parts = text.split("\\*");
    if (parts.length > 2) {
      throw new IllegalArgumentException("at most a product of two blocks is supported: " + text);
    }
    Matcher m1 = match(parts[0], text);
    ParameterLayout.Block l = block(layout, m1.group(1));
    if (parts.length == 1) {
      return new BlockProduct(l, m1.group(2) != null, null, false);
    }
    Matcher m2 = match(parts[1], text);
    return new BlockProduct(l, m1.group(2) != null, block(layout, m2.group(1)), m2.group(2) != null);
  }

  private static Matcher match(String part, String whole) {
    Matcher m = FACTOR.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read '" + part + "' in '" + whole + "'");
    }
    return m;
  }

  private static ParameterLayout.Block block(ParameterLayout layout, String name) {
    if (!layout.has(name)) {
      throw new IllegalArgumentException("no block '" + name + "' in " + layout);
    }
    return layout.block(name);
  }

  private static String describe(ParameterLayout.Block b, boolean t) {
    return b.name() + (t ? "^T" : "") + b.shape();
  }

  int rows() {
    return product.numRows;
  }

  int cols() {
    return product.numCols;
  }

  /** The matrix at θ (this object's buffer). */
  DMatrixRMaj evaluate(double[] theta) {
    System.arraycopy(theta, left.offset(), a.data, 0, left.size());
    if (right == null) {
      if (leftT) {
        CommonOps_DDRM.transpose(a, product);
      } else {
        product.setTo(a);
      }
      return product;
    }
    System.arraycopy(theta, right.offset(), b.data, 0, right.size());
    if (leftT && rightT) {
      CommonOps_DDRM.multTransAB(a, b, product);
    } else if (leftT) {
      CommonOps_DDRM.multTransA(a, b, product);
    } else if (rightT) {
      CommonOps_DDRM.multTransB(a, b, product);
    } else {
      CommonOps_DDRM.mult(a, b, product);
    }
    return product;
  }
}
