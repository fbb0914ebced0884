package org.gradflow.integrate;

import java.util.Locale;

/** Which crossings of an event's threshold count. */
public enum Direction {
  UP,
  DOWN,
  EITHER;

  /** Whether a crossing in that sense counts. */
  public boolean accepts(boolean increasing) {
    return this == EITHER || (this == UP) == increasing;
  }

  /** Parses up, down or either, case-insensitively. */
  public static Direction parse(String name) {
    for (Direction d : values()) {
      if (d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("direction must be up, down or either, got " + name);
  }

  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }
}
