package org.gradflow.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.XYChart;

/** No two event labels overlap: label boxes computed by the layout at paint time, on real charts. */
class EventLabelLayoutTest {
  /** The 15 first event times of `gradflow run systems/cooccurrence-as-u.json` (t_end = 300). */
  static final Map<String, Double> AS_U = new LinkedHashMap<>();

  static {
    Object[][] e = {{"E_attn", 0.04476860949643566}, {"E_value", 0.15201480406849016}, {"E_sign", 0.23574407227228547},
        {"E_bump_3", 0.4683150610084868}, {"E_bump_2", 0.4722962397861364}, {"E_box", 0.49600655030187857},
        {"E_T0.5", 0.5498066451508811}, {"E_margin", 0.6820949383927851}, {"E_F1", 0.6820949383927851},
        {"E_T1", 0.6820949383927851}, {"E_T1(C=0.1)", 0.7272321262117145}, {"E_AND", 0.8576612749561269},
        {"E_T*", 4.21900801043063}, {"E_T*(1/m^2)", 178.03225021812662}, {"E_T2", 267.31364882122926}};
    for (Object[] x : e) {
      AS_U.put((String) x[0], (Double) x[1]);
    }
  }

  /** Paints a loss chart over [tMin, tMax] with these event lines and returns the label boxes. */
  static List<Rectangle2D> labelBoxes(Map<String, Double> events, double tMin, double tMax, boolean logX) {
    XYChart c = Charts.lines("loss", "t", "L̂(t)", logX, true);
    int n = 100;
    double[] t = new double[n];
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = logX ? tMin * Math.pow(tMax / tMin, i / (n - 1.0)) : tMin + (tMax - tMin) * i / (n - 1.0);
      l[i] = 5.75 / (1 + t[i]);
    }
    Charts.addLine(c, "L̂(t)", t, l);
    EventMarks marks = Charts.markTimes(c, events);
    PlotStyle.finish(c);
    BufferedImage img = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    c.paint(g, c.getWidth(), c.getHeight());
    g.dispose();
    return marks.labelBoxes();
  }

  static void assertDisjoint(List<Rectangle2D> boxes, int expected) {
    assertThat(boxes).hasSize(expected);
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        assertThat(boxes.get(i).intersects(boxes.get(j))).as("labels %d %s and %d %s", i, boxes.get(i), j, boxes.get(j))
            .isFalse();
      }
    }
  }

  @Test
  void theFifteenEventsOfAnAsuRunGetNumberedLabelsThatDoNotOverlap() {
    List<Rectangle2D> boxes = labelBoxes(AS_U, 1e-4, 300, true);
    assertDisjoint(boxes, 15);
    // E_margin, E_F1 and E_T1 fire at the same time: three labels, stacked
    assertThat(boxes.get(7).getX()).isEqualTo(boxes.get(8).getX());
    assertThat(boxes.get(8).getY()).isNotEqualTo(boxes.get(7).getY());
  }

  static Stream<Path> shippedSystems() throws IOException {
    return Files.list(Path.of("systems")).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  /**
   * Every shipped system's spec events (names as labels when few, numbers when many), all fired
   * within 5 % of each other in time: the worst case for a layout.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedSystems")
  void shippedSystemsEventsDoNotOverlapEvenWhenTheyFireTogether(Path system) {
    SystemSpec spec = SpecLoader.load(system, List.of());
    Map<String, Double> events = new LinkedHashMap<>();
    double tEnd = spec.integrator().tEnd();
    int k = 0;
    for (EventSpec e : spec.events()) {
      events.putIfAbsent(e.name(), 0.3 * tEnd * (1 + 0.05 * k++ / Math.max(1, spec.events().size())));
    }
    if (events.isEmpty()) {
      return;
    }
    assertDisjoint(labelBoxes(events, tEnd * 1e-4, tEnd, true), events.size());
    assertDisjoint(labelBoxes(events, 0, tEnd, false), events.size());
  }

  @Test
  void randomClustersOfLongNamesNeverOverlap() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + rnd.nextInt(Charts.NAMED_EVENTS + 12);
      Map<String, Double> events = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        events.put("E_event_number_" + i + "_" + trial, Math.pow(10, rnd.nextDouble(-0.5, 0.5)));
      }
      assertDisjoint(labelBoxes(events, 1e-3, 1e3, true), n);
    }
  }

  @Test
  void layoutAloneStacksLabelsThatWouldTouchAndFlipsLabelsAtTheRightEdge() {
    List<Rectangle2D> b = EventLabelLayout.place(new double[] {100, 101, 300, 495}, new double[] {40, 40, 40, 40},
        12, 50, 500, 20);
    assertThat(b.get(0).getY()).isLessThan(b.get(1).getY());
    assertThat(b.get(2).getY()).isEqualTo(b.get(0).getY());
    assertThat(b.get(3).getMaxX()).isLessThanOrEqualTo(495);
    List<Rectangle2D> all = new ArrayList<>(b);
    assertDisjoint(all, 4);
  }
}
