package org.gradflow.spec;

import org.gradflow.integrate.Direction;

/**
 * A threshold event: fires when {@code observable} crosses {@code threshold} in
 * {@code direction} (up, down or either); a terminal event stops the run.
 */
public record EventSpec(
    String name, String observable, Double threshold, String direction, Boolean terminal,
    String description) {

  public EventSpec {
    if (observable == null || observable.isBlank()) {
      throw new IllegalArgumentException("observable is required");
    }
    name = name == null ? observable : name;
    if (threshold == null || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold is required and must be finite");
    }
    direction = direction == null ? "either" : Direction.parse(direction).lowerCase();
    terminal = terminal != null && terminal;
    description = description == null ? "" : description;
  }

  public static EventSpec of(String name, String observable, double threshold, Direction d,
      boolean terminal, String description) {
    return new EventSpec(name, observable, threshold, d.lowerCase(), terminal, description);
  }

  public Direction directionKind() {
    return Direction.parse(direction);
  }
}
