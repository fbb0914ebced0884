package org.gradflow.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.ParameterLayout;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.Json;

/**
 * Writes a run (complete or failed) into a new folder: run.json, trajectory.csv, events.json,
 * initial-state.json, final-state.json, plots/*.png, the model's artifacts, and report.md. Data files are written
 * before figures, so a figure that cannot be drawn never costs the numbers.
 */
public final class RunWriter {
  /** Event states are written in events.json up to this dimension. */

  private RunWriter() {}

  public static Path write(RunResult r, Path outputsRoot) {
    return writeInto(r, RunFolder.create(outputsRoot, r.spec().name()));
  }

  /** Writes into an existing (empty) folder. */
  public static Path writeInto(RunResult r, Path dir) {
    try {
      Json.MAPPER.writeValue(dir.resolve("run.json").toFile(), runJson(r));
      writeTrajectory(r.trajectory(), dir.resolve("trajectory.csv"));
      if (r.trajectory().hasDecimalStates()) {
        writeDecimalStates(r.trajectory(), r.system().flow().layout(), dir.resolve("trajectory-decimal.csv"));
      }
      Json.MAPPER.writeValue(dir.resolve("events.json").toFile(), eventsJson(r));
      Json.MAPPER.writeValue(dir.resolve("initial-state.json").toFile(),
          StateJson.state(r.system(), 0.0, r.system().initialState()));
      Map<String, Object> fin = StateJson.state(r.system(), r.finalTime(), r.finalState());
      if (r.decimalFinalState() != null) {
        fin.put("decimalBlocks", StateJson.blocks(r.system().flow().layout(), r.decimalFinalState()));
      }
      Json.MAPPER.writeValue(dir.resolve("final-state.json").toFile(), fin);
      List<String> plots = new ArrayList<>();
      List<String> modelLines = new ArrayList<>();
      List<String> figureErrors = new ArrayList<>();
      try {
        RunPlots.write(r, dir.resolve("plots")).forEach(p -> plots.add("plots/" + p));
      } catch (IOException | RuntimeException e) {
        figureErrors.add("generic plots failed: " + e);
      }
      try {
        modelLines.addAll(r.system().artifacts().write(r, dir));
      } catch (IOException | RuntimeException e) {
        figureErrors.add("model artifacts failed: " + e);
      }
      figureErrors.forEach(m -> modelLines.add("- **" + m + "**"));
      Files.writeString(dir.resolve("report.md"), RunReport.markdown(r, plots, modelLines), StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run into " + dir, e);
    }
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
  static void writeTrajectory(Trajectory tr, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", tr.columns()));
      w.newLine();
      for (double[] row : tr.rows()) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(Double.toString(row[i]));
        }
        w.newLine();
      }
    }
  }

  /** High-precision path: t and every component of θ at each sample, with all their decimal digits. */
  static void writeDecimalStates(Trajectory tr, ParameterLayout layout, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("t");
      for (int i = 0; i < layout.dimension(); i++) {
        w.write(',');
        w.write("\"" + layout.describe(i) + "\"");
      }
      w.newLine();
      for (int k = 0; k < tr.size(); k++) {
        w.write(Double.toString(tr.row(k)[0]));
        for (String v : tr.decimalState(k)) {
          w.write(',');
          w.write(v);
        }
        w.newLine();
      }
    }
  }
}
