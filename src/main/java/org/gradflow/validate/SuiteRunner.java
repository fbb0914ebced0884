package org.gradflow.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gradflow.integrate.SolveOptions;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.SystemRuns;
import org.gradflow.integrate.Progress;
import org.gradflow.models.RunResult;
import org.gradflow.io.RunFolder;
import org.gradflow.io.RunWriter;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Runs a validation suite: reads every check first (bad input fails before anything runs or is
 * written), then evaluates them in order with a shared cache of runs (each written to
 * {@code runs/} of the suite folder), and writes report.md and results.json.
 */
public final class SuiteRunner {

  /** What a suite produced. */
  public record Outcome(Path folder, List<CheckResult> results) {
    public boolean passed() {
      return results.stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
    }
  }

  private SuiteRunner() {}

  public static Outcome run(Path suiteFile, List<String> globalOverrides, Path outputsRoot,
      Function<String, Progress> progress) {
    String file = suiteFile.toString();
    SpecSection suite = new SpecSection(file, "", SpecLoader.readTree(suiteFile));
    for (String f : suite.fieldNames()) {
      if (!List.of("name", "description", "checks").contains(f)) {
        throw suite.error(f, "unknown field (expected name, description, checks)");
      }
    }
    SpecSection checks = suite.child("checks");
    if (!checks.node().isArray() || checks.node().isEmpty()) {
      throw checks.error("must be a non-empty list of checks");
    }
    List<Check> parsed = new ArrayList<>();
    for (int i = 0; i < checks.node().size(); i++) {
      parsed.add(CheckRegistry.create(checks.element(i)));
    }
    String name = suite.text("name", Path.of(file).getFileName().toString().replace(".json", ""));
    Path folder = RunFolder.create(outputsRoot, name);
    Context ctx = new Context(folder, globalOverrides, progress);
    List<CheckResult> results = new ArrayList<>();
    for (Check c : parsed) {
      try {
        results.addAll(c.evaluate(ctx));
      } catch (SpecException e) {
        throw e;
      } catch (RuntimeException e) {
        results.add(new CheckResult("crash", "a check threw", "", "—", e.toString(), "—", Verdict.FAIL,
            "this is a bug in the check or the model"));
      }
      writeReport(folder, name, suite.text("description", ""), results, ctx.runFolders);
    }
    return new Outcome(folder, results);
  }

  private static void writeReport(Path folder, String name, String description, List<CheckResult> results,
      Map<String, Path> runs) {
    try {
      Files.writeString(folder.resolve("report.md"), SuiteReport.markdown(name, description, results, runs, folder),
          StandardCharsets.UTF_8);
      Json.MAPPER.writeValue(folder.resolve("results.json").toFile(), results);
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
      return cached(systemFile + " " + String.join(" ", overrides), () -> {
        SystemSpec s = spec(systemFile, overrides);
        return SystemRuns.run(s, ModelRegistry.build(s), progress.apply(s.name()));
      });
    }

    @Override
    public RunResult runTo(String systemFile, List<String> overrides, double tEnd) {
      return cached(systemFile + " " + String.join(" ", overrides) + " to t = " + tEnd, () -> {
        SystemSpec s = spec(systemFile, overrides);
        FlowSystem system = ModelRegistry.build(s);
        SolveOptions options = SystemRuns.options(s, system).withT1(tEnd);
        return SystemRuns.run(s, system, options, s.integrator().grid().sampleTimes(options.t0(), tEnd),
            progress.apply(s.name()));
      });
    }

    private RunResult cached(String key, java.util.function.Supplier<RunResult> run) {
      RunResult cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      RunResult r = run.get();
      cache.put(key, r);
      runFolders.put(key, RunWriter.write(r, folder.resolve("runs")));
      return r;
    }

    @Override
    public Path outputDir() {
      return folder;
    }
  }
}
