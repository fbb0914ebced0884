package org.gradflow.gd;

/**
 * A GD run produced elsewhere: the steps at which it was recorded and, per step, either the
 * parameters laid out as the system's θ ({@code states}) or only the loss ({@code losses});
 * either may be null, not both. {@code source} names the file(s) for reports.
 */
public record ImportedRun(String source, String format, long[] steps, double[][] states, double[] losses) {

  public boolean hasStates() {
    return states != null;
  }
}
