package org.gradflow.integrate;

import org.gradflow.core.Observable;

/**
 * A threshold event of a solve: fires when {@code observable} crosses {@code threshold} in
 * {@code direction}; a terminal event stops the run there. Stop conditions are terminal events.
 */
public record Event(String name, Observable observable, double threshold, Direction direction, boolean terminal) {
  public Event {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("event '" + name + "': threshold must be finite, got " + threshold);
    }
  }

  /** The stop condition "observable falls below level". */
  public static Event stopBelow(Observable observable, double level) {
    return new Event("stop: " + observable.name() + " below", observable, level, Direction.DOWN, true);
  }
}
