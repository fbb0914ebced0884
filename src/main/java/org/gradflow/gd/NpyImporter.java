package org.gradflow.gd;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecException;
import org.openlca.npy.Npy;
import org.openlca.npy.NpyArray;
import org.openlca.npy.NpyHeader;

/**
 * Parameter snapshots from NumPy files, read with the org.openlca:npy library (NPY format
 * versions 1–3, plain or compressed NPZ). Either one {@code .npz} archive or a folder of
 * {@code .npy} files, holding:
 * <ul>
 *   <li>{@code steps}: integer (or integral float) vector of length S, strictly increasing, ≥ 0;
 *   <li>one array per parameter block, named exactly as the block, float32 or float64, C order,
 *       shape (S, rows, cols) for a matrix block, (S, n) for a vector, (S,) for a scalar;
 *   <li>optionally {@code loss}: vector of length S (the loss the other program logged).
 * </ul>
 * Anything else (unknown or missing names, wrong shapes, Fortran order, other dtypes, NaN/Inf)
 * is a {@link SpecException} naming the file and the array.
 */
final class NpyImporter {
  private NpyImporter() {}

  static ImportedRun npz(Path file, ParameterLayout layout) {
    String where = file.toString();
    Map<String, NpyArray<?>> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName().endsWith(".npy") ? entry.getName().substring(0, entry.getName().length() - 4)
            : entry.getName();
        if (arrays.containsKey(name)) {
          throw new SpecException(where, name, "appears twice in the archive: which one is meant is ambiguous");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        requireWhole(where, name, bytes.length, new java.io.ByteArrayInputStream(bytes));
        arrays.put(name, Npy.read(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes))));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SpecException s) {
        throw s;
      }
      throw new SpecException(where, null, "cannot read as .npz: " + e.getMessage());
    }
    return assemble(where, "npz", arrays, layout);
  }

  /**
   * The library fills whatever a file lacks with zeros; so the bytes are counted first: a
   * header's shape × item size must be exactly the data that follows it.
   */
  private static void requireWhole(String where, String name, long totalBytes, InputStream in) throws IOException {
    NpyHeader h;
    try {
      h = NpyHeader.read(in);
    } catch (org.openlca.npy.NpyFormatException | IOException e) {
      throw new SpecException(where, name, "not an .npy array (bad or truncated header): " + e.getMessage());
    }
    long data = totalBytes - h.dataOffset();
    long want = h.dict().dataSize();
    if (data != want) {
      throw new SpecException(where, name, (data < want ? "truncated" : "has trailing bytes") + ": " + data
          + " data bytes, but shape " + java.util.Arrays.toString(h.dict().shape()) + " of " + h.dict().dataType()
          + " needs " + want);
    }
  }

  static ImportedRun folder(Path dir, ParameterLayout layout) {
    String where = dir.toString();
    Map<String, NpyArray<?>> arrays = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new SpecException(where, null, "cannot list folder: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new SpecException(where, null, "no .npy files in this folder");
    }
    for (Path p : files) {
      String name = p.getFileName().toString();
      String array = name.substring(0, name.length() - 4);
      try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p))) {
        requireWhole(p.toString(), array, Files.size(p), in);
        arrays.put(array, Npy.read(new File(p.toString())));
      } catch (IOException | RuntimeException e) {
        if (e instanceof SpecException s) {
          throw s;
        }
        throw new SpecException(p.toString(), null, "cannot read as .npy: " + e.getMessage());
      }
    }
    return assemble(where, "npy", arrays, layout);
  }

  private static ImportedRun assemble(String where, String format, Map<String, NpyArray<?>> arrays,
      ParameterLayout layout) {
    NpyArray<?> stepsArray = arrays.get("steps");
    if (stepsArray == null) {
      throw new SpecException(where, "steps", "missing: an integer array of the GD steps of the snapshots");
    }
    long[] steps = steps(where, stepsArray);
    int s = steps.length;
    for (String name : arrays.keySet()) {
      if (!name.equals("steps") && !name.equals("loss") && !layout.has(name)) {
        throw new SpecException(where, name, "unknown block (this system has " + blocks(layout) + ")");
      }
    }
    double[][] states = new double[s][layout.dimension()];
    for (ParameterLayout.Block b : layout.blocks()) {
      NpyArray<?> a = arrays.get(b.name());
      if (a == null) {
        throw new SpecException(where, b.name(), "block is missing (expected shape " + expected(b, s) + ")");
      }
      int[] want = shape(b, s);
      if (!java.util.Arrays.equals(a.shape(), want)) {
        throw new SpecException(where, b.name(), "shape " + java.util.Arrays.toString(a.shape()) + " does not match "
            + expected(b, s) + " (snapshots × block " + b.shape() + ")");
      }
      double[] v = values(where, b.name(), a);
      for (int k = 0; k < s; k++) {
        System.arraycopy(v, k * b.size(), states[k], b.offset(), b.size());
      }
    }
    double[] losses = null;
    if (arrays.containsKey("loss")) {
      NpyArray<?> l = arrays.get("loss");
      if (l.shape().length != 1 || l.shape()[0] != s) {
        throw new SpecException(where, "loss", "shape " + java.util.Arrays.toString(l.shape()) + " does not match [" + s + "]");
      }
      losses = values(where, "loss", l);
    }
    return new ImportedRun(where, format, steps, states, losses);
  }

  static long[] steps(String where, NpyArray<?> a) {
    if (a.shape().length != 1 || a.shape()[0] == 0) {
      throw new SpecException(where, "steps", "must be a non-empty vector, got shape " + java.util.Arrays.toString(a.shape()));
    }
    long[] steps = new long[a.size()];
    if (a.isLongArray() || a.isIntArray() || a.isShortArray() || a.isByteArray()) {
      steps = a.asLongArray().data();
    } else if (a.isDoubleArray() || a.isFloatArray()) {
      double[] d = a.asDoubleArray().data();
      for (int i = 0; i < d.length; i++) {
        if (d[i] != Math.rint(d[i])) {
          throw new SpecException(where, "steps[" + i + "]", "must be an integer, got " + d[i]);
        }
        steps[i] = (long) d[i];
      }
    } else {
      throw new SpecException(where, "steps", "must be an integer array, got dtype " + a.dataType());
    }
    ImportChecks.increasingSteps(where, "steps", steps);
    return steps;
  }

  private static double[] values(String where, String name, NpyArray<?> a) {
    if (a.hasColumnOrder()) {
      throw new SpecException(where, name, "is stored in Fortran (column) order; save np.ascontiguousarray(x)");
    }
    double[] v;
    if (a.isDoubleArray()) {
      v = a.asDoubleArray().data();
    } else if (a.isFloatArray()) {
      v = a.asDoubleArray().data(); // float32 → float64 is exact
    } else {
      throw new SpecException(where, name, "must be float32 or float64, got dtype " + a.dataType());
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new SpecException(where, name, "entry " + i + " (flat, C order) is " + v[i]);
      }
    }
    return v;
  }

  private static int[] shape(ParameterLayout.Block b, int s) {
    return switch (b.kind()) {
      case SCALAR -> new int[] {s};
      case VECTOR -> new int[] {s, b.rows()};
      case MATRIX -> new int[] {s, b.rows(), b.cols()};
    };
  }

  private static String expected(ParameterLayout.Block b, int s) {
    return java.util.Arrays.toString(shape(b, s));
  }

  static String blocks(ParameterLayout layout) {
    List<String> l = new ArrayList<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      l.add(b.name() + " " + b.shape());
    }
    return String.join(", ", l);
  }
}
