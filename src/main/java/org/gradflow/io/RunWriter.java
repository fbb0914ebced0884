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
import org.gradflow.integrate.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.Json;

/**
 * Writes a run (complete or failed) into a new folder: run.json, trajectory.csv, events.json,
 * initial-state.json, final-state.json, plots/*.png, the model's artifacts, and report.md. Data files are written
 * before figures, so a figure that cannot be drawn never costs the numbers.
 */
public final class RunWriter {
  /** Event states are written in events.json up to this dimension. */
  static final int EVENT_STATE_LIMIT = 5_000;

  private RunWriter() {}

  public static Path write(RunResult r, Path outputsRoot) {
    return writeInto(r, RunFolder.create(outputsRoot, r.spec().name()));
  }

  /** Writes into an existing (empty) folder. */
  public static Path writeInto(RunResult r, Path dir) {
    try {
      Json.MAPPER.writeValue(dir.resolve("run.json").toFile(), runJson(r));
      writeTrajectory(r.trajectory(), dir.resolve("trajectory.csv"));
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
    List<Map<String, Object>> out = new ArrayList<>();
    ParameterLayout layout = r.system().flow().layout();
    for (EventRecord e : r.events()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      m.put("observable", e.observable());
      m.put("threshold", e.threshold());
      m.put("direction", e.increasing() ? "up" : "down");
      m.put("t", e.time());
      m.put("terminal", e.terminal());
      m.put("persisted", e.persisted());
      m.put("values", e.values());
      if (layout.dimension() <= EVENT_STATE_LIMIT) {
        m.put("state", StateJson.blocks(layout, e.state()));
      }
      out.add(m);
    }
    return out;
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
}
