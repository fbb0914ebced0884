package org.gradflow.plot;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.util.autodetect.FontFileFinder;

/**
 * The TrueType files behind {@link PlotStyle}'s fonts, found once among the system's font
 * folders with FontBox's {@link FontFileFinder}, so that PDF text is drawn with that font and a
 * subset of it is embedded (PDFBox {@code PDType0Font}). When a file is not found (a machine
 * without the font), the PDF bridge falls back to drawing that text as glyph outlines.
 */
final class PdfFonts {
  /** AWT font name (e.g. "DejaVu Sans") → its file. */
  private static final Map<String, File> FILES = locate();

  private PdfFonts() {}

  /** A fresh drawer for one PDF document (embedded fonts belong to a document). */
  static PdfBoxGraphics2DFontTextDrawer drawer() {
    PdfBoxGraphics2DFontTextDrawer d = new PdfBoxGraphics2DFontTextDrawer();
    FILES.forEach(d::registerFont);
    return d;
  }

  static boolean embeddable() {
    return !FILES.isEmpty();
  }

  /**
   * The file of the plain font, which is the only one drawn as PDF text (the text layer and event
   * labels; XChart's own strings, bold titles included, are outlines): tried first under its
   * usual file name, so that only that file is parsed.
   */
  private static Map<String, File> locate() {
    Font wanted = PlotStyle.LEGEND;
    String stem = PlotStyle.FAMILY.replace(" ", "").toLowerCase(Locale.ROOT);
    List<File> candidates = new ArrayList<>();
    for (URI uri : new FontFileFinder().find()) {
      File f = new File(uri);
      String name = f.getName().toLowerCase(Locale.ROOT);
      if (name.equals(stem + ".ttf")) {
        candidates.add(0, f);
      } else if (name.startsWith(stem) && name.endsWith(".ttf")) {
        candidates.add(f);
      }
    }
    for (File f : candidates) {
      try {
        if (Font.createFont(Font.TRUETYPE_FONT, f).getFontName().equals(wanted.getFontName())) {
          return Map.of(wanted.getFontName(), f);
        }
      } catch (IOException | FontFormatException e) {
        // not a usable TrueType file: keep looking
      }
    }
    return Map.of();
  }
}
