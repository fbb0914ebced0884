package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SpecSection;

/**
 * Reads a sweep spec (sweeps/*.json). The base system is {@code "system": "systems/x.json"}
 * (relative to the working directory, else to the sweep file) or inline {@code "base": {...}}.
 * Every error names the sweep file and the field.
 */
public final class SweepSpecLoader {
  private static final Set<String> FIELDS = Set.of(
      "name", "description", "system", "base", "set", "axes", "combine", "repeat", "expectations");

  private SweepSpecLoader() {}

  public static SweepSpec load(Path file) {
    return fromTree(file.toString(), SpecLoader.readTree(file), file.toAbsolutePath().getParent());
  }

  /** {@code dir}: where a relative {@code system} path is looked up after the working directory. */
  public static SweepSpec fromTree(String file, JsonNode node, Path dir) {
    if (node == null || !node.isObject()) {
      throw new SpecException(file, null, "a sweep spec must be a JSON object");
    }
    SpecSection root = new SpecSection(file, "", node);
    root.allowOnly(FIELDS);
    String name = root.text("name", defaultName(file));
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw root.error("name", "must be a simple folder name (letters, digits, . _ -), got '" + name + "'");
    }
    String baseFile;
    ObjectNode baseTree;
    if (root.has("system") == root.has("base")) {
      throw root.error("give exactly one of \"system\" (a system spec file) or \"base\" (an inline system spec)");
    }
    if (root.has("system")) {
      String sys = root.text("system", null);
      Path p = resolve(root, sys, dir);
      baseFile = sys;
      JsonNode t = SpecLoader.readTree(p);
      if (!t.isObject()) {
        throw new SpecException(p.toString(), null, "a system spec must be a JSON object");
      }
      baseTree = (ObjectNode) t;
    } else {
      if (!node.get("base").isObject()) {
        throw root.error("base", "must be an object (an inline system spec)");
      }
      baseFile = file + "#base";
      baseTree = (ObjectNode) node.get("base").deepCopy();
    }
    List<String> set = new ArrayList<>();
    SpecSection setSec = root.child("set");
    if (setSec.isPresent()) {
      if (!setSec.node().isArray()) {
        throw setSec.error("must be a list of \"path=value\" strings");
      }
      for (int i = 0; i < setSec.node().size(); i++) {
        JsonNode e = setSec.node().get(i);
        if (!e.isTextual() || e.asText().indexOf('=') <= 0) {
          throw setSec.element(i).error("must be a \"path=value\" string, got " + e);
        }
        set.add(e.asText());
      }
    }
    List<Axis> axes = new ArrayList<>();
    SpecSection ax = root.child("axes");
    if (ax.isPresent()) {
      if (!ax.node().isArray()) {
        throw ax.error("must be a list of axes");
      }
      for (int i = 0; i < ax.node().size(); i++) {
        axes.add(Axis.parse(ax.element(i)));
      }
    }
    Repetition rep = root.has("repeat") ? Repetition.parse(root.child("repeat")) : null;
    checkDistinctPaths(root, axes, rep);
    SweepSpec.Combine combine = combine(root, axes);
    if (axes.isEmpty() && rep == null) {
      throw root.error("axes", "a sweep needs at least one axis or a \"repeat\"");
    }
    List<Expectation> expectations = new ArrayList<>();
    SpecSection ex = root.child("expectations");
    if (ex.isPresent()) {
      if (!ex.node().isArray()) {
        throw ex.error("must be a list");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < ex.node().size(); i++) {
        Expectation e = Expectation.parse(ex.element(i), "E" + (i + 1));
        if (!ids.add(e.id())) {
          throw ex.element(i).error("id", "duplicate expectation id '" + e.id() + "'");
        }
        expectations.add(e);
      }
    }
    ObjectNode tree = ((ObjectNode) node).deepCopy();
    tree.remove("system");
    tree.set("base", baseTree.deepCopy());
    tree.put("name", name);
    SweepSpec spec = new SweepSpec(file, name, root.text("description", ""), baseFile, baseTree, set, axes,
        combine, rep, expectations, tree);
    // Validate the base with the fixed overrides now: a broken base fails once, naming its file.
    SpecLoader.fromTree(baseFile, baseTree, set);
    return spec;
  }

  private static SweepSpec.Combine combine(SpecSection root, List<Axis> axes) {
    String c = root.text("combine", "cartesian");
    SweepSpec.Combine k = switch (c) {
      case "cartesian" -> SweepSpec.Combine.CARTESIAN;
      case "zip" -> SweepSpec.Combine.ZIP;
      default -> throw root.error("combine", "expected \"cartesian\" or \"zip\", got '" + c + "'");
    };
    if (k == SweepSpec.Combine.ZIP) {
      for (int i = 1; i < axes.size(); i++) {
        if (axes.get(i).size() != axes.get(0).size()) {
          throw root.error("axes", "zip needs axes of equal length: '" + axes.get(0).path() + "' has "
              + axes.get(0).size() + " values, '" + axes.get(i).path() + "' has " + axes.get(i).size());
        }
      }
    }
    return k;
  }

  private static void checkDistinctPaths(SpecSection root, List<Axis> axes, Repetition rep) {
    Set<String> seen = new HashSet<>();
    for (Axis a : axes) {
      if (!seen.add(a.path())) {
        throw root.error("axes", "path '" + a.path() + "' is swept twice");
      }
    }
    if (rep != null) {
      for (String p : rep.paths()) {
        if (!seen.add(p)) {
          throw root.error("repeat", "path '" + p + "' is also an axis");
        }
      }
    }
  }

  private static Path resolve(SpecSection root, String sys, Path dir) {
    if (sys == null || sys.isBlank()) {
      throw root.error("system", "must be a path to a system spec");
    }
    Path p = Path.of(sys);
    if (Files.isRegularFile(p) || p.isAbsolute() || dir == null) {
      if (!Files.isRegularFile(p)) {
        throw root.error("system", "file not found: " + sys);
      }
      return p;
    }
    Path q = dir.resolve(sys);
    if (!Files.isRegularFile(q)) {
      throw root.error("system", "file not found: " + sys + " (looked in the working directory and in " + dir + ")");
    }
    return q;
  }

  private static String defaultName(String file) {
    String base = Path.of(file.replace('#', '_')).getFileName().toString();
    return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
  }
}
