package org.gradflow.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradflow.integrate.RunResult;
import org.gradflow.spec.Json;

/** The run's own files inside a point folder: the exact system spec it ran ({@code spec.json}). */
final class RunFiles {
  private RunFiles() {}

  static void write(RunResult r, Path folder) throws IOException {
    Files.writeString(folder.resolve("spec.json"), Json.MAPPER.writeValueAsString(r.spec().tree()));
  }
}
