package org.gradflow.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Dashed vertical lines at event times, each labelled at the top of the plot; labels are placed
 * by {@link EventLabelLayout} at paint time, from the real plot bounds and font metrics, so they
 * never overlap each other. The label boxes of the last paint are kept for tests.
 */
public final class EventMarks extends Annotation {
  /** One event line: its label (a name, or a number that the legend explains) and its time. */
  public record Mark(String label, double time) {}

  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 220);

  private final List<Mark> marks;
  private List<Rectangle2D> boxes = List.of();

  public EventMarks(List<Mark> marks) {
    super(false);
    this.marks = List.copyOf(marks);
  }

  public List<Mark> marks() {
    return marks;
  }

  /** Label boxes (pixels) of the last paint, in the order of {@link #marks()} that were inside the plot. */
  public List<Rectangle2D> labelBoxes() {
    return boxes;
  }

  @Override
  public void paint(Graphics2D g) {
    if (!isVisible || marks.isEmpty()) {
      return;
    }
    double left = getXAxisScreenValueForMin();
    double right = getXAxisScreenValueForMax();
    double top = Math.min(getYAxisScreenValueForMax(), getYAxisScreenValueForMin());
    double bottom = Math.max(getYAxisScreenValueForMax(), getYAxisScreenValueForMin());
    FontRenderContext frc = g.getFontRenderContext();
    List<TextLayout> texts = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    int[] index = new int[marks.size()];
    for (int k = 0; k < marks.size(); k++) {
      Mark m = marks.get(k);
      double x = getXAxisScreenValue(m.time());
      if (x < left - 0.5 || x > right + 0.5) {
        continue;
      }
      index[xs.size()] = k;
      xs.add(x);
      texts.add(new TextLayout(m.label(), PlotStyle.ANNOTATION, frc));
    }
    double[] lineX = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] widths = new double[lineX.length];
    double height = 0;
    for (int i = 0; i < widths.length; i++) {
      widths[i] = texts.get(i).getAdvance() + 2;
      height = Math.max(height, texts.get(i).getAscent() + texts.get(i).getDescent());
    }
    boxes = List.copyOf(EventLabelLayout.place(lineX, widths, height, left, right, top));
    g.setStroke(PlotStyle.EVENT_LINE);
    g.setColor(PlotStyle.EVENT);
    for (double x : lineX) {
      g.draw(new Line2D.Double(x, top, x, bottom));
    }
    for (int i = 0; i < lineX.length; i++) {
      Rectangle2D b = boxes.get(i);
      g.setColor(LABEL_BACKGROUND);
      g.fill(b);
      g.setColor(PlotStyle.EVENT);
      // drawString, not TextLayout.draw: vector encoders then write real text
      g.setFont(PlotStyle.ANNOTATION);
      g.drawString(marks.get(index[i]).label(), (float) (b.getX() + 1), (float) (b.getY() + texts.get(i).getAscent()));
    }
    bounds = boxes.stream().reduce((a, b) -> a.createUnion(b)).orElse(new Rectangle2D.Double());
  }
}
