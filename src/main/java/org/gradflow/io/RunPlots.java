package org.gradflow.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.plot.Charts;
import org.gradflow.spec.OutputSpec;
import org.knowm.xchart.XYChart;

/** The generic figures of a run: loss and ‖∇L‖ on log axes with event lines, and spec plots. */
public final class RunPlots {
  private RunPlots() {}

  /** Writes the PNGs into {@code dir}; returns their file names. */
  public static List<String> write(RunResult r, Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    Map<String, Double> events = eventTimes(r);
    files.add(plot(r, dir, "loss", "loss L(t)", List.of("loss"), true, true, events));
    files.add(plot(r, dir, "gradNorm", "gradient norm ‖∇L‖", List.of("gradNorm"), true, true, events));
    for (OutputSpec.PlotSpec p : r.spec().outputs().plots()) {
      files.add(plot(r, dir, p.name(), p.name(), p.observables(), p.logX(), p.logY(), events));
    }
    files.removeIf(f -> f == null);
    return files;
  }

  static Map<String, Double> eventTimes(RunResult r) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (EventRecord e : r.events()) {
      m.putIfAbsent(e.name(), e.time());
    }
    return m;
  }

  private static String plot(RunResult r, Path dir, String name, String title, List<String> observables,
      boolean logX, boolean logY, Map<String, Double> events) throws IOException {
    Trajectory tr = r.trajectory();
    if (tr.size() < 2) {
      return null;
    }
    XYChart c = Charts.lines(r.spec().name() + ": " + title, "t", String.join(", ", observables), logX, logY);
    double[] t = tr.times();
    boolean any = false;
    for (String o : observables) {
      if (tr.hasColumn(o)) {
        any |= Charts.addLine(c, o, t, tr.column(o)) != null;
      }
    }
    if (!any) {
      return null;
    }
    Charts.markTimes(c, events);
    String file = RunFolder.sanitize(name) + ".png";
    Charts.save(c, dir.resolve(file));
    return file;
  }
}
