package org.gradflow.plot;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the labels of vertical event lines go: each label sits just right of its line (left of
 * it when it would leave the plot), in the first row from the top where it overlaps no label
 * placed before it. Rows are added as needed, so no two boxes ever intersect. Pure geometry on
 * pixel coordinates, so the no-overlap promise is testable without drawing.
 */
public final class EventLabelLayout {
  /** Gap between a line and its label, and between neighbouring labels (pixels). */
  static final double GAP = 3;

  private EventLabelLayout() {}

  /**
   * @param lineX  pixel x of each event line, in the order labels are placed
   * @param widths label widths (pixels)
   * @param height label height (pixels), the same for all
   * @param left   left edge of the plot area
   * @param right  right edge of the plot area
   * @param top    top edge of the plot area
   * @return one box per label, in input order
   */
  public static List<Rectangle2D> place(double[] lineX, double[] widths, double height, double left,
      double right, double top) {
    List<Rectangle2D> boxes = new ArrayList<>();
    for (int i = 0; i < lineX.length; i++) {
      double x = lineX[i] + GAP;
      if (x + widths[i] > right && lineX[i] - GAP - widths[i] >= left) {
        x = lineX[i] - GAP - widths[i];
      }
      for (int row = 0; ; row++) {
        Rectangle2D box = new Rectangle2D.Double(x, top + GAP + row * (height + GAP), widths[i], height);
        if (boxes.stream().noneMatch(b -> intersects(b, box))) {
          boxes.add(box);
          break;
        }
      }
    }
    return boxes;
  }

  /** Intersection with a margin of {@link #GAP}/2, so touching labels count as overlapping. */
  static boolean intersects(Rectangle2D a, Rectangle2D b) {
    double m = GAP / 2;
    return a.getMinX() - m < b.getMaxX() && b.getMinX() - m < a.getMaxX()
        && a.getMinY() - m < b.getMaxY() && b.getMinY() - m < a.getMaxY();
  }
}
