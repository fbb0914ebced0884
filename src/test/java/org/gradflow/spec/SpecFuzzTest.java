package org.gradflow.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gradflow.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped system spec, mutated: truncated, an unknown field at every level, wrong types
 * (numeric strings, numbers for strings), NaN/±Infinity, sizes past int or memory, negative and
 * zero numbers, arrays one entry short or long. Each variant goes through the CLI entry point
 * in-process ({@code run --dry-run}: load, build, preflight). A variant that is bad by
 * construction must exit 2 with one line naming the file (and, where it has one, the field);
 * a variant that may be valid (a zero, a negative, a reshaped array) must exit 0, or exit 2 the
 * same way: never a stack trace, never another code. Per spec a seeded sample of the variants is
 * tried, so the whole test stays within seconds; the counts are printed.
 */
class SpecFuzzTest {
  static final int PER_SPEC = 15;
  static final String UNKNOWN = "zzNotAField";
  @TempDir
  Path tmp;

  record Variant(String what, String text, boolean mustFail, String mentions) {}

  record Outcome(int code, String err) {}

  @Test
  void everyBadVariantOfEveryShippedSpecExitsTwoWithOneLine() throws IOException {
    List<Path> specs;
    try (Stream<Path> s = Files.list(Path.of("systems"))) {
      specs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(specs).hasSizeGreaterThan(20);
    int tried = 0;
    int mustFail = 0;
    int refused = 0;
    List<String> problems = new ArrayList<>();
    Path out = tmp.resolve("outputs");
    for (Path spec : specs) {
      List<Variant> variants = variants(Files.readString(spec), new Random(spec.getFileName().toString().hashCode()));
      for (Variant v : variants) {
        Path file = tmp.resolve(spec.getFileName());
        Files.writeString(file, v.text());
        Outcome o = run("run", file.toString(), "--dry-run", "-q", "-o", out.toString());
        tried++;
        mustFail += v.mustFail() ? 1 : 0;
        String line = o.err().strip();
        boolean oneLine = line.lines().count() == 1 && line.startsWith("gradflow: ") && line.contains(file.toString())
            && !line.contains("internal error") && !line.contains("Exception");
        boolean ok = o.code() == 2 ? oneLine && (v.mentions() == null || line.contains(v.mentions()))
            : o.code() == 0 && !v.mustFail();
        refused += v.mustFail() && o.code() == 2 && ok ? 1 : 0;
        if (!ok) {
          problems.add(spec.getFileName() + " [" + v.what() + "] exit " + o.code() + ": " + line);
        }
      }
    }
    System.out.printf("spec fuzz: %d specs, %d variants tried, %d bad by construction, %d of them refused"
        + " (exit 2, one line) = %.1f%%; %d problems%n", specs.size(), tried, mustFail, refused,
        100.0 * refused / mustFail, problems.size());
    assertThat(Files.exists(out)).as("a dry run writes nothing").isFalse();
    assertThat(problems).as("variants not refused in one line").isEmpty();
  }

  Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** All mutations of one spec, then a seeded sample (every truncation and unknown field kept first). */
  static List<Variant> variants(String text, Random rng) throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(text);
    List<Variant> certain = new ArrayList<>();
    List<Variant> rest = new ArrayList<>();
    for (double cut : new double[] {0.2, 0.5, 0.8}) {
      certain.add(new Variant("truncated at " + cut, text.substring(0, (int) (text.length() * cut)), true, null));
    }
    List<Path0> places = new ArrayList<>();
    collect(root, "", places);
    for (Path0 p : places) {
      JsonNode n = p.node();
      if (n.isObject() && !p.path().startsWith("gd") && !p.path().contains("explicit")) {
        // explicit blocks are named by the layout: an unknown one is refused by BlockReader (also tested)
        certain.add(mutate(root, p, "unknown field in " + name(p), true, UNKNOWN,
            x -> ((ObjectNode) x).put(UNKNOWN, 1)));
      }
      if (p.path().startsWith("gd") || p.path().equals("description")) {
        continue; // run does not read gd (compare-gd does); a description is free text
      }
      if (n.isNumber()) {
        rest.add(replace(root, p, "numeric string at " + name(p), true, JsonNodeFactory.instance.textNode(n.asText())));
        rest.add(replace(root, p, "NaN at " + name(p), true, JsonNodeFactory.instance.numberNode(Double.NaN)));
        rest.add(replace(root, p, "Infinity at " + name(p), true,
            JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY)));
        rest.add(replace(root, p, "zero at " + name(p), false, JsonNodeFactory.instance.numberNode(0)));
        rest.add(replace(root, p, "negative at " + name(p), false, JsonNodeFactory.instance.numberNode(-n.asDouble() - 1)));
        if (n.isIntegralNumber() && n.asLong() >= 2 && !p.path().toLowerCase().contains("seed")) {
          rest.add(replace(root, p, "1e9 at " + name(p), false, JsonNodeFactory.instance.numberNode(1_000_000_000)));
          rest.add(replace(root, p, "int max at " + name(p), false, JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE)));
          // 2^40 is a fine double (tEnd, a threshold); as a size it must be refused: may be valid
          rest.add(replace(root, p, "past int at " + name(p), false, JsonNodeFactory.instance.numberNode(1L << 40)));
        }
      } else if (n.isTextual()) {
        rest.add(replace(root, p, "number for string at " + name(p), true, JsonNodeFactory.instance.numberNode(12345)));
      } else if (n.isBoolean()) {
        rest.add(replace(root, p, "string for boolean at " + name(p), true, JsonNodeFactory.instance.textNode("yes")));
      } else if (n.isArray() && n.size() > 0) {
        rest.add(mutate(root, p, "one entry short at " + name(p), false, null, x -> ((ArrayNode) x).remove(x.size() - 1)));
        rest.add(mutate(root, p, "one entry more at " + name(p), false, null, x -> ((ArrayNode) x).add(x.get(0).deepCopy())));
        rest.add(replace(root, p, "object for array at " + name(p), true, JsonNodeFactory.instance.objectNode()));
      }
    }
    Collections.shuffle(rest, rng);
    List<Variant> all = new ArrayList<>(certain);
    all.addAll(rest.subList(0, Math.min(rest.size(), Math.max(0, PER_SPEC - certain.size()))));
    return all;
  }

  record Path0(String path, List<Object> steps, JsonNode node) {}

  private static void collect(JsonNode n, String path, List<Path0> out) {
    collect(n, path, new ArrayList<>(), out);
  }

  private static void collect(JsonNode n, String path, List<Object> steps, List<Path0> out) {
    out.add(new Path0(path, List.copyOf(steps), n));
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(f -> {
        List<Object> s = new ArrayList<>(steps);
        s.add(f);
        collect(n.get(f), path.isEmpty() ? f : path + "." + f, s, out);
      });
    } else if (n.isArray()) {
      // long numeric arrays (matrices, data): their first row stands for the rest
      for (int i = 0; i < Math.min(n.size(), 2); i++) {
        List<Object> s = new ArrayList<>(steps);
        s.add(i);
        collect(n.get(i), path + "[" + i + "]", s, out);
      }
    }
  }

  private static String name(Path0 p) {
    return p.path().isEmpty() ? "the top level" : p.path();
  }

  private static JsonNode at(JsonNode root, List<Object> steps) {
    JsonNode n = root;
    for (Object s : steps) {
      n = s instanceof String f ? n.get(f) : n.get((Integer) s);
    }
    return n;
  }

  private static Variant mutate(ObjectNode root, Path0 p, String what, boolean mustFail, String mentions,
      Consumer<JsonNode> change) {
    ObjectNode copy = root.deepCopy();
    change.accept(at(copy, p.steps()));
    return new Variant(what, copy.toString(), mustFail, mentions);
  }

  private static Variant replace(ObjectNode root, Path0 p, String what, boolean mustFail, JsonNode value) {
    ObjectNode copy = root.deepCopy();
    JsonNode parent = at(copy, p.steps().subList(0, p.steps().size() - 1));
    Object last = p.steps().get(p.steps().size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set((String) last, value);
    } else {
      ((ArrayNode) parent).set((Integer) last, value);
    }
    // numbers written by Jackson as NaN / Infinity tokens, which the spec reader accepts then names
    return new Variant(what, copy.toString(), mustFail, null);
  }
}
