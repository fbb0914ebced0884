package org.gradflow.sweep;

import java.nio.file.Path;
import org.gradflow.models.RunResult;
import org.gradflow.io.RunWriter;

/** A point folder is a normal run folder: run.json, trajectory.csv, events.json, final-state.json, report.md, plots. */
final class RunFiles {
  private RunFiles() {}

  static void write(RunResult r, Path folder) {
    RunWriter.writeInto(r, folder);
  }
}
