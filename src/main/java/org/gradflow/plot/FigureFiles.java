package org.gradflow.plot;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;

/**
 * Writes a {@link Figure} in each requested format, each file whole or not at all (written
 * aside, then renamed). PNG through XChart's {@link BitmapEncoder}; SVG through XChart's
 * {@link VectorGraphicsEncoder} (VectorGraphics2D); PDF as XChart's {@code PdfboxGraphicsEncoder}
 * does it (PDFBox's Graphics2D bridge, one page of the figure's size), but with a font text
 * drawer so that the text layer is real text in an embedded font subset.
 */
final class FigureFiles {
  private FigureFiles() {}

  /**
   * Writes {@code base.png}, {@code base.svg}, {@code base.pdf} as asked ({@code file} may carry
   * any of these extensions or none); returns the first written (PNG when asked), or null when
   * {@code formats} is empty (figures off).
   */
  static Path write(Figure figure, Path file, Set<PlotFormat> formats) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String base = stripExtension(file.getFileName().toString());
    Path first = null;
    for (PlotFormat f : PlotFormat.values()) {
      if (!formats.contains(f)) {
        continue;
      }
      Path target = file.resolveSibling(base + "." + f.extension());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      encode(figure, f, bytes);
      Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
      try {
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      first = first == null ? target : first;
    }
    return first;
  }

  static void encode(Figure figure, PlotFormat format, OutputStream out) throws IOException {
    switch (format) {
      case PNG -> BitmapEncoder.saveBitmap(figure, out, BitmapEncoder.BitmapFormat.PNG);
      case SVG -> VectorGraphicsEncoder.saveVectorGraphic(figure.withTextLayer(), out,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      case PDF -> pdf(figure.withTextLayer(), out);
    }
  }

  private static void pdf(Figure figure, OutputStream out) throws IOException {
    int w = figure.getWidth();
    int h = figure.getHeight();
    try (PDDocument doc = new PDDocument(); PdfBoxGraphics2DFontTextDrawer fonts = PdfFonts.drawer()) {
      PDPage page = new PDPage(new PDRectangle(w, h));
      doc.addPage(page);
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
      g.setFontTextDrawer(fonts);
      figure.paint(g, w, h);
      g.dispose();
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawForm(g.getXFormObject());
      }
      doc.getDocumentInformation().setTitle(figure.getTitle());
      doc.getDocumentInformation().setCreator("gradflow");
      doc.save(out);
    }
  }

  private static String stripExtension(String name) {
    for (PlotFormat f : PlotFormat.values()) {
      if (name.toLowerCase(java.util.Locale.ROOT).endsWith("." + f.extension())) {
        return name.substring(0, name.length() - f.extension().length() - 1);
      }
    }
    return name;
  }
}
