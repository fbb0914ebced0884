package org.gradflow.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * One figure file: one chart, or several side by side as panels of one figure (the encoders
 * take any {@link IChart}). XChart draws every string as glyph outlines, which look the same in
 * every viewer but cannot be searched or copied; vector output therefore also gets a text layer,
 * invisible, with each panel's title, axis titles and legend entries drawn as real text near
 * where they are shown.
 */
public final class Figure implements IChart {
  private static final Color INVISIBLE = new Color(0, 0, 0, 0);

  private final List<Chart<?, ?>> panels;
  private final boolean textLayer;

  private Figure(List<Chart<?, ?>> panels, boolean textLayer) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel");
    }
    this.panels = List.copyOf(panels);
    this.textLayer = textLayer;
  }

  public static Figure of(Chart<?, ?> chart) {
    return new Figure(List.of(chart), false);
  }

  /** Panels left to right, each at its own size, top-aligned. */
  public static Figure row(List<? extends Chart<?, ?>> panels) {
    return new Figure(new ArrayList<>(panels), false);
  }

  public List<Chart<?, ?>> panels() {
    return panels;
  }

  /** The same figure, drawing the searchable text layer after the panels (for SVG and PDF). */
  Figure withTextLayer() {
    return new Figure(panels, true);
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int x = 0;
    for (Chart<?, ?> c : panels) {
      AffineTransform saved = g.getTransform();
      g.translate(x, 0);
      c.paint(g, c.getWidth(), c.getHeight());
      if (textLayer) {
        drawTextLayer(g, c);
      }
      g.setTransform(saved);
      x += c.getWidth();
    }
  }

  private static void drawTextLayer(Graphics2D g, Chart<?, ?> c) {
    g.setColor(INVISIBLE);
    g.setFont(PlotStyle.LEGEND);
    int w = c.getWidth();
    int h = c.getHeight();
    draw(g, c.getTitle(), w / 3, 20);
    if (c instanceof AxesChart<?, ?> a) {
      draw(g, a.getXAxisTitle(), w / 3, h - 10);
      draw(g, a.getYAxisTitle(), 4, h / 2);
    }
    int y = 60;
    for (var s : c.getSeriesCollection()) {
      if (s.isShowInLegend()) {
        draw(g, s.getName(), w - 150, y);
        y += 14;
      }
    }
  }

  private static void draw(Graphics2D g, String text, int x, int y) {
    if (text != null && !text.isBlank()) {
      g.drawString(text, x, y);
    }
  }

  @Override
  public int getWidth() {
    return panels.stream().mapToInt(Chart::getWidth).sum();
  }

  @Override
  public int getHeight() {
    return panels.stream().mapToInt(Chart::getHeight).max().orElse(0);
  }

  @Override
  public String getTitle() {
    return panels.get(0).getTitle();
  }
}
