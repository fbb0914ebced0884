package org.gradflow.models.quadratic;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.TestSpecs;
import org.gradflow.core.GradientCheck;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.Binary64Field;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;

class QuadraticGradientTest {
  @Test
  void denseAndDiagonalGradientsMatchDifferencesAutomaticDifferentiationAndTheFieldPath() {
    for (String params : new String[] {"'A': [[3, 1, 0], [1, 2, 0.5], [0, 0.5, 1]], 'b': [1, -2, 0.5]",
        "'diagonal': [3, 1, 0.5], 'b': [1, -2, 0.5]"}) {
      FlowSystem s = ModelRegistry.build(TestSpecs.spec("{'model': 'quadratic', 'params': {" + params + "},"
          + " 'init': {'explicit': {'theta': [0.3, -0.7, 1.1]}}, 'integrator': {'tEnd': 1}}"));
      double[] th = s.initialState();
      assertThat(GradientCheck.centralDifferences(s.flow(), th, 0).values()).allMatch(e -> e < 1e-9);
      assertThat(GradientCheck.automatic(s.flow(), th).values()).allMatch(e -> e < 1e-15);
      Binary64[] x = MathArrays.buildArray(Binary64Field.getInstance(), 3);
      Binary64[] out = MathArrays.buildArray(Binary64Field.getInstance(), 3);
      for (int i = 0; i < 3; i++) {
        x[i] = new Binary64(th[i]);
      }
      double[] g = new double[3];
      double l = s.flow().negativeGradient(th, g);
      assertThat(s.flow().negativeGradient(x, out).getReal()).isCloseTo(l, org.assertj.core.api.Assertions.within(1e-15));
      for (int i = 0; i < 3; i++) {
        assertThat(out[i].getReal()).isCloseTo(g[i], org.assertj.core.api.Assertions.within(1e-15));
      }
    }
  }
}
