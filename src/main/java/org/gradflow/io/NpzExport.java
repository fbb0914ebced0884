package org.gradflow.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.openlca.npy.NpyArray;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.NpyLongArray;
import org.openlca.npy.Npz;

/**
 * An exported instance as one NumPy {@code .npz} (written by org.openlca:npy, C order,
 * little-endian): θ0 by block name in its block shape, {@code theta0} flat in layout order,
 * {@code negGrad0} = −∇L(θ0) and {@code loss0} (for a script to check its own gradient), and
 * every number and rectangular array of the explicit {@code params}, {@code data} and
 * {@code init} fields by field name (token ids and other integers as int64). A name that is
 * taken already gets its dotted spec path ({@code params.b}).
 */
public final class NpzExport {
  private NpzExport() {}

  public static void write(File file, ParameterLayout layout, double[] theta0, double[] negGrad0,
      double loss0, JsonNode sections) {
    Map<String, NpyArray<?>> arrays = new LinkedHashMap<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      double[] v = new double[b.size()];
      System.arraycopy(theta0, b.offset(), v, 0, v.length);
      int[] shape = switch (b.kind()) {
        case SCALAR -> new int[0];
        case VECTOR -> new int[] {b.rows()};
        case MATRIX -> new int[] {b.rows(), b.cols()};
      };
      arrays.put(b.name(), new NpyDoubleArray(shape, v, false));
    }
    put(arrays, "theta0", "theta0", NpyDoubleArray.vectorOf(theta0.clone()));
    put(arrays, "negGrad0", "negGrad0", NpyDoubleArray.vectorOf(negGrad0.clone()));
    put(arrays, "loss0", "loss0", new NpyDoubleArray(new int[0], new double[] {loss0}, false));
    sections.fields().forEachRemaining(s -> collect(arrays, s.getKey(), s.getKey(), s.getValue()));
    try {
      Npz.create(file, zip -> arrays.forEach((name, a) -> Npz.write(zip, name + ".npy", a)));
    } catch (RuntimeException e) {
      throw new UncheckedIOException("cannot write " + file, new java.io.IOException(e.getMessage(), e));
    }
  }

  /** Numbers and rectangular numeric arrays under {@code node} (θ0's own blocks excepted). */
  private static void collect(Map<String, NpyArray<?>> out, String name, String path, JsonNode node) {
    if (path.equals("init.explicit")) {
      return;
    }
    NpyArray<?> tensor = tensor(node);
    if (tensor != null) {
      put(out, name, path, tensor);
    } else if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(out, f.getKey(), path + "." + f.getKey(), f.getValue()));
    }
  }

  private static void put(Map<String, NpyArray<?>> out, String name, String path, NpyArray<?> a) {
    out.put(out.containsKey(name) ? path : name, a);
  }

  /** A number or rectangular nested array of numbers as an NPY array, else null. */
  static NpyArray<?> tensor(JsonNode node) {
    List<Integer> shape = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      if (n.isEmpty()) {
        return null;
      }
      shape.add(n.size());
    }
    List<JsonNode> leaves = new ArrayList<>();
    if (!leaves(node, shape, 0, leaves)) {
      return null;
    }
    int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
    if (leaves.stream().allMatch(JsonNode::canConvertToLong) && leaves.stream().allMatch(JsonNode::isIntegralNumber)) {
      return new NpyLongArray(dims, leaves.stream().mapToLong(JsonNode::longValue).toArray(), false);
    }
    return new NpyDoubleArray(dims, leaves.stream().mapToDouble(JsonNode::doubleValue).toArray(), false);
  }

  private static boolean leaves(JsonNode n, List<Integer> shape, int depth, List<JsonNode> out) {
    if (depth == shape.size()) {
      if (!n.isNumber()) {
        return false;
      }
      out.add(n);
      return true;
    }
    if (!n.isArray() || n.size() != shape.get(depth)) {
      return false;
    }
    for (JsonNode c : n) {
      if (!leaves(c, shape, depth + 1, out)) {
        return false;
      }
    }
    return true;
  }
}
