package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which field names a reader consulted at each place of one spec (path → names). Readers never
 * list their fields twice: whatever they ask for is, by definition, what they know; a field in
 * the file that no reader asked about is unknown. One mechanism for every level of every family.
 */
final class FieldLog {
  private final Map<String, Set<String>> consulted = new HashMap<>();

  synchronized void consulted(String path, String field) {
    consulted.computeIfAbsent(path, k -> new TreeSet<>()).add(field);
  }

  synchronized void requireKnown(String file, String path, JsonNode node) {
    if (node.isObject()) {
      Set<String> known = consulted.getOrDefault(path, Set.of());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = SpecSection.join(path, e.getKey());
        if (!known.contains(e.getKey())) {
          throw new SpecException(file, at, unknown(e.getKey(), known));
        }
        requireKnown(file, at, e.getValue());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireKnown(file, path + "[" + i + "]", node.get(i));
      }
    }
  }

  /** "unknown field (did you mean 'tEnd'? known here: a, b)". */
  static String unknown(String field, Collection<String> known) {
    if (known.isEmpty()) {
      return "unknown field (nothing is read here)";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = levenshtein(field.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    String hint = bestDistance <= Math.max(2, field.length() / 3) ? "did you mean '" + best + "'? " : "";
    return "unknown field (" + hint + "known here: " + String.join(", ", new TreeSet<>(known)) + ")";
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
