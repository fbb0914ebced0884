package org.gradflow.gd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecException;

/**
 * GD runs as comma-separated numbers with one header line (lines starting with '#' and blank
 * lines are skipped; no quoting, since every field is a number or a plain column name):
 * <ul>
 *   <li>loss curve: header {@code step,loss}, one row per logged step;
 *   <li>parameter snapshots: header {@code step} then one column per entry of θ, named
 *       {@code <block>[i]} with i the row-major (C order) flat index inside the block, or just
 *       {@code <block>} for a scalar block; optional {@code loss} column. Every entry of every
 *       block must appear exactly once, in any order.
 * </ul>
 */
final class CsvImporter {
  private CsvImporter() {}

  /** Loss curve or snapshots, decided by the header. */
  static ImportedRun read(Path file, ParameterLayout layout) {
    String where = file.toString();
    List<String[]> lines = lines(file);
    String[] header = lines.get(0);
    if (header.length == 0 || !header[0].trim().equals("step")) {
      throw new SpecException(where, "header", "the first column must be 'step', got '" + (header.length == 0 ? "" : header[0]) + "'");
    }
    int rows = lines.size() - 1;
    if (rows == 0) {
      throw new SpecException(where, null, "no data rows after the header");
    }
    long[] steps = new long[rows];
    Map<String, Integer> columnOf = new HashMap<>();
    for (int c = 0; c < header.length; c++) {
      String name = header[c].trim();
      if (columnOf.put(name, c) != null) {
        throw new SpecException(where, "header", "column '" + name + "' appears twice");
      }
    }
    double[][] values = new double[rows][header.length];
    for (int r = 0; r < rows; r++) {
      String[] f = lines.get(r + 1);
      int lineNo = r + 2;
      if (f.length != header.length) {
        throw new SpecException(where, "line " + lineNo, "has " + f.length + " fields, the header has " + header.length);
      }
      for (int c = 0; c < f.length; c++) {
        values[r][c] = number(where, lineNo, header[c].trim(), f[c]);
      }
      if (values[r][0] != Math.rint(values[r][0])) {
        throw new SpecException(where, "line " + lineNo, "step must be an integer, got " + f[0].trim());
      }
      steps[r] = (long) values[r][0];
    }
    ImportChecks.increasingSteps(where, "step", steps);
    Integer lossColumn = columnOf.get("loss");
    double[] losses = null;
    if (lossColumn != null) {
      losses = new double[rows];
      for (int r = 0; r < rows; r++) {
        losses[r] = values[r][lossColumn];
      }
    }
    if (header.length == 2 && lossColumn != null) {
      return new ImportedRun(where, "loss-csv", steps, null, losses);
    }
    double[][] states = new double[rows][layout.dimension()];
    boolean[] seen = new boolean[layout.dimension()];
    for (int c = 1; c < header.length; c++) {
      String name = header[c].trim();
      if (name.equals("loss")) {
        continue;
      }
      int index = index(where, name, layout);
      if (seen[index]) {
        throw new SpecException(where, "header", "column '" + name + "' names entry " + layout.describe(index) + " twice");
      }
      seen[index] = true;
      for (int r = 0; r < rows; r++) {
        states[r][index] = values[r][c];
      }
    }
    for (ParameterLayout.Block b : layout.blocks()) {
      for (int i = 0; i < b.size(); i++) {
        if (!seen[b.offset() + i]) {
          throw new SpecException(where, "header", "column '" + b.name() + "[" + i + "]' is missing (block " + b.name()
              + " " + b.shape() + " needs " + b.size() + " columns " + b.name() + "[0].." + b.name() + "[" + (b.size() - 1) + "])");
        }
      }
    }
    return new ImportedRun(where, "csv", steps, states, losses);
  }

  /** θ index of a column named {@code block[i]} or {@code block} (scalar). */
  private static int index(String where, String column, ParameterLayout layout) {
    String block = column;
    int i = 0;
    int open = column.indexOf('[');
    if (open >= 0) {
      if (!column.endsWith("]")) {
        throw new SpecException(where, "header", "column '" + column + "' must look like block[i]");
      }
      block = column.substring(0, open);
      try {
        i = Integer.parseInt(column.substring(open + 1, column.length() - 1).trim());
      } catch (NumberFormatException e) {
        throw new SpecException(where, "header", "column '" + column + "': index must be one integer (flat, C order)");
      }
    }
    if (!layout.has(block)) {
      throw new SpecException(where, "header", "column '" + column + "': unknown block '" + block
          + "' (this system has " + NpyImporter.blocks(layout) + ")");
    }
    ParameterLayout.Block b = layout.block(block);
    if (open < 0 && b.size() != 1) {
      throw new SpecException(where, "header", "column '" + column + "': block " + block + " " + b.shape()
          + " has " + b.size() + " entries; name them " + block + "[0].." + block + "[" + (b.size() - 1) + "]");
    }
    if (i < 0 || i >= b.size()) {
      throw new SpecException(where, "header", "column '" + column + "': index " + i + " outside block " + block
          + " " + b.shape() + " (0.." + (b.size() - 1) + ")");
    }
    return b.offset() + i;
  }

  private static double number(String where, int line, String column, String text) {
    if (text.isBlank()) {
      throw new SpecException(where, "line " + line, "column '" + column + "': missing value");
    }
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new SpecException(where, "line " + line, "column '" + column + "' is " + text.trim());
      }
      return v;
    } catch (NumberFormatException e) {
      throw new SpecException(where, "line " + line, "column '" + column + "': not a number: '" + text.trim() + "'");
    }
  }

  private static List<String[]> lines(Path file) {
    List<String> raw;
    try {
      raw = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file.toString(), null, "file not found");
    } catch (IOException e) {
      throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
    }
    List<String[]> out = new ArrayList<>();
    for (String l : raw) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      out.add(t.split(",", -1));
    }
    if (out.isEmpty()) {
      throw new SpecException(file.toString(), null, "empty file (expected a header line)");
    }
    return out;
  }
}
