package org.gradflow.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.plot.Charts;
import org.gradflow.plot.PlotFormat;
import org.gradflow.plot.PlotStyle;
import org.gradflow.spec.OutputSpec;
import org.knowm.xchart.XYChart;

/**
 * The generic figures of a run: the loss L̂(t) and ‖∇L‖ on log–log axes with the events as
 * dashed lines, and the spec's own plots ({@code outputs.plots}), in {@code outputs.formats}.
 */
public final class RunPlots {
  static final String LOSS = "loss";
  static final String GRAD_NORM = "gradNorm";

  /** How the generic observables are written in legends. */
  private static final Map<String, String> SYMBOLS = Map.of("loss", "L̂(t)", "gradNorm", "‖∇L̂‖");

  private RunPlots() {}

  /** Writes the figures into {@code dir}; returns the PNG file names (none when figures are off). */
  public static List<String> write(RunResult r, Path dir) throws IOException {
    Set<PlotFormat> formats = r.spec().outputs().plotFormats();
    List<String> files = new ArrayList<>();
    if (formats.isEmpty()) {
      return files;
    }
    Map<String, Double> events = eventTimes(r);
    String name = r.spec().name();
    files.add(plot(r, dir, formats, LOSS, List.of("loss"), "Training loss L̂(t), " + name, "L̂(t)",
        true, true, null, null, events));
    files.add(plot(r, dir, formats, GRAD_NORM, List.of("gradNorm"), "Gradient norm ‖∇L̂(θ(t))‖, " + name, "‖∇L̂‖",
        true, true, null, null, events));
    for (OutputSpec.PlotSpec p : r.spec().outputs().plots()) {
      Map<String, Double> drawn = new LinkedHashMap<>();
      events.forEach((k, v) -> {
        if (p.drawsEvent(k)) {
          drawn.put(k, v);
        }
      });
      String title = p.title() != null ? p.title() : String.join(", ", p.observables()) + " against t, " + name;
      files.add(plot(r, dir, formats, p.name(), p.observables(), title,
          p.yLabel() != null ? p.yLabel() : String.join(", ", p.observables()), p.logX(), p.logY(),
          p, p.xLabel(), drawn));
    }
    files.removeIf(f -> f == null);
    return files;
  }

  /** First time of each event, by name (the event lines drawn). */
  static Map<String, Double> eventTimes(RunResult r) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (EventRecord e : r.events()) {
      m.putIfAbsent(e.name(), e.time());
    }
    return m;
  }

  /** The caption report.md prints under a figure this class wrote. */
  static String caption(RunResult r, String file) {
    Trajectory tr = r.trajectory();
    String stem = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.png$", "");
    int events = eventTimes(r).size();
    String lines = events == 0 ? "no event fired"
        : events + " dashed line" + (events == 1 ? "" : "s") + " at the first firing of each event"
            + (events > Charts.NAMED_EVENTS ? " (numbered; the legend names them)" : "");
    if (tr.size() > 0 && (stem.equals(LOSS) || stem.equals(GRAD_NORM))) {
      String col = stem.equals(LOSS) ? "loss" : "gradNorm";
      return String.format(Locale.ROOT, "%s from %s at t = 0 to %s at t = %s (log–log; samples ≤ 0 not drawn); %s.",
          stem.equals(LOSS) ? "L̂(t)" : "‖∇L̂‖", PlotStyle.sig3(tr.column(col)[0]), PlotStyle.sig3(tr.last(col)),
          PlotStyle.sig3(r.finalTime()), lines);
    }
    for (OutputSpec.PlotSpec p : r.spec().outputs().plots()) {
      if (RunFolder.sanitize(p.name()).equals(stem)) {
        return String.join(", ", p.observables()) + " against t" + (p.logX() ? " (log t)" : "")
            + (p.logY() ? ", log y" : "") + "; " + lines + ".";
      }
    }
    return "";
  }

  private static String plot(RunResult r, Path dir, Set<PlotFormat> formats, String name, List<String> observables,
      String title, String yLabel, boolean logX, boolean logY, OutputSpec.PlotSpec options, String xLabel,
      Map<String, Double> events) throws IOException {
    Trajectory tr = r.trajectory();
    if (tr.size() < 2) {
      return null;
    }
    XYChart c = Charts.lines(title, xLabel != null ? xLabel : "t (gradient-flow time)", yLabel, logX, logY);
    double[] t = tr.times();
    boolean any = false;
    for (String o : observables) {
      if (tr.hasColumn(o)) {
        any |= Charts.addLine(c, SYMBOLS.getOrDefault(o, o), t, tr.column(o)) != null;
      }
    }
    if (!any) {
      return null;
    }
    if (options != null && options.xRange() != null) {
      c.getStyler().setXAxisMin(options.xRange().get(0)).setXAxisMax(options.xRange().get(1));
    }
    if (options != null && options.yRange() != null) {
      c.getStyler().setYAxisMin(options.yRange().get(0)).setYAxisMax(options.yRange().get(1));
    }
    Charts.markTimes(c, events);
    String file = RunFolder.sanitize(name) + ".png";
    Charts.save(c, dir.resolve(file), formats);
    return file;
  }
}
