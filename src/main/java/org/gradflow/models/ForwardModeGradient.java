package org.gradflow.models;

import org.gradflow.core.GradientFlow;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.util.MathArrays;

/**
 * TEMPORARY bridge until {@link GradientFlow} gets its default double gradient from the reverse
 * sweep of {@code loss(T[])} (issue #13, reverse-mode AD): −∇L by Hipparchus forward mode,
 * O(dim) per operation and allocating per call. A family that supplies only its generic loss
 * implements this instead of {@link GradientFlow}; delete it when the default lands.
 */
public interface ForwardModeGradient extends GradientFlow {

  @Override
  default double negativeGradient(double[] theta, double[] out) {
    int n = theta.length;
    Gradient[] vars = MathArrays.buildArray(GradientField.getField(n), n);
    for (int i = 0; i < n; i++) {
      vars[i] = Gradient.variable(n, i, theta[i]);
    }
    Gradient l = loss(vars);
    for (int i = 0; i < n; i++) {
      out[i] = -l.getPartialDerivative(i);
    }
    return l.getValue();
  }
}
