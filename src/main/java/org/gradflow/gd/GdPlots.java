package org.gradflow.gd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradflow.core.ParameterLayout;
import org.gradflow.plot.Charts;
import org.gradflow.plot.Figure;
import org.gradflow.plot.PlotFormat;
import org.gradflow.plot.PlotStyle;
import org.knowm.xchart.XYChart;

/**
 * The compare-gd figures, drawn with the shared {@link Charts}: the losses of GD, the flow and the
 * modified flow beside their differences (the curves themselves usually coincide), the parameter
 * deviation on log axes, and the order check.
 */
final class GdPlots {
  /** Per-block deviation curves are drawn when a model has at most this many blocks. */
  static final int MAX_BLOCK_CURVES = 6;
  static final String LOSS = "plots/loss.png";
  static final String DEVIATION = "plots/deviation.png";

  private GdPlots() {}

  static List<String> write(CompareGd.Result r, Path dir) throws IOException {
    Set<PlotFormat> formats = r.spec().outputs().plotFormats();
    List<String> files = new ArrayList<>();
    if (formats.isEmpty()) {
      return files;
    }
    files.add(loss(r, dir, formats));
    if (!r.comparisons().isEmpty()) {
      files.add(deviation(r, dir, formats));
    }
    if (r.order() != null) {
      files.add("plots/" + order(r.order(), dir, "order.png", formats));
    }
    return files;
  }

  /** The caption report.md prints under a figure this class wrote. */
  static String caption(CompareGd.Result r, String file) {
    double eta = r.settings().learningRate();
    return switch (file) {
      case LOSS -> "Left: training loss of " + otherName(r) + ", the gradient flow"
          + (r.comparisons().size() > 1 ? " and the modified flow" : "") + " against t = kη (η = " + eta
          + "), log–log; they overlap at this scale. Right: the loss differences on log axes, which carry the "
          + "comparison (zero differences are not drawn on the log axis).";
      case DEVIATION -> "Parameter deviation ‖θ_GD(k) − θ(kη)‖ from each reference flow on log–log axes"
          + (blocksDrawn(r) ? ", with the per-block deviation from the flow (dashed/dotted)" : "")
          + ". GD tracks the flow to O(η) and the modified flow to O(η²) (order check below).";
      default -> file.endsWith("order.png") ? "Deviation at a fixed t against the learning rate, log–log, with "
          + "least-squares lines; the fitted slopes are the measured orders." : "";
    };
  }

  private static String otherName(CompareGd.Result r) {
    return r.gd() != null ? String.format(Locale.ROOT, "GD (η = %s)", r.settings().learningRate()) : "the imported run";
  }

  private static boolean blocksDrawn(CompareGd.Result r) {
    int n = r.system().flow().layout().blocks().size();
    return n > 1 && n <= MAX_BLOCK_CURVES;
  }

  private static String loss(CompareGd.Result r, Path dir, Set<PlotFormat> formats) throws IOException {
    double[] tFlow = r.flow().trajectory().times();
    double[] lFlow = r.flow().trajectory().column("loss");
    double[] tOther;
    double[] lOther;
    if (r.gd() != null) {
      tOther = r.gd().trajectory().times();
      lOther = r.gd().trajectory().column("loss");
    } else if (r.lossCurve() != null) {
      tOther = r.lossCurve().rows().stream().mapToDouble(x -> x[1]).toArray();
      lOther = r.lossCurve().rows().stream().mapToDouble(x -> x[2]).toArray();
    } else {
      Comparison c = r.comparisons().get(0);
      tOther = c.column("t");
      lOther = c.column("loss_gd");
    }
    boolean logY = Arrays.stream(lFlow).allMatch(x -> x > 0) && Arrays.stream(lOther).allMatch(x -> x > 0);
    XYChart curves = Charts.lines("Training loss: " + r.spec().name(), "t = k η", "L̂", true, logY, 560, 440);
    Charts.addLine(curves, otherName(r), tOther, lOther);
    Charts.addLine(curves, "gradient flow", tFlow, lFlow);
    for (Comparison cmp : r.comparisons()) {
      if (!cmp.label().equals("flow")) {
        Charts.addLine(curves, cmp.label() + " flow", cmp.column("t"), cmp.column("loss_" + cmp.label()));
      }
    }
    XYChart diff = Charts.lines("Loss difference", "t = k η", "|L̂_GD − L̂_ref|", true, true, 700, 440);
    for (int k = 0; k < r.comparisons().size(); k++) {
      Comparison cmp = r.comparisons().get(k);
      double[] d = cmp.column("loss_diff").clone();
      for (int i = 0; i < d.length; i++) {
        d[i] = Math.abs(d[i]);
      }
      var s = Charts.addLine(diff, "|L̂_GD − L̂_" + cmp.label() + "|", cmp.column("t"), d);
      if (s != null) {
        // the colour and dashes of that reference's loss curve on the left (slot 0 is GD's)
        PlotStyle.styleLine(s, k + 1);
      }
    }
    Figure f = diff.getSeriesCollection().isEmpty() ? Figure.of(curves) : Figure.row(List.of(curves, diff));
    Charts.save(f, dir.resolve("loss.png"), formats);
    return LOSS;
  }

  private static String deviation(CompareGd.Result r, Path dir, Set<PlotFormat> formats) throws IOException {
    XYChart c = Charts.lines("Parameter deviation ‖θ_GD(k) − θ(kη)‖: " + r.spec().name(), "t = k η",
        "‖θ_GD − θ_ref‖", true, true);
    for (Comparison cmp : r.comparisons()) {
      Charts.addLine(c, "vs " + cmp.label() + " (all parameters)", cmp.column("t"), cmp.column("deviation"));
    }
    if (blocksDrawn(r)) {
      Comparison flow = r.comparisons().get(0);
      for (ParameterLayout.Block b : r.system().flow().layout().blocks()) {
        Charts.addLine(c, "vs flow, block " + b.name(), flow.column("t"), flow.column("deviation_" + b.name()));
      }
    }
    Charts.save(c, dir.resolve("deviation.png"), formats);
    return DEVIATION;
  }

  static String order(OrderCheck.OrderResult o, Path dir, String file) throws IOException {
    return order(o, dir, file, PlotFormat.DEFAULT);
  }

  static String order(OrderCheck.OrderResult o, Path dir, String file, Set<PlotFormat> formats) throws IOException {
    XYChart c = Charts.lines(String.format(Locale.ROOT, "Order check: deviation at t = %s against η",
        PlotStyle.sig3(o.time())), "learning rate η", "‖θ_GD − θ_ref‖ at t", true, true);
    addFit(c, "vs flow", o.learningRates(), o.deviationFromFlow(), o.flowFit());
    if (o.deviationFromModified() != null) {
      addFit(c, "vs modified flow", o.learningRates(), o.deviationFromModified(), o.modifiedFit());
    }
    Charts.save(c, dir.resolve(file), formats);
    return file;
  }

  private static void addFit(XYChart c, String name, double[] etas, double[] devs, OrderCheck.Fit fit) {
    var points = Charts.addPoints(c, name, etas, devs);
    double[] line = new double[etas.length];
    for (int i = 0; i < etas.length; i++) {
      line[i] = Math.exp(fit.intercept() + fit.slope() * Math.log(etas[i]));
    }
    var fitted = Charts.addLine(c, String.format(Locale.ROOT, "%s: fitted slope %.3f", name, fit.slope()), etas, line);
    if (fitted != null) {
      fitted.setLineColor(points.getMarkerColor());
      fitted.setLineStyle(PlotStyle.DASHED);
    }
  }
}
