package org.gradflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;

/**
 * Writes a run (complete or failed) into a folder: trajectory.csv, events.json,
 * initial-state.json, final-state.json, plots/*.png, the model's artifacts, run.json and report.md. Every file is
 * written whole (temporary name, then rename). The folder carries {@link RunFolder#MARKER} from
 * the first write to the last; run.json, which declares the outcome and lists every file it
 * vouches for with its size, is written after all of them; report.md, its human reading, after
 * it. Data files come before figures, so a figure that cannot be drawn never costs the numbers.
 */
public final class RunWriter {
  /** Event states are written in events.json up to this dimension. */
  public static final String RUN_JSON = "run.json";

  private RunWriter() {}

  public static Path write(RunResult r, Path outputsRoot) {
    return writeInto(r, RunFolder.create(outputsRoot, r.spec().name()));
  }

  /** Writes into an existing folder (empty, or holding only this run's marker). */
  public static Path writeInto(RunResult r, Path dir) {
    try {
      RunFolder.markIncomplete(dir, "writing the outputs of run " + r.spec().name());
      // The generic figures are drawn on a second thread while the state files and the family's
      // artifacts are written: they read the same finished result and write different files, and
      // on two cores this hides most of plotting's cost from the run's wall time.
      CompletableFuture<List<String>> generic = CompletableFuture.supplyAsync(() -> {
        try {
          return RunPlots.write(r, dir.resolve("plots"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, task -> new Thread(task, "generic-plots").start());
      AtomicFiles.writeText(dir.resolve("trajectory.csv"), w -> writeTrajectory(r.trajectory(), w));
      if (r.trajectory().hasDecimalStates()) {
        AtomicFiles.writeText(dir.resolve("trajectory-decimal.csv"),
            w -> writeDecimalStates(r.trajectory(), r.system().flow().layout(), w));
      }
      AtomicFiles.writeJson(dir.resolve("events.json"), eventsJson(r));
      AtomicFiles.writeJson(dir.resolve("initial-state.json"),
          StateJson.state(r.system(), 0.0, r.system().initialState()));
      Map<String, Object> fin = StateJson.state(r.system(), r.finalTime(), r.finalState());
      if (r.decimalFinalState() != null) {
        fin.put("decimalBlocks", StateJson.blocks(r.system().flow().layout(), r.decimalFinalState()));
      }
      AtomicFiles.writeJson(dir.resolve("final-state.json"), fin);
      List<String> plots = new ArrayList<>();
      List<String> modelLines = new ArrayList<>();
      List<String> figureErrors = new ArrayList<>();
      try {
        modelLines.addAll(r.system().artifacts().write(r, dir));
      } catch (IOException | RuntimeException e) {
        figureErrors.add("model artifacts failed: " + e);
      }
      try {
        generic.join().forEach(p -> plots.add("plots/" + p));
      } catch (CompletionException e) {
        Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        figureErrors.add(0, "generic plots failed: " + cause);
      }
      figureErrors.forEach(m -> modelLines.add("- **" + m + "**"));
      Map<String, Object> run = runJson(r);
      run.put("files", filesWritten(dir));
      AtomicFiles.writeJson(dir.resolve(RUN_JSON), run);
      AtomicFiles.write(dir.resolve("report.md"), RunReport.markdown(r, plots, modelLines));
      RunFolder.markComplete(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run into " + dir, e);
    }
  }

  /** Every file under the folder (relative path → bytes), except the marker and temporaries. */
  private static Map<String, Long> filesWritten(Path dir) throws IOException {
    Map<String, Long> files = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(RunFolder.MARKER) && !p.getFileName().toString().startsWith(".")) {
          files.put(rel, Files.size(p));
        }
      }
    }
    return files;
  }

  static Map<String, Object> runJson(RunResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.spec().name());
    m.put("outcome", r.outcome().name());
    m.put("reason", r.reason());
    m.put("finalTime", r.finalTime());
    // the span the engine was given (may differ from the spec's, e.g. a GD reference to K·η)
    m.put("span", Map.of("tStart", r.options().t0(), "tEnd", r.options().t1()));
    m.put("finalLoss", r.trajectory().size() > 0 ? r.trajectory().last("loss") : null);
    m.put("stats", r.stats());
    m.put("warnings", r.warnings());
    m.put("layout", layout(r.system().flow().layout()));
    m.put("events", r.events().stream().map(e -> Map.of("name", e.name(), "t", e.time())).toList());
    m.put("versions", BuildInfo.get());
    m.put("spec", r.spec().tree());
    return m;
  }

  private static List<Map<String, Object>> layout(ParameterLayout layout) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ParameterLayout.Block b : layout.blocks()) {
      out.add(Map.of("name", b.name(), "rows", b.rows(), "cols", b.cols(), "offset", b.offset(),
          "kind", b.kind().name()));
    }
    return out;
  }

  private static List<Map<String, Object>> eventsJson(RunResult r) {
    return EventsJson.of(r.events(), r.system().flow().layout());
  }

  /** Doubles in their shortest exact form: the CSV round-trips bit for bit. */
  static void writeTrajectory(Trajectory tr, java.io.Writer w) throws IOException {
    {
      w.write(String.join(",", tr.columns()));
      w.write('\n');
      for (double[] row : tr.rows()) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(Double.toString(row[i]));
        }
        w.write('\n');
      }
    }
  }

  /** High-precision path: t and every component of θ at each sample, with all their decimal digits. */
  static void writeDecimalStates(Trajectory tr, ParameterLayout layout, java.io.Writer w) throws IOException {
    {
      w.write("t");
      for (int i = 0; i < layout.dimension(); i++) {
        w.write(',');
        w.write("\"" + layout.describe(i) + "\"");
      }
      w.write('\n');
      for (int k = 0; k < tr.size(); k++) {
        w.write(Double.toString(tr.row(k)[0]));
        for (String v : tr.decimalState(k)) {
          w.write(',');
          w.write(v);
        }
        w.write('\n');
      }
    }
  }
}
