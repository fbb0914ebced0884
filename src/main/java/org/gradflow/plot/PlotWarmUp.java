package org.gradflow.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * Renders one throwaway figure in every requested format on a background thread while a run
 * integrates. Why: the first figure of a JVM pays for loading and compiling Java2D, XChart and
 * PDFBox (about 3 s of CPU for PNG + PDF on the AS-u run, most of plotting's cost there); on a
 * 2-core machine that work can overlap the single-threaded integration instead of following it.
 */
public final class PlotWarmUp {
  private PlotWarmUp() {}

  public static void start(Set<PlotFormat> formats) {
    if (formats.isEmpty()) {
      return;
    }
    Thread t = new Thread(() -> render(formats), "plot-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void render(Set<PlotFormat> formats) {
    XYChart chart = Charts.lines("warm-up", "t", "L̂(t)", true, true);
    Charts.addLine(chart, "loss", new double[] {1, 10, 100}, new double[] {1, 0.1, 0.01});
    Charts.markTimes(chart, Map.of("event", 10.0));
    Figure figure = Figure.of(chart);
    for (PlotFormat format : formats) {
      try {
        FigureFiles.encode(figure, format, OutputStream.nullOutputStream());
      } catch (IOException | RuntimeException e) {
        // only a warm-up: a real figure that fails reports its own error
      }
    }
  }
}
