package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Samples of a run on its time grid: columns {@code t}, {@code loss}, {@code gradNorm}, then the
 * recorded observables. States θ(t) are kept where the run's state budget allows (null
 * otherwise), so checks and figures can look at snapshots; the high-precision path also keeps
 * each sample's θ as decimal strings with all its digits.
 */
public final class Trajectory {
  private final List<String> columns;
  private final List<double[]> rows = new ArrayList<>();
  private final List<double[]> states = new ArrayList<>();
  private final List<String[]> decimalStates = new ArrayList<>();

  public Trajectory(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  public void add(double[] row, double[] stateOrNull) {
    add(row, stateOrNull, null);
  }

  /** A sample with, on the high-precision path, θ's full decimal digits (else null). */
  public void add(double[] row, double[] stateOrNull, String[] decimalStateOrNull) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException("row of " + row.length + " values for " + columns.size() + " columns");
    }
    rows.add(row);
    states.add(stateOrNull);
    decimalStates.add(decimalStateOrNull);
  }

  public List<String> columns() {
    return columns;
  }

  public int size() {
    return rows.size();
  }

  public double[] row(int i) {
    return rows.get(i);
  }

  public List<double[]> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** θ at sample i, or null if the state budget did not keep it. */
  public double[] state(int i) {
    return states.get(i);
  }

  /** θ at sample i in all its decimal digits (high-precision path), or null. */
  public String[] decimalState(int i) {
    return decimalStates.get(i);
  }

  public boolean hasDecimalStates() {
    return !decimalStates.isEmpty() && decimalStates.get(0) != null;
  }

  public int columnIndex(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "' (have " + columns + ")");
    }
    return i;
  }

  public boolean hasColumn(String name) {
    return columns.contains(name);
  }

  public double[] column(String name) {
    int c = columnIndex(name);
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rows.get(i)[c];
    }
    return v;
  }

  public double[] times() {
    return column("t");
  }

  /** Last sample's value of a column. */
  public double last(String name) {
    return rows.get(rows.size() - 1)[columnIndex(name)];
  }
}
