package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gradflow.spec.SpecSection;

/**
 * Repetitions over seeds: every combination of the axes is run once per seed, the seed written
 * to each of {@code paths} (e.g. {@code data.seed} and {@code init.gaussian.seed}). Seeds are
 * listed ({@code "seeds": [1, 2, 3]}) or counted ({@code "count": 5, "start": 0}).
 */
public record Repetition(List<String> paths, List<Long> seeds) {
  private static final List<String> FIELDS = List.of("path", "seeds", "count", "start");

  public Repetition {
    paths = List.copyOf(paths);
    seeds = List.copyOf(seeds);
  }

  static Repetition parse(SpecSection s) {
    s.allowOnly(FIELDS);
    List<String> paths = new ArrayList<>();
    JsonNode p = s.node().get("path");
    if (p != null && p.isTextual() && !p.asText().isBlank()) {
      paths.add(p.asText().trim());
    } else if (p != null && p.isArray() && !p.isEmpty()) {
      for (JsonNode e : p) {
        if (!e.isTextual() || e.asText().isBlank()) {
          throw s.error("path", "must be a dotted path or a list of them");
        }
        paths.add(e.asText().trim());
      }
    } else {
      throw s.error("path", "required: the seed field(s), e.g. \"data.seed\" or [\"data.seed\", \"init.gaussian.seed\"]");
    }
    List<Long> seeds = new ArrayList<>();
    if (s.has("seeds")) {
      if (s.has("count")) {
        throw s.error("give either \"seeds\" (list) or \"count\" (with optional \"start\"), not both");
      }
      JsonNode list = s.node().get("seeds");
      if (!list.isArray() || list.isEmpty()) {
        throw s.error("seeds", "must be a non-empty list of integers");
      }
      for (JsonNode e : list) {
        if (!e.canConvertToExactIntegral() || !e.canConvertToLong()) {
          throw s.error("seeds", "must be integers, got " + e);
        }
        seeds.add(e.asLong());
      }
    } else {
      int count = s.positiveInteger("count");
      long start = s.integer("start", 0);
      for (int i = 0; i < count; i++) {
        seeds.add(start + i);
      }
    }
    if (seeds.stream().distinct().count() != seeds.size()) {
      throw s.error("seeds", "repeated seed: runs would be identical");
    }
    return new Repetition(paths, seeds);
  }
}
