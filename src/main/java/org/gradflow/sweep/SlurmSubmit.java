package org.gradflow.sweep;

import org.gradflow.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code sweep.sbatch} for the points not complete yet and optionally runs sbatch on it. */
final class SlurmSubmit {
  private SlurmSubmit() {}

  static int writeAndMaybeSubmit(Path dir, List<SweepPoint> points, SlurmScript script, boolean submit)
      throws IOException, InterruptedException {
    PointStore store = new PointStore(dir);
    List<Integer> todo = new ArrayList<>();
    for (SweepPoint p : points) {
      if (store.complete(p).isEmpty()) {
        todo.add(p.index());
      }
    }
    if (todo.isEmpty()) {
      System.out.println("all " + points.size() + " points are complete: nothing to submit; run `gradflow sweep collect " + dir + "`");
      return 0;
    }
    Files.createDirectories(dir.resolve("slurm"));
    Path file = AtomicFiles.write(dir.resolve("sweep.sbatch"), script.render(dir, Path.of(""), todo));
    file.toFile().setExecutable(true);
    System.out.println("wrote " + file + " (array of " + todo.size() + " of " + points.size() + " points)");
    if (!submit) {
      System.out.println("submit with: sbatch " + file + "   then: gradflow sweep collect " + dir);
      return 0;
    }
    Process p = new ProcessBuilder("sbatch", "--parsable", file.toString()).redirectErrorStream(true).start();
    String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    int rc = p.waitFor();
    if (rc != 0) {
      System.err.println("sbatch failed (exit " + rc + "): " + outText);
      return SweepCommand.INCOMPLETE;
    }
    Files.writeString(dir.resolve("slurm").resolve("job-id"), outText + "\n");
    System.out.println("submitted job " + outText + "; collect with: gradflow sweep collect " + dir);
    return 0;
  }
}
