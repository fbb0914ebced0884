package org.gradflow.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class FigureFilesTest {
  @TempDir
  Path dir;

  static XYChart lossChart() {
    XYChart c = Charts.lines("Training loss L̂(t), test", "t (gradient-flow time)", "L̂(t)", true, true);
    double[] t = new double[60];
    double[] l = new double[60];
    double[] g = new double[60];
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.pow(10, -3 + 5.0 * i / (t.length - 1));
      l[i] = 5.75 / (1 + 10 * t[i] * t[i]);
      g[i] = 0.3 * l[i];
    }
    Charts.addLine(c, "L̂(t)", t, l);
    Charts.addLine(c, "‖∇L̂‖", t, g);
    Map<String, Double> events = new LinkedHashMap<>();
    events.put("E_T1", 0.68);
    events.put("E_sign", 0.24);
    Charts.markTimes(c, events);
    return c;
  }

  @Test
  void everyFormatIsWrittenWhenAskedAndOnlyThose() throws Exception {
    Path png = Charts.save(lossChart(), dir.resolve("loss.png"), EnumSet.allOf(PlotFormat.class));
    assertThat(png.getFileName().toString()).isEqualTo("loss.png");
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(dir.resolve("loss.svg")).exists();
    assertThat(dir.resolve("loss.pdf")).exists();
    Charts.save(lossChart(), dir.resolve("sub/only.png"), PlotFormat.DEFAULT);
    assertThat(dir.resolve("sub/only.png")).exists();
    assertThat(dir.resolve("sub/only.pdf")).exists();
    assertThat(dir.resolve("sub/only.svg")).doesNotExist();
    assertThat(Charts.save(lossChart(), dir.resolve("off.png"), Set.of())).isNull();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("off.png")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void svgIsWellFormedAndCarriesTitleAxisLabelsLegendAndEventLabelsAsText() throws Exception {
    Charts.save(lossChart(), dir.resolve("loss.png"), Set.of(PlotFormat.PNG, PlotFormat.SVG));
    List<String> texts = VectorFiles.svgTexts(dir.resolve("loss.svg"));
    assertThat(texts).contains("Training loss L̂(t), test", "t (gradient-flow time)", "L̂(t)", "‖∇L̂‖",
        "E_T1", "E_sign");
  }

  @Test
  void pdfIsOnePageOfTheFigureSizeWithItsLabelsAsTextInEmbeddedFonts() throws Exception {
    Charts.save(lossChart(), dir.resolve("loss.png"), Set.of(PlotFormat.PNG, PlotFormat.PDF));
    VectorFiles.Pdf pdf = VectorFiles.pdf(dir.resolve("loss.pdf"));
    assertThat(pdf.pages()).isEqualTo(1);
    assertThat(pdf.width()).isEqualTo(Charts.WIDTH);
    assertThat(pdf.height()).isEqualTo(Charts.HEIGHT);
    assertThat(pdf.text()).contains("Training loss L̂(t), test", "t (gradient-flow time)", "‖∇L̂‖", "E_T1", "E_sign");
    assertThat(PdfFonts.embeddable()).as("the plot font's TrueType file is found on this machine").isTrue();
    assertThat(pdf.fonts()).isNotEmpty();
    assertThat(pdf.embedded()).as("fonts " + pdf.fonts()).allMatch(e -> e);
  }

  @Test
  void multiPanelFigureIsAsWideAsItsPanels() throws Exception {
    XYChart a = Charts.lines("left panel", "t", "y", false, false, 300, 200);
    Charts.addLine(a, "a", new double[] {0, 1}, new double[] {1, 2});
    XYChart b = Charts.lines("right panel", "t", "y", false, false, 400, 250);
    Charts.addLine(b, "b", new double[] {0, 1}, new double[] {2, 1});
    Charts.save(Figure.row(List.of(a, b)), dir.resolve("two.png"), EnumSet.allOf(PlotFormat.class));
    assertThat(ImageIO.read(dir.resolve("two.png").toFile()).getWidth()).isEqualTo(700);
    assertThat(ImageIO.read(dir.resolve("two.png").toFile()).getHeight()).isEqualTo(250);
    assertThat(VectorFiles.svgTexts(dir.resolve("two.svg"))).contains("left panel", "right panel");
    assertThat(VectorFiles.pdf(dir.resolve("two.pdf")).text()).contains("left panel", "right panel");
  }

  @Test
  void logTicksArePowersOfTenAndColourBarsThreeDigits() {
    assertThat(PlotStyle.logTick(1e-4)).isEqualTo("10⁻⁴");
    assertThat(PlotStyle.logTick(1)).isEqualTo("10⁰");
    assertThat(PlotStyle.logTick(100)).isEqualTo("10²");
    assertThat(PlotStyle.tick(0.1)).isEqualTo("0.1");
    assertThat(PlotStyle.tick(2.5e-5)).isEqualTo("2.5×10⁻⁵");
    assertThat(PlotStyle.sig3(2.9232274163073233E-5)).isEqualTo("2.92×10⁻⁵");
    assertThat(PlotStyle.sig3(0.6931)).isEqualTo("0.693");
    assertThat(Charts.roundUp3(1.8471906)).isEqualTo(1.85);
    assertThat(PlotStyle.decadeAbove(5.75)).isEqualTo(10);
    assertThat(PlotStyle.decadeBelow(3.4e-5)).isEqualTo(1e-5, org.assertj.core.data.Offset.offset(1e-20));
    assertThat(PlotStyle.decadeAbove(1)).isEqualTo(10);
  }
}
