package org.gradflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of src/main has no cycle: the JDK's jdeps lists package dependencies of
 * target/classes, and no strongly connected component has more than one package. The same
 * by hand: {@code jdeps -verbose:package -filter:none target/classes}. Generic packages (all but
 * the model families {@code org.gradflow.models.<family>}) never depend on a family, and the
 * generic tools that once lived in a family are not back in one.
 */
class PackageCyclesTest {
  private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.gradflow[\\w.]*)\\s+->\\s+(org\\.gradflow[\\w.]*)");
  private static final Pattern FAMILY = Pattern.compile("org\\.gradflow\\.models\\.\\w+(\\..*)?");
  /** Generic tools moved out of model packages (issue: cycles cut and generic tools moved). */
  private static final Set<String> GENERIC_TOOLS = Set.of("RunView", "Svd", "SingularValues", "LeastSquaresLine",
      "KinkRestartIntegrator", "PiecewiseSmoothFlow", "KinkEvent");

  @Test
  void mainPackagesFormNoCycle() {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph).containsKey("org.gradflow.integrate");
    assertThat(graph.get("org.gradflow.integrate")).containsOnly("org.gradflow.core");
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void genericPackagesNeverNameAModelFamily() {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph.keySet()).anyMatch(p -> FAMILY.matcher(p).matches());
    Map<String, Set<String>> intoFamilies = new TreeMap<>();
    graph.forEach((from, to) -> {
      if (!FAMILY.matcher(from).matches()) {
        to.stream().filter(p -> FAMILY.matcher(p).matches())
            .forEach(p -> intoFamilies.computeIfAbsent(from, k -> new TreeSet<>()).add(p));
      }
    });
    assertThat(intoFamilies).as("generic package -> model family").isEmpty();
  }

  @Test
  void modelFamiliesHoldNoGenericTool() throws IOException {
    Path models = Path.of("target/classes/org/gradflow/models");
    assertThat(models).isDirectory();
    try (Stream<Path> files = Files.walk(models)) {
      List<String> misplaced = files.filter(f -> !f.getParent().equals(models))
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class") && GENERIC_TOOLS.contains(n.substring(0, n.length() - 6)))
          .toList();
      assertThat(misplaced).isEmpty();
    }
  }

  private static Map<String, Set<String>> packageGraph() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
        "-verbose:package", "-filter:none", "target/classes");
    assertThat(rc).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find() && !m.group(1).equals(m.group(2))) {
        graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
      }
    }
    return graph;
  }

  /** Strongly connected components of more than one package (Tarjan). */
  private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> out = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, out);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : graph.get(v)) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }
}
