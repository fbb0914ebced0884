package org.gradflow.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated sweep: the base system (its file as written and its JSON tree), fixed overrides
 * applied to every point, the axes, how they combine, optional repetitions over seeds, and the
 * expectations the aggregate is judged by. {@code tree} is the sweep JSON with the base system
 * inlined ({@code "base": {...}}), so a sweep folder can be re-read without the original files.
 */
public record SweepSpec(
    String file,
    String name,
    String description,
    String baseFile,
    ObjectNode baseTree,
    List<String> set,
    List<Axis> axes,
    Combine combine,
    Repetition repetition,
    List<Expectation> expectations,
    ObjectNode tree) {

  /** Cartesian product of the axes (first axis slowest), or zipped element by element. */
  public enum Combine { CARTESIAN, ZIP }

  public SweepSpec {
    set = List.copyOf(set);
    axes = List.copyOf(axes);
    expectations = List.copyOf(expectations);
  }
}
