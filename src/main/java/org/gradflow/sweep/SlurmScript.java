package org.gradflow.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An sbatch job-array script for a sweep folder: array index = point index, one task runs
 * {@code gradflow sweep point <dir> --index $SLURM_ARRAY_TASK_ID}. Only points not complete yet
 * are listed, so resubmitting after a partial run does only the rest.
 */
public record SlurmScript(String jobName, String partition, String time, String memory, int cpusPerTask,
    Integer maxParallel, String launcher) {

  public String render(Path sweepDir, Path workDir, List<Integer> indices) {
    Path dir = sweepDir.toAbsolutePath().normalize();
    StringBuilder sb = new StringBuilder();
    sb.append("#!/bin/bash\n");
    sb.append("# gradflow sweep job array: array index = sweep point index (see plan.json)\n");
    sb.append("#SBATCH --job-name=").append(jobName).append('\n');
    sb.append("#SBATCH --array=").append(ranges(indices)).append(maxParallel != null ? "%" + maxParallel : "").append('\n');
    sb.append("#SBATCH --ntasks=1\n");
    sb.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
    sb.append("#SBATCH --mem=").append(memory).append('\n');
    sb.append("#SBATCH --time=").append(time).append('\n');
    if (partition != null && !partition.isBlank()) {
      sb.append("#SBATCH --partition=").append(partition).append('\n');
    }
    sb.append("#SBATCH --output=").append(dir.resolve("slurm")).append("/%A_%a.out\n");
    sb.append("set -euo pipefail\n");
    sb.append("cd ").append(quote(workDir.toAbsolutePath().normalize().toString())).append('\n');
    sb.append("exec ").append(launcher).append(" sweep point ").append(quote(dir.toString()))
        .append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");
    return sb.toString();
  }

  /** 0,1,2,3,7,9,10 → {@code 0-3,7,9-10}. */
  static String ranges(List<Integer> sorted) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      parts.add(i == j ? Integer.toString(sorted.get(i)) : String.format(Locale.ROOT, "%d-%d", sorted.get(i), sorted.get(j)));
      i = j + 1;
    }
    return String.join(",", parts);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** How this JVM was started, as a command line an array task can repeat. */
  static String currentLauncher(String javaOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String opts = javaOptions == null || javaOptions.isBlank() ? "" : " " + javaOptions.trim();
    try {
      Path code = Path.of(SlurmScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (code.toString().endsWith(".jar")) {
        return quote(java) + " -Djava.awt.headless=true" + opts + " -jar " + quote(code.toString());
      }
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      // fall through to the class path form
    }
    return quote(java) + " -Djava.awt.headless=true" + opts + " -cp " + quote(System.getProperty("java.class.path"))
        + " org.gradflow.cli.Main";
  }
}
