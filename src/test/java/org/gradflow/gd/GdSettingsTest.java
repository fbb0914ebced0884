package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradflow.spec.SpecException;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

class GdSettingsTest {

  @Test
  void specSectionWithCommandLinePrecedenceAndDefaults() {
    SystemSpec spec = Toys.spec(Toys.QUADRATIC, "gd={\"learningRate\": 0.1, \"record\": {\"log\": 3, \"linear\": 2}}");
    GdSettings s = GdSettings.from(spec, null, null, null, null);
    assertThat(s.learningRate()).isEqualTo(0.1);
    assertThat(s.steps()).isEqualTo(50); // round(tEnd 5 / 0.1)
    assertThat(s.recordSteps()).containsExactly(0, 1, 7, 25, 50);
    assertThat(s.eventStride()).isEqualTo(1);
    GdSettings o = GdSettings.from(spec, 0.5, 4L, 0, 0, 3);
    assertThat(o.learningRate()).isEqualTo(0.5);
    assertThat(o.recordSteps()).containsExactly(0, 4);
    assertThat(o.eventStride()).isEqualTo(3);
  }

  @Test
  void errorsNameTheField() {
    SystemSpec none = Toys.spec(Toys.QUADRATIC);
    assertThatThrownBy(() -> GdSettings.from(none, null, null, null, null)).isInstanceOf(SpecException.class)
        .hasMessageContaining("gd.learningRate").hasMessageContaining("--lr");
    SystemSpec typo = Toys.spec(Toys.QUADRATIC, "gd={\"learningrate\": 0.1}");
    assertThatThrownBy(() -> GdSettings.from(typo, null, null, null, null)).isInstanceOf(SpecException.class)
        .hasMessageContaining("gd.learningrate").hasMessageContaining("unknown field");
    SystemSpec stride = Toys.spec(Toys.QUADRATIC, "gd={\"learningRate\": 0.1, \"eventStride\": 0}");
    assertThatThrownBy(() -> GdSettings.from(stride, null, null, null, null)).hasMessageContaining("gd.eventStride");
  }
}
