package org.gradflow.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gradflow.plot.PlotFormat;

/**
 * What a run records beyond the model's own observables: extra generic observables (e.g.
 * {@code sigmaRatio(W_K^T*W_Q)}), extra plots (observables over t), and the file formats every
 * figure is written in ({@code png} for report.md, {@code svg}/{@code pdf} for papers; an empty
 * list turns figures off).
 */
public record OutputSpec(List<String> observables, List<PlotSpec> plots, Boolean finalState,
    List<String> formats) {

  /**
   * One extra plot: these observables against t, with optional axis ranges ({@code [lo, hi]}),
   * labels, title and the events to draw (all when absent, none for {@code []}).
   */
  public record PlotSpec(String name, List<String> observables, Boolean logX, Boolean logY,
      List<Double> xRange, List<Double> yRange, String xLabel, String yLabel, String title,
      List<String> events) {
    public PlotSpec {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("plots[].name is required");
      }
      if (observables == null || observables.isEmpty()) {
        throw new IllegalArgumentException("plots['" + name + "'].observables: needs at least one observable");
      }
      logX = logX == null || logX;
      logY = logY != null && logY;
      xRange = range(name, "xRange", xRange, logX);
      yRange = range(name, "yRange", yRange, logY);
      observables = List.copyOf(observables);
      events = events == null ? null : List.copyOf(events);
    }

    /** Whether the event called {@code name} is drawn on this plot. */
    public boolean drawsEvent(String event) {
      return events == null || events.contains(event);
    }

    private static List<Double> range(String plot, String field, List<Double> r, boolean log) {
      if (r == null) {
        return null;
      }
      String where = "plots['" + plot + "']." + field;
      if (r.size() != 2 || r.get(0) == null || r.get(1) == null) {
        throw new IllegalArgumentException(where + ": expected [lo, hi]");
      }
      double lo = r.get(0);
      double hi = r.get(1);
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
        throw new IllegalArgumentException(where + ": expected finite lo < hi, got [" + lo + ", " + hi + "]");
      }
      if (log && !(lo > 0)) {
        throw new IllegalArgumentException(where + ": a log axis needs lo > 0, got " + lo);
      }
      return List.of(lo, hi);
    }
  }

  public OutputSpec {
    observables = observables == null ? List.of() : List.copyOf(observables);
    plots = plots == null ? List.of() : List.copyOf(plots);
    finalState = finalState == null || finalState;
    formats = formats == null ? defaultFormats() : List.copyOf(checkFormats(formats));
    List<String> names = new ArrayList<>();
    for (PlotSpec p : plots) {
      if (names.contains(p.name())) {
        throw new IllegalArgumentException("plots: two plots named '" + p.name() + "'");
      }
      names.add(p.name());
    }
  }

  public static OutputSpec defaults() {
    return new OutputSpec(null, null, null, null);
  }

  /** The formats as a set; empty when figures are off. */
  public Set<PlotFormat> plotFormats() {
    Set<PlotFormat> s = EnumSet.noneOf(PlotFormat.class);
    formats.forEach(f -> s.add(PlotFormat.parse(f)));
    return Set.copyOf(s);
  }

  private static List<String> defaultFormats() {
    return PlotFormat.DEFAULT.stream().sorted().map(PlotFormat::extension).toList();
  }

  private static List<String> checkFormats(List<String> formats) {
    Set<PlotFormat> seen = EnumSet.noneOf(PlotFormat.class);
    for (int i = 0; i < formats.size(); i++) {
      PlotFormat f;
      try {
        f = PlotFormat.parse(formats.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("formats[" + i + "]: " + e.getMessage());
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("formats[" + i + "]: '" + formats.get(i) + "' listed twice");
      }
    }
    if (!seen.isEmpty() && !seen.contains(PlotFormat.PNG)) {
      throw new IllegalArgumentException("formats: must include png (report.md shows the PNGs), or be [] for no figures");
    }
    return formats;
  }
}
