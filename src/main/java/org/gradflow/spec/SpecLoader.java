package org.gradflow.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a system spec file, applies {@code --set path=value} overrides, validates it. */
public final class SpecLoader {
  private static final Set<String> TOP_LEVEL = Set.of(
      "name", "description", "model", "params", "data", "init", "integrator", "events", "outputs",
      "gd", "gradient");

  private SpecLoader() {}

  public static SystemSpec load(Path path, List<String> overrides) {
    return fromTree(path.toString(), readTree(path), overrides);
  }

  /** Parses a JSON file into a tree; malformed JSON names the file, line and column. */
  public static JsonNode readTree(Path path) {
    String file = path.toString();
    try {
      return Json.SPEC_MAPPER.readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new SpecException(file, null, "file not found");
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
      // Jackson's own words, without the source excerpt it appends (one line, not the file)
      String what = e.getOriginalMessage().split("\n")[0].replaceAll("\\s*\\(start marker at.*", "");
      throw new SpecException(file, null, "malformed JSON" + where + ": " + what);
    } catch (IOException e) {
      throw new SpecException(file, null, "cannot read: " + e.getMessage());
    }
  }

  public static SystemSpec fromTree(String file, JsonNode original, List<String> overrides) {
    if (original == null || !original.isObject()) {
      throw new SpecException(file, null, "a system spec must be a JSON object");
    }
    ObjectNode tree = original.deepCopy();
    for (String o : overrides) {
      applyOverride(file, tree, o);
    }
    SpecSection root = new SpecSection(file, "", tree);
    root.allowOnly(TOP_LEVEL);
    String model = root.text("model", null);
    if (model == null || model.isBlank()) {
      throw new SpecException(file, "model", "required field is missing");
    }
    String name = root.text("name", defaultName(file));
    if (name.isBlank()) {
      throw new SpecException(file, "name", "must not be empty (it names the run folder)");
    }
    IntegratorSpec integrator = root.child("integrator").bind(IntegratorSpec.class);
    List<EventSpec> events = new ArrayList<>();
    SpecSection ev = root.child("events");
    if (ev.isPresent()) {
      if (!ev.node().isArray()) {
        throw ev.error("must be a list of events");
      }
      for (int i = 0; i < ev.node().size(); i++) {
        events.add(ev.element(i).bind(EventSpec.class));
      }
    }
    SpecSection out = root.child("outputs");
    OutputSpec outputs = out.isPresent() ? out.bind(OutputSpec.class) : OutputSpec.defaults();
    String gradient = root.text("gradient", null);
    return new SystemSpec(file, name, root.text("description", ""), model,
        root.child("params"), root.child("data"), root.child("init"),
        integrator, List.copyOf(events), outputs,
        gradient == null ? null : GradientChoice.parse(file, gradient), tree);
  }

  private static String defaultName(String file) {
    String base = Path.of(file).getFileName().toString();
    return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
  }

  /**
   * {@code a.b.c=value}: value is parsed as JSON when it is valid JSON (numbers, booleans,
   * arrays, objects), else taken as a string. Missing intermediate objects are created.
   */
  public static void applyOverride(String file, ObjectNode tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new SpecException(file, null, "--set expects path=value, got '" + assignment + "'");
    }
    String path = assignment.substring(0, eq).trim();
    String raw = assignment.substring(eq + 1).trim();
    JsonNode value;
    try {
      value = Json.SPEC_MAPPER.readTree(raw);
      if (value == null || value.isMissingNode()) {
        value = Json.MAPPER.getNodeFactory().textNode(raw);
      }
    } catch (JsonProcessingException e) {
      value = Json.MAPPER.getNodeFactory().textNode(raw);
    }
    setPath(file, tree, path, value);
  }

  /** Sets a dotted path (list indices as numbers: {@code events.0.threshold}). */
  public static void setPath(String file, ObjectNode tree, String path, JsonNode value) {
    String[] parts = path.split("\\.", -1);
    for (String part : parts) {
      if (part.isBlank()) {
        throw new SpecException(file, path, "--set path has an empty segment (expected a.b.c=value)");
      }
    }
    JsonNode cur = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next;
      if (cur.isArray()) {
        int k = index(file, path, parts[i]);
        if (k >= cur.size()) {
          throw new SpecException(file, path, "index " + k + " is past the end of the list");
        }
        next = cur.get(k);
      } else {
        next = cur.get(parts[i]);
        if (next == null || next.isNull()) {
          next = ((ObjectNode) cur).putObject(parts[i]);
        }
      }
      if (!next.isContainerNode()) {
        throw new SpecException(file, path, "cannot set: '" + parts[i] + "' is not an object");
      }
      cur = next;
    }
    String last = parts[parts.length - 1];
    if (cur.isArray()) {
      int i = index(file, path, last);
      if (i >= cur.size()) {
        throw new SpecException(file, path, "index " + i + " is past the end of the list");
      }
      ((ArrayNode) cur).set(i, value);
    } else {
      ((ObjectNode) cur).set(last, value);
    }
  }

  private static int index(String file, String path, String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      throw new SpecException(file, path, "'" + part + "' is not a list index");
    }
  }
}
