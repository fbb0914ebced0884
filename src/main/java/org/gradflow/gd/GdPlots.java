package org.gradflow.gd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradflow.core.ParameterLayout;
import org.gradflow.plot.Charts;
import org.knowm.xchart.XYChart;

/** The compare-gd figures, drawn with the shared {@link Charts}. */
final class GdPlots {
  /** Per-block deviation curves are drawn when a model has at most this many blocks. */
  static final int MAX_BLOCK_CURVES = 6;

  private GdPlots() {}

  static List<String> write(CompareGd.Result r, Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    files.add(loss(r, dir));
    if (!r.comparisons().isEmpty()) {
      files.add(deviation(r, dir));
    }
    if (r.order() != null) {
      files.add("plots/" + order(r.order(), dir, "order.png"));
    }
    return files;
  }

  private static String loss(CompareGd.Result r, Path dir) throws IOException {
    double[] tFlow = r.flow().trajectory().times();
    double[] lFlow = r.flow().trajectory().column("loss");
    double[] tOther;
    double[] lOther;
    String other;
    if (r.gd() != null) {
      tOther = r.gd().trajectory().times();
      lOther = r.gd().trajectory().column("loss");
      other = "GD, lr " + r.settings().learningRate();
    } else if (r.lossCurve() != null) {
      tOther = r.lossCurve().rows().stream().mapToDouble(x -> x[1]).toArray();
      lOther = r.lossCurve().rows().stream().mapToDouble(x -> x[2]).toArray();
      other = "imported";
    } else {
      Comparison c = r.comparisons().get(0);
      tOther = c.column("t");
      lOther = c.column("loss_gd");
      other = "imported";
    }
    boolean logY = Arrays.stream(lFlow).allMatch(x -> x > 0) && Arrays.stream(lOther).allMatch(x -> x > 0);
    XYChart c = Charts.lines(r.spec().name() + ": loss, GD vs flow", "t = step × lr", "loss", true, logY);
    Charts.addLine(c, "gradient flow", tFlow, lFlow);
    Charts.addLine(c, other, tOther, lOther);
    for (Comparison cmp : r.comparisons()) {
      if (!cmp.label().equals("flow")) {
        Charts.addLine(c, cmp.label() + " flow", cmp.column("t"), cmp.column("loss_" + cmp.label()));
      }
    }
    Charts.save(c, dir.resolve("loss.png"));
    return "plots/loss.png";
  }

  private static String deviation(CompareGd.Result r, Path dir) throws IOException {
    XYChart c = Charts.lines(r.spec().name() + ": |θ_GD(k) − θ(kη)|", "t = step × lr", "deviation", true, true);
    for (Comparison cmp : r.comparisons()) {
      Charts.addLine(c, "vs " + cmp.label() + " (total)", cmp.column("t"), cmp.column("deviation"));
    }
    List<ParameterLayout.Block> blocks = r.system().flow().layout().blocks();
    if (blocks.size() > 1 && blocks.size() <= MAX_BLOCK_CURVES) {
      Comparison flow = r.comparisons().get(0);
      for (ParameterLayout.Block b : blocks) {
        Charts.addLine(c, "vs flow, " + b.name(), flow.column("t"), flow.column("deviation_" + b.name()));
      }
    }
    Charts.save(c, dir.resolve("deviation.png"));
    return "plots/deviation.png";
  }

  static String order(OrderCheck.OrderResult o, Path dir, String file) throws IOException {
    XYChart c = Charts.lines(String.format(java.util.Locale.ROOT, "order check at t = %.6g", o.time()),
        "learning rate", "deviation at t", true, true);
    // the largest η sits top right, where the default legend would hide it
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    addFit(c, "vs flow", o.learningRates(), o.deviationFromFlow(), o.flowFit());
    if (o.deviationFromModified() != null) {
      addFit(c, "vs modified flow", o.learningRates(), o.deviationFromModified(), o.modifiedFit());
    }
    Charts.save(c, dir.resolve(file));
    return file;
  }

  private static void addFit(XYChart c, String name, double[] etas, double[] devs, OrderCheck.Fit fit) {
    Charts.addPoints(c, name, etas, devs);
    double[] line = new double[etas.length];
    for (int i = 0; i < etas.length; i++) {
      line[i] = Math.exp(fit.intercept() + fit.slope() * Math.log(etas[i]));
    }
    Charts.addLine(c, String.format(java.util.Locale.ROOT, "%s fit, slope %.3f", name, fit.slope()), etas, line);
  }
}
