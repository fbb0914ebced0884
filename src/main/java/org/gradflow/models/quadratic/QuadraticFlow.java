package org.gradflow.models.quadratic;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * L(θ) = ½ θᵀAθ − bᵀθ with A symmetric, stored dense or (for large benchmarks) as its
 * diagonal. The flow is linear, θ̇ = b − Aθ, and has a closed form ({@link QuadraticSolution}).
 */
public final class QuadraticFlow implements GradientFlow {
  private final ParameterLayout layout;
  private final double[][] a;
  private final double[] diagonal;
  private final double[] b;
  private final double[] minimizer;

  private QuadraticFlow(double[][] a, double[] diagonal, double[] b, double[] minimizer) {
    this.layout = ParameterLayout.builder().vector("theta", b.length).build();
    this.a = a;
    this.diagonal = diagonal;
    this.b = b;
    this.minimizer = minimizer;
  }

  /** Dense symmetric A; {@code minimizer} may be null when A is singular. */
  public static QuadraticFlow dense(double[][] a, double[] b, double[] minimizer) {
    return new QuadraticFlow(a, null, b, minimizer);
  }

  /** Diagonal A = diag(d): O(n) per gradient. */
  public static QuadraticFlow diagonal(double[] d, double[] b) {
    double[] min = new double[d.length];
    boolean definite = true;
    for (int i = 0; i < d.length; i++) {
      definite &= d[i] > 0;
      min[i] = b[i] / d[i];
    }
    return new QuadraticFlow(null, d, b, definite ? min : null);
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  /** A as a dense matrix (built from the diagonal when stored so). */
  public double[][] matrix() {
    if (a != null) {
      return a;
    }
    double[][] m = new double[diagonal.length][diagonal.length];
    for (int i = 0; i < diagonal.length; i++) {
      m[i][i] = diagonal[i];
    }
    return m;
  }

  public double[] b() {
    return b;
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    int n = b.length;
    double loss = 0;
    if (diagonal != null) {
      for (int i = 0; i < n; i++) {
        double ai = diagonal[i] * theta[i];
        out[i] = b[i] - ai;
        loss += theta[i] * (0.5 * ai - b[i]);
      }
      return loss;
    }
    for (int i = 0; i < n; i++) {
      double[] row = a[i];
      double ai = 0;
      for (int j = 0; j < n; j++) {
        ai += row[j] * theta[j];
      }
      out[i] = b[i] - ai;
      loss += theta[i] * (0.5 * ai - b[i]);
    }
    return loss;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    T zero = theta[0].getField().getZero();
    T loss = zero;
    for (int i = 0; i < b.length; i++) {
      T ai = zero;
      if (diagonal != null) {
        ai = theta[i].multiply(diagonal[i]);
      } else {
        for (int j = 0; j < b.length; j++) {
          ai = ai.add(theta[j].multiply(a[i][j]));
        }
      }
      loss = loss.add(theta[i].multiply(ai.multiply(0.5).subtract(b[i])));
    }
    return loss;
  }

  /** Analytic θ̇ = b − Aθ over any field (exact in Dfp: A and b are doubles). */
  @Override
  public <T extends CalculusFieldElement<T>> T negativeGradient(T[] theta, T[] out) {
    for (int i = 0; i < b.length; i++) {
      T ai = theta[i].getField().getZero();
      if (diagonal != null) {
        ai = theta[i].multiply(diagonal[i]);
      } else {
        for (int j = 0; j < b.length; j++) {
          ai = ai.add(theta[j].multiply(a[i][j]));
        }
      }
      out[i] = ai.negate().add(b[i]);
    }
    return loss(theta);
  }

  @Override
  public List<Observable> observables() {
    if (minimizer == null) {
      return List.of();
    }
    return List.of(Observable.of("distanceToMinimizer", theta -> {
      double s = 0;
      for (int i = 0; i < minimizer.length; i++) {
        double d = theta[i] - minimizer[i];
        s += d * d;
      }
      return Math.sqrt(s);
    }));
  }
}
