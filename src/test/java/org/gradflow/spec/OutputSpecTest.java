package org.gradflow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.gradflow.TestSpecs;
import org.gradflow.plot.PlotFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputSpecTest {
  static final String PLAIN = "{'model': 'quadratic', 'params': {'diagonal': [1, 2]}, 'init': {'gaussian': {'scale': 1}},"
      + " 'integrator': {'tEnd': 5}}";
  static final String BASE = PLAIN.replace("'integrator'", "'outputs': {OUT}, 'integrator'");

  static SystemSpec with(String outputs) {
    return TestSpecs.spec(BASE.replace("{OUT}", outputs));
  }

  @Test
  void formatsDefaultToPngAndPdfAndCanBeAnySubsetWithPngOrNone() {
    assertThat(TestSpecs.spec(PLAIN).outputs().plotFormats()).isEqualTo(EnumSet.of(PlotFormat.PNG, PlotFormat.PDF));
    assertThat(with("{'formats': ['png', 'SVG', 'pdf']}").outputs().plotFormats()).isEqualTo(EnumSet.allOf(PlotFormat.class));
    assertThat(with("{'formats': ['png']}").outputs().plotFormats()).containsExactly(PlotFormat.PNG);
    assertThat(with("{'formats': []}").outputs().plotFormats()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{'formats': ['png', 'eps']}|formats[1]: unknown format 'eps' (expected one of png, svg, pdf)",
      "{'formats': ['svg', 'pdf']}|formats: must include png",
      "{'formats': ['png', 'png']}|formats[1]: 'png' listed twice",
      "{'formats': 'png'}|outputs",
      "{'plots': [{'name': 'p', 'observables': ['loss'], 'xRange': [1]}]}|plots['p'].xRange: expected [lo, hi]",
      "{'plots': [{'name': 'p', 'observables': ['loss'], 'yRange': [2, 1]}]}|plots['p'].yRange: expected finite lo < hi",
      "{'plots': [{'name': 'p', 'observables': ['loss'], 'xRange': [0, 1]}]}|plots['p'].xRange: a log axis needs lo > 0",
      "{'plots': [{'name': 'p', 'observables': []}]}|plots['p'].observables",
      "{'plots': [{'name': 'p', 'observables': ['loss'], 'logz': true}]}|outputs.plots[0].logz': unknown field",
      "{'plots': [{'name': 'p', 'observables': ['loss']}, {'name': 'p', 'observables': ['loss']}]}|two plots named 'p'"})
  void badOutputsNameFileAndField(String outputs, String message) {
    assertThatThrownBy(() -> with(outputs)).isInstanceOf(SpecException.class)
        .hasMessageContaining("test.json").hasMessageContaining("outputs").hasMessageContaining(message);
  }

  @Test
  void plotOptionsAreKept() {
    OutputSpec.PlotSpec p = with("{'plots': [{'name': 'p', 'observables': ['loss'], 'logX': false, 'logY': true, "
        + "'xRange': [0, 5], 'yRange': [1e-6, 1], 'xLabel': 'time', 'yLabel': 'L', 'title': 'T', 'events': ['E1']}]}")
        .outputs().plots().get(0);
    assertThat(p.xRange()).containsExactly(0.0, 5.0);
    assertThat(p.yRange()).containsExactly(1e-6, 1.0);
    assertThat(p.drawsEvent("E1")).isTrue();
    assertThat(p.drawsEvent("E2")).isFalse();
    assertThat(with("{'plots': [{'name': 'p', 'observables': ['loss']}]}").outputs().plots().get(0).drawsEvent("E2"))
        .isTrue();
  }
}
