package org.gradflow.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** report.md of a suite: completion, selection, verdict counts, one table row per check, the runs. */
final class SuiteReport {
  private SuiteReport() {}

  static String markdown(String name, String description, String selection, List<CheckResult> results,
      Map<String, Path> runs, Path folder, List<String> pending) {
    long pass = results.stream().filter(r -> r.verdict() == Verdict.PASS).count();
    long fail = results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
    long report = results.stream().filter(r -> r.verdict() == Verdict.REPORT).count();
    StringBuilder sb = new StringBuilder("# Validation: ").append(name).append("\n\n");
    if (!description.isBlank()) {
      sb.append(description).append("\n\n");
    }
    if (!pending.isEmpty()) {
      sb.append("**INCOMPLETE**: the suite has not finished (still running, or killed). Not run yet: ")
          .append(String.join(", ", pending)).append(".\n\n");
    }
    if (!selection.isEmpty()) {
      sb.append(selection).append("\n\n");
    }
    String verdict = !pending.isEmpty() ? "SO FAR" : fail == 0 ? "PASSED" : "FAILED";
    sb.append("**").append(verdict).append("**: ").append(pass).append(" passed, ")
        .append(fail).append(" failed, ").append(report).append(" report-only.\n\n");
    sb.append("| verdict | check | source | predicted | measured | tolerance | note |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (CheckResult r : results) {
      sb.append("| ").append(r.verdict() == Verdict.FAIL ? "**FAIL**" : r.verdict().name())
          .append(" | ").append(cell(r.id() + ": " + r.title()))
          .append(" | ").append(cell(r.source()))
          .append(" | ").append(cell(r.predicted()))
          .append(" | ").append(cell(r.measured()))
          .append(" | ").append(cell(r.tolerance()))
          .append(" | ").append(cell(r.note())).append(" |\n");
    }
    if (!runs.isEmpty()) {
      sb.append("\n## Runs\n\n");
      runs.forEach((key, dir) -> sb.append("- `").append(key.trim()).append("` → [")
          .append(folder.relativize(dir)).append("](").append(folder.relativize(dir)).append("/report.md)\n"));
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
