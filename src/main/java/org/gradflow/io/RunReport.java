package org.gradflow.io;

import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.IntegrationStats;
import org.gradflow.integrate.RunResult;
import org.gradflow.validate.CheckResult;

/** report.md of one run: what ran, how it ended, cost, events, warnings, figures. */
public final class RunReport {
  private RunReport() {}

  public static String markdown(RunResult r, List<String> plots, List<String> modelLines) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(r.spec().name()).append("\n\n");
    if (!r.spec().description().isBlank()) {
      sb.append(r.spec().description()).append("\n\n");
    }
    IntegrationStats s = r.stats();
    sb.append("- model: `").append(r.spec().model()).append("`, dimension ").append(s.dimension()).append('\n');
    sb.append("- spec: `").append(r.spec().file()).append("`\n");
    sb.append(String.format(Locale.ROOT, "- integrator: %s, rtol %s%s%n", s.method(), CheckResult.fmt(s.rtol()),
        s.digits() > 0 ? ", Dfp " + s.digits() + " digits" : ""));
    sb.append("- outcome: **").append(r.outcome()).append("** — ").append(r.reason()).append('\n');
    sb.append(String.format(Locale.ROOT,
        "- t reached %s; final loss %s; %d accepted steps, %d rejected, %d RHS evaluations, %.3f s wall%n%n",
        CheckResult.fmt(r.finalTime()),
        r.trajectory().size() > 0 ? CheckResult.fmt(r.trajectory().last("loss")) : "—",
        s.acceptedSteps(), s.rejectedSteps(), s.rhsEvaluations(), s.wallSeconds()));
    if (!r.warnings().isEmpty()) {
      sb.append("## Warnings\n\n");
      r.warnings().forEach(w -> sb.append("- ").append(w).append('\n'));
      sb.append('\n');
    }
    sb.append("## Events\n\n");
    if (r.events().isEmpty()) {
      sb.append("No event fired.\n\n");
    } else {
      sb.append("| event | observable | threshold | direction | t | persisted |\n|---|---|---|---|---|---|\n");
      for (EventRecord e : r.events()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.12g | %s |%n", e.name(), e.observable(),
            CheckResult.fmt(e.threshold()), e.increasing() ? "up" : "down", e.time(), e.persisted() ? "yes" : "no"));
      }
      sb.append('\n');
    }
    if (!modelLines.isEmpty()) {
      sb.append("## Model\n\n");
      modelLines.forEach(l -> sb.append(l).append('\n'));
      sb.append('\n');
    }
    if (!plots.isEmpty()) {
      sb.append("## Figures\n\n");
      for (String p : plots) {
        String caption = RunPlots.caption(r, p);
        sb.append("![").append(p).append("](").append(p).append(")\n\n");
        if (!caption.isEmpty()) {
          sb.append('*').append(p).append(":* ").append(caption).append("\n\n");
        }
      }
      if (r.spec().outputs().plotFormats().size() > 1) {
        sb.append("Each figure is also written as ").append(r.spec().outputs().formats().stream()
            .filter(f -> !f.equals("png")).map(f -> "." + f).collect(java.util.stream.Collectors.joining(", ")))
            .append(" beside its PNG (`outputs.formats`).\n\n");
      }
    }
    return sb.toString();
  }
}
