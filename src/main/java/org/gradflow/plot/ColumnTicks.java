package org.gradflow.plot;

import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Tick marks and labels under a heat map at positions measured in columns (0 = left edge of
 * the first column, n = right edge of the last), e.g. decades of a log-time column grid. XChart
 * labels heat-map columns by category, which cannot put a label between two columns.
 */
final class ColumnTicks extends Annotation {
  static final int LABEL_SPACE = 18;

  private final int columns;
  private final double[] positions;
  private final List<String> labels;

  ColumnTicks(int columns, double[] positions, List<String> labels) {
    super(false);
    this.columns = columns;
    this.positions = positions.clone();
    this.labels = List.copyOf(labels);
  }

  @Override
  public void paint(Graphics2D g) {
    double left = getXAxisScreenValueForMin();
    double right = getXAxisScreenValueForMax();
    double bottom = Math.max(getYAxisScreenValueForMax(), getYAxisScreenValueForMin());
    g.setColor(java.awt.Color.DARK_GRAY);
    g.setStroke(new java.awt.BasicStroke(1f));
    g.setFont(PlotStyle.TICKS);
    Rectangle2D all = null;
    for (int i = 0; i < positions.length; i++) {
      double x = left + positions[i] / columns * (right - left);
      g.draw(new Line2D.Double(x, bottom, x, bottom + 4));
      TextLayout t = new TextLayout(labels.get(i), PlotStyle.TICKS, g.getFontRenderContext());
      float tx = (float) (x - t.getAdvance() / 2);
      float ty = (float) (bottom + 5 + t.getAscent());
      g.drawString(labels.get(i), tx, ty);
      Rectangle2D box = new Rectangle2D.Double(tx, bottom, t.getAdvance(), 5 + t.getAscent() + t.getDescent());
      all = all == null ? box : all.createUnion(box);
    }
    bounds = all == null ? new Rectangle2D.Double() : all;
  }
}
