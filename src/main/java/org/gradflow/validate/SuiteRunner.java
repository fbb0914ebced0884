package org.gradflow.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.io.AtomicFiles;
import org.gradflow.io.RunFolder;
import org.gradflow.io.RunWriter;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Runs a validation suite: reads every check first (bad input fails before anything runs or is
 * written), then evaluates them in order with a shared cache of runs (each written to
 * {@code runs/} of the suite folder). report.md and results.json say INCOMPLETE, with what ran
 * and what did not, from before the first check until the last one is done; only then are they
 * replaced (atomically) by the final ones. A check that read a run that FAILED gets no PASS.
 */
public final class SuiteRunner {

  /** What a suite produced. */
  public record Outcome(Path folder, List<CheckResult> results) {
    public boolean passed() {
      return results.stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
    }
  }

  /** One check of the suite file: its place, label (id, else type) and parsed form. */
  private record Entry(int index, String label, String type, Check check) {
    boolean matches(String selector) {
      return label.equals(selector) || type.equals(selector) || type.endsWith("." + selector);
    }
  }

  private SuiteRunner() {}

  public static Outcome run(Path suiteFile, List<String> globalOverrides, Path outputsRoot,
      Function<String, Progress> progress) {
    return run(suiteFile, globalOverrides, outputsRoot, progress, List.of(), List.of());
  }

  /** {@code only}/{@code skip}: check selectors (an id, a type, or a type's last part such as V4). */
  public static Outcome run(Path suiteFile, List<String> globalOverrides, Path outputsRoot,
      Function<String, Progress> progress, List<String> only, List<String> skip) {
    String file = suiteFile.toString();
    SpecSection suite = new SpecSection(file, "", SpecLoader.readTree(suiteFile));
    suite.allowOnly(List.of("name", "description", "checks"));
    SpecSection checks = suite.child("checks");
    if (!checks.node().isArray() || checks.node().isEmpty()) {
      throw checks.error("must be a non-empty list of checks");
    }
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < checks.node().size(); i++) {
      SpecSection c = checks.element(i);
      Check check = CheckRegistry.create(c);
      String type = c.text("type", "?");
      all.add(new Entry(i, c.text("id", type), type, check));
    }
    List<Entry> chosen = select(file, all, only, skip);
    String name = suite.text("name", Path.of(file).getFileName().toString().replace(".json", ""));
    String description = suite.text("description", "");
    String selection = selectionNote(only, skip, chosen.size(), all.size());
    RunFolder.requireWritable(outputsRoot);
    Path folder = RunFolder.create(outputsRoot, name);
    RunFolder.markIncomplete(folder, "validation suite " + name + " is running or was interrupted (see report.md)");
    Context ctx = new Context(folder, globalOverrides, progress);
    List<CheckResult> results = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    for (int k = 0; k < chosen.size(); k++) {
      writeReport(folder, name, description, selection, results, ctx.runFolders, ran, labels(chosen.subList(k,
          chosen.size())));
      Entry e = chosen.get(k);
      ctx.runsOfCheck.clear();
      List<CheckResult> lines;
      try {
        lines = e.check().evaluate(ctx);
      } catch (SpecException ex) {
        throw ex;
      } catch (RuntimeException ex) {
        lines = List.of(new CheckResult("crash", "a check threw", "", "—", ex.toString(), "—", Verdict.FAIL,
            "this is a bug in the check or the model"));
      }
      results.addAll(NoVerdictWithoutData.apply(lines, ctx.runsOfCheck));
      ran.add(e.label());
    }
    writeReport(folder, name, description, selection, results, ctx.runFolders, ran, List.of());
    RunFolder.markComplete(folder);
    return new Outcome(folder, results);
  }

  private static List<Entry> select(String file, List<Entry> all, List<String> only, List<String> skip) {
    for (String sel : concat(only, skip)) {
      if (all.stream().noneMatch(e -> e.matches(sel))) {
        throw new SpecException(file, null, "no check matches '" + sel + "' (checks: "
            + String.join(", ", labels(all)) + ")");
      }
    }
    return all.stream()
        .filter(e -> only.isEmpty() || only.stream().anyMatch(e::matches))
        .filter(e -> skip.stream().noneMatch(e::matches))
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> labels(List<Entry> entries) {
    return entries.stream().map(Entry::label).toList();
  }

  private static String selectionNote(List<String> only, List<String> skip, int chosen, int total) {
    if (only.isEmpty() && skip.isEmpty()) {
      return "";
    }
    return "Subset: " + chosen + " of " + total + " checks"
        + (only.isEmpty() ? "" : ", --only " + String.join(",", only))
        + (skip.isEmpty() ? "" : ", --skip " + String.join(",", skip)) + ".";
  }

  /** report.md and results.json, each replaced atomically; {@code pending} non-empty = INCOMPLETE. */
  private static void writeReport(Path folder, String name, String description, String selection,
      List<CheckResult> results, Map<String, Path> runs, List<String> ran, List<String> pending) {
    try {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("suite", name);
      json.put("complete", pending.isEmpty());
      json.put("selection", selection);
      json.put("ran", ran);
      json.put("pending", pending);
      json.put("results", results);
      AtomicFiles.writeJson(folder.resolve("results.json"), json);
      AtomicFiles.write(folder.resolve("report.md"),
          SuiteReport.markdown(name, description, selection, results, runs, folder, pending));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs systems on demand, once per (file, overrides). */
  private static final class Context implements SuiteContext {
    private final Path folder;
    private final List<String> globalOverrides;
    private final Function<String, Progress> progress;
    private final Map<String, RunResult> cache = new HashMap<>();
    private final Map<String, Path> runFolders = new LinkedHashMap<>();
    /** The runs the check being evaluated asked for. */
    private final List<RunResult> runsOfCheck = new ArrayList<>();

    Context(Path folder, List<String> globalOverrides, Function<String, Progress> progress) {
      this.folder = folder;
      this.globalOverrides = globalOverrides;
      this.progress = progress;
    }

    @Override
    public SystemSpec spec(String systemFile, List<String> overrides) {
      List<String> all = new ArrayList<>(overrides);
      all.addAll(globalOverrides);
      return SpecLoader.load(Path.of(systemFile), all);
    }

    @Override
    public RunResult run(String systemFile, List<String> overrides) {
      String key = systemFile + " " + String.join(" ", overrides);
      RunResult cached = cache.get(key);
      if (cached != null) {
        runsOfCheck.add(cached);
        return cached;
      }
      SystemSpec s = spec(systemFile, overrides);
      RunResult r = LossMonotonicity.run(s, ModelRegistry.build(s), progress.apply(s.name()));
      cache.put(key, r);
      runFolders.put(key, RunWriter.write(r, folder.resolve("runs")));
      runsOfCheck.add(r);
      return r;
    }

    @Override
    public Path outputDir() {
      return folder;
    }
  }
}
