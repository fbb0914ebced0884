package org.gradflow.models.markov;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.core.GradientFlow;
import org.hipparchus.analysis.differentiation.Gradient;

/** Analytic gradient vs central differences and vs Hipparchus AD of the generic loss. */
final class GradientChecks {
  private GradientChecks() {}

  static double[] analytic(GradientFlow flow, double[] theta) {
    double[] out = new double[theta.length];
    flow.negativeGradient(theta, out);
    for (int i = 0; i < out.length; i++) {
      out[i] = -out[i];
    }
    return out;
  }

  static double[] ad(GradientFlow flow, double[] theta) {
    int n = theta.length;
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, theta[i]);
    }
    return flow.loss(v).getGradient();
  }

  static double[] centralDifferences(GradientFlow flow, double[] theta, double h) {
    double[] g = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      double[] a = theta.clone();
      double[] b = theta.clone();
      a[i] += h;
      b[i] -= h;
      g[i] = (flow.loss(a) - flow.loss(b)) / (2 * h);
    }
    return g;
  }

  /** Asserts analytic = AD to {@code adTol} and = central differences to {@code fdTol} (abs, scaled by max|g|). */
  static void assertGradient(GradientFlow flow, double[] theta, double adTol, double fdTol) {
    double[] g = analytic(flow, theta);
    double[] a = ad(flow, theta);
    double[] fd = centralDifferences(flow, theta, 1e-5);
    double scale = 1e-300;
    for (double x : g) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < g.length; i++) {
      assertThat(Math.abs(g[i] - a[i]) / scale).as("AD %s", flow.layout().describe(i)).isLessThan(adTol);
      assertThat(Math.abs(g[i] - fd[i]) / scale).as("FD %s", flow.layout().describe(i)).isLessThan(fdTol);
    }
    // the loss returned with the gradient is the loss
    assertThat(flow.negativeGradient(theta, new double[theta.length]))
        .isCloseTo(flow.loss(a.length == 0 ? theta : theta), org.assertj.core.api.Assertions.within(1e-14));
  }
}
