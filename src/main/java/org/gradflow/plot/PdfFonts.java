package org.gradflow.plot;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
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
  /** AWT font name (e.g. "DejaVu Sans Bold") → its file. */
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

  private static Map<String, File> locate() {
    Map<String, File> found = new LinkedHashMap<>();
    String stem = PlotStyle.FAMILY.replace(" ", "").toLowerCase(Locale.ROOT);
    for (Font wanted : new Font[] {PlotStyle.LEGEND, PlotStyle.TITLE}) {
      for (URI uri : new FontFileFinder().find()) {
        File f = new File(uri);
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (!name.startsWith(stem) || !name.endsWith(".ttf") || found.containsKey(wanted.getFontName())) {
          continue;
        }
        try {
          if (Font.createFont(Font.TRUETYPE_FONT, f).getFontName().equals(wanted.getFontName())) {
            found.put(wanted.getFontName(), f);
          }
        } catch (IOException | FontFormatException e) {
          // not a usable TrueType file: keep looking
        }
      }
    }
    return Map.copyOf(found);
  }
}
