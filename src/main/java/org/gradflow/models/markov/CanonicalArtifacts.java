package org.gradflow.models.markov;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.models.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.plot.Charts;

/** After a canonical run: the phase portrait with this run's start, and predicted vs final state. */
final class CanonicalArtifacts implements FlowSystem.ArtifactWriter {
  private final CanonicalFlow flow;
  private final LimitPrediction predicted;

  CanonicalArtifacts(CanonicalFlow flow, LimitPrediction predicted) {
    this.flow = flow;
    this.predicted = predicted;
  }

  @Override
  public List<String> write(RunResult result, Path runDir) throws IOException {
    double[] start = result.system().initialState();
    double[] end = result.finalState();
    double range = Math.max(3, 1.2 * Math.max(Math.max(Math.abs(start[0]), Math.abs(start[1])),
        Math.max(Math.abs(end[0]), Math.abs(end[1]))));
    double tPlot = Math.min(Math.max(result.finalTime(), 1e-9), 500);
    Charts.save(new PhasePortrait(flow.source(), range).draw(120, 21, List.of(start), tPlot),
        runDir.resolve("plots/phase-portrait.png"));
    List<String> lines = new ArrayList<>();
    lines.add("## Canonical Markov flow");
    lines.add("");
    lines.add("![phase portrait](plots/phase-portrait.png)");
    lines.add("");
    lines.add("| quantity | predicted (§3.5–3.6, no integration) | final state |");
    lines.add("|---|---|---|");
    lines.add(String.format(Locale.ROOT, "| basin | %s | |", predicted.basin()));
    lines.add(String.format(Locale.ROOT, "| e | %.12g | %.12g |", predicted.e(), end[0]));
    lines.add(String.format(Locale.ROOT, "| w | %.12g | %.12g |", predicted.w(), end[1]));
    lines.add(String.format(Locale.ROOT, "| loss | %.12g | %.12g |", predicted.loss(), flow.loss(end)));
    lines.add(String.format(Locale.ROOT, "| energy | %.12g | %.12g |", predicted.energy(), Energy.of(end[0], end[1])));
    return lines;
  }
}
