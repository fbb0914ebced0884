package org.gradflow.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads back what the figure writers produce: the text of an SVG (JDK XML parser) and of a PDF (PDFBox). */
public final class VectorFiles {
  private VectorFiles() {}

  /** Parses the SVG (throws when it is not well-formed XML) and returns the content of its text elements. */
  public static List<String> svgTexts(Path svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    // the SVG 1.1 DOCTYPE names an external DTD: never fetch it
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document d = f.newDocumentBuilder().parse(svg.toFile());
    if (!d.getDocumentElement().getLocalName().equals("svg")) {
      throw new IllegalStateException("root element is " + d.getDocumentElement().getLocalName());
    }
    NodeList texts = d.getElementsByTagNameNS("*", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      out.add(texts.item(i).getTextContent());
    }
    return out;
  }

  /** What PDFBox reads from a PDF: page count and size, extracted text, fonts and whether each is embedded. */
  public record Pdf(int pages, float width, float height, String text, List<String> fonts, List<Boolean> embedded) {}

  public static Pdf pdf(Path file) throws IOException {
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      List<String> fonts = new ArrayList<>();
      List<Boolean> embedded = new ArrayList<>();
      collectFonts(doc.getPage(0).getResources(), fonts, embedded);
      return new Pdf(doc.getNumberOfPages(), doc.getPage(0).getMediaBox().getWidth(),
          doc.getPage(0).getMediaBox().getHeight(), new PDFTextStripper().getText(doc), fonts, embedded);
    }
  }

  private static void collectFonts(PDResources res, List<String> fonts, List<Boolean> embedded) throws IOException {
    if (res == null) {
      return;
    }
    for (COSName n : res.getFontNames()) {
      PDFont f = res.getFont(n);
      fonts.add(f.getName());
      embedded.add(f.isEmbedded());
    }
    for (COSName n : res.getXObjectNames()) {
      PDXObject x = res.getXObject(n);
      if (x instanceof PDFormXObject form) {
        collectFonts(form.getResources(), fonts, embedded);
      }
    }
  }
}
