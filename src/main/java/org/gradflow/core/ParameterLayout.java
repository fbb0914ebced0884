package org.gradflow.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named parameter blocks laid end to end in one state vector θ. Every block is a row-major
 * matrix; vectors are rows×1 blocks and scalars 1×1, remembered as such so that they serialize
 * back to the shape a user wrote (nested list, flat list, number).
 */
public final class ParameterLayout {

  /** How a block is written in JSON. */
  public enum Kind { MATRIX, VECTOR, SCALAR }

  /** One block: rows×cols entries starting at {@code offset} in θ, row-major. */
  public record Block(String name, int rows, int cols, int offset, Kind kind) {
    public int size() {
      return rows * cols;
    }

    /** Index in θ of entry (r, c). */
    public int index(int r, int c) {
      return offset + r * cols + c;
    }

    public String shape() {
      return switch (kind) {
        case SCALAR -> "scalar";
        case VECTOR -> "[" + rows + "]";
        case MATRIX -> "[" + rows + "x" + cols + "]";
      };
    }
  }

  private final List<Block> blocks;
  private final Map<String, Block> byName;
  private final int dimension;

  private ParameterLayout(List<Block> blocks) {
    this.blocks = Collections.unmodifiableList(blocks);
    Map<String, Block> map = new LinkedHashMap<>();
    int d = 0;
    for (Block b : blocks) {
      map.put(b.name(), b);
      d += b.size();
    }
    this.byName = Collections.unmodifiableMap(map);
    this.dimension = d;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int dimension() {
    return dimension;
  }

  public List<Block> blocks() {
    return blocks;
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  public Block block(String name) {
    Block b = byName.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no block '" + name + "' in layout " + byName.keySet());
    }
    return b;
  }

  public int offset(String name) {
    return block(name).offset();
  }

  /** Human-readable name of θ[index], e.g. {@code W_Q[2,3]}. */
  public String describe(int index) {
    for (Block b : blocks) {
      if (index >= b.offset() && index < b.offset() + b.size()) {
        int local = index - b.offset();
        return switch (b.kind()) {
          case SCALAR -> b.name();
          case VECTOR -> b.name() + "[" + local + "]";
          case MATRIX -> b.name() + "[" + local / b.cols() + "," + local % b.cols() + "]";
        };
      }
    }
    throw new IndexOutOfBoundsException("index " + index + " outside θ of dimension " + dimension);
  }

  /** Copies block {@code name} of θ into a fresh rows×cols array. */
  public double[][] matrix(double[] theta, String name) {
    Block b = block(name);
    double[][] m = new double[b.rows()][b.cols()];
    for (int r = 0; r < b.rows(); r++) {
      System.arraycopy(theta, b.offset() + r * b.cols(), m[r], 0, b.cols());
    }
    return m;
  }

  /** Euclidean (Frobenius) norm of one block of θ. */
  public double blockNorm(double[] theta, String name) {
    Block b = block(name);
    double s = 0;
    for (int i = b.offset(); i < b.offset() + b.size(); i++) {
      s += theta[i] * theta[i];
    }
    return Math.sqrt(s);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ParameterLayout(");
    for (Block b : blocks) {
      sb.append(b.name()).append(b.shape()).append(' ');
    }
    return sb.append("dim=").append(dimension).append(')').toString();
  }

  /** Appends blocks in order; names must be unique, sizes positive. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private int offset;

    public Builder matrix(String name, int rows, int cols) {
      return add(name, rows, cols, Kind.MATRIX);
    }

    public Builder vector(String name, int length) {
      return add(name, length, 1, Kind.VECTOR);
    }

    public Builder scalar(String name) {
      return add(name, 1, 1, Kind.SCALAR);
    }

    private Builder add(String name, int rows, int cols, Kind kind) {
      if (rows <= 0 || cols <= 0) {
        throw new IllegalArgumentException("block '" + name + "' must have positive shape, got " + rows + "x" + cols);
      }
      for (Block b : blocks) {
        if (b.name().equals(name)) {
          throw new IllegalArgumentException("duplicate block name '" + name + "'");
        }
      }
      blocks.add(new Block(name, rows, cols, offset, kind));
      offset += rows * cols;
      return this;
    }

    public ParameterLayout build() {
      if (blocks.isEmpty()) {
        throw new IllegalArgumentException("a layout needs at least one block");
      }
      return new ParameterLayout(new ArrayList<>(blocks));
    }
  }
}
