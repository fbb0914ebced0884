package org.gradflow.models.quadratic;

import java.util.List;
import org.gradflow.core.FieldConstants;
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
  /** A (row-major, or its diagonal) and b as field constants, for the high-precision path. */
  private final FieldConstants fieldA;
  private final FieldConstants fieldB;

  private QuadraticFlow(double[][] a, double[] diagonal, double[] b, double[] minimizer) {
    this(a, diagonal, b, minimizer, new FieldConstants(diagonal != null ? diagonal
        : java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray()), new FieldConstants(b));
  }

  private QuadraticFlow(double[][] a, double[] diagonal, double[] b, double[] minimizer,
      FieldConstants fieldA, FieldConstants fieldB) {
    this.layout = ParameterLayout.builder().vector("theta", b.length).build();
    this.a = a;
    this.diagonal = diagonal;
    this.b = b;
    this.minimizer = minimizer;
    this.fieldA = fieldA;
    this.fieldB = fieldB;
  }

  /** Dense symmetric A; {@code minimizer} may be null when A is singular. */
  public static QuadraticFlow dense(double[][] a, double[] b, double[] minimizer) {
    return new QuadraticFlow(a, null, b, minimizer);
  }

  /** Diagonal A = diag(d) and b as the spec writes them: the field path uses the decimals. */
  public static QuadraticFlow diagonal(java.math.BigDecimal[] d, java.math.BigDecimal[] b) {
    QuadraticFlow f = diagonal(doubles(d), doubles(b));
    return new QuadraticFlow(null, f.diagonal, f.b, f.minimizer, new FieldConstants(d), new FieldConstants(b));
  }

  private static double[] doubles(java.math.BigDecimal[] v) {
    return java.util.Arrays.stream(v).mapToDouble(java.math.BigDecimal::doubleValue).toArray();
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
    T[] g = aTheta(theta);
    T[] bf = fieldB.in(theta[0].getField());
    T loss = theta[0].getField().getZero();
    for (int i = 0; i < b.length; i++) {
      loss = loss.add(theta[i].multiply(g[i].divide(2).subtract(bf[i])));
    }
    return loss;
  }

  /** Analytic θ̇ = b − Aθ over any field (exact in Dfp: A and b are doubles). */
  @Override
  public <T extends CalculusFieldElement<T>> T negativeGradient(T[] theta, T[] out) {
    T[] g = aTheta(theta);
    T[] bf = fieldB.in(theta[0].getField());
    T loss = theta[0].getField().getZero();
    for (int i = 0; i < b.length; i++) {
      out[i] = bf[i].subtract(g[i]);
      loss = loss.add(theta[i].multiply(g[i].divide(2).subtract(bf[i])));
    }
    return loss;
  }

  /** Aθ over a field. */
  private <T extends CalculusFieldElement<T>> T[] aTheta(T[] theta) {
    int n = b.length;
    T[] af = fieldA.in(theta[0].getField());
    T[] g = org.hipparchus.util.MathArrays.buildArray(theta[0].getField(), n);
    for (int i = 0; i < n; i++) {
      if (diagonal != null) {
        g[i] = theta[i].multiply(af[i]);
      } else {
        T s = theta[0].getField().getZero();
        for (int j = 0; j < n; j++) {
          s = s.add(theta[j].multiply(af[i * n + j]));
        }
        g[i] = s;
      }
    }
    return g;
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
