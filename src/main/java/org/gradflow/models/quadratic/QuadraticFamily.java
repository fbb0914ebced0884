package org.gradflow.models.quadratic;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gradflow.models.ExplicitInputs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code quadratic}: L = ½θᵀAθ − bᵀθ. params: {@code A} (symmetric n×n), or {@code diagonal}
 * (n entries), or {@code n} with {@code spectrum {min, max}} (diagonal, log-spaced); {@code b}
 * (default all ones). init: generic (block {@code theta}).
 */
public final class QuadraticFamily implements ModelFamily {

  @Override
  public String name() {
    return "quadratic";
  }

  @Override
  public String summary() {
    return "L = ½θᵀAθ − bᵀθ: linear flow with a closed form (engine toy and benchmark)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    SpecSection p = spec.params();
    QuadraticFlow flow;
    ExplicitInputs inputs;
    if (p.has("A")) {
      double[][] a = p.child("A").matrix(-1, -1);
      int n = a.length;
      if (n == 0 || a[0].length != n) {
        throw p.error("A", "must be a square matrix, got " + n + "x" + (n == 0 ? 0 : a[0].length));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (a[i][j] != a[j][i]) {
            throw p.error("A", "must be symmetric: A[" + i + "][" + j + "] != A[" + j + "][" + i + "]");
          }
        }
      }
      double[] b = b(p, n);
      flow = QuadraticFlow.dense(a, b, minimizer(a, b));
      inputs = new ExplicitInputs(ExplicitInputs.fields("A", a, "b", b), null, null);
    } else if (p.has("diagonal")) {
      java.math.BigDecimal[] d = p.child("diagonal").decimalVector(-1);
      flow = QuadraticFlow.diagonal(d, p.has("b") ? p.child("b").decimalVector(d.length) : ones(d.length));
      inputs = ExplicitInputs.NONE; // explicit in params already: kept as written (exact decimals)
    } else if (p.has("spectrum")) {
      int n = Sizes.state(p, "n", p.positiveInteger("n"));
      SpecSection s = p.child("spectrum");
      double min = s.number("min");
      double max = s.number("max");
      if (!(min > 0) || !(max >= min)) {
        throw s.error("needs 0 < min <= max, got min " + min + ", max " + max);
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = n == 1 ? min : min * Math.pow(max / min, (double) i / (n - 1));
      }
      double[] b = b(p, n);
      flow = QuadraticFlow.diagonal(d, b);
      inputs = new ExplicitInputs(ExplicitInputs.fields("diagonal", d, "b", b), null, null);
    } else {
      throw p.error("give A (matrix), diagonal (vector) or n with spectrum {min, max}");
    }
    return FlowSystem.of(flow, InitialState.read(spec.init(), flow.layout())).withInputs(inputs);
  }

  private static java.math.BigDecimal[] ones(int n) {
    java.math.BigDecimal[] v = new java.math.BigDecimal[n];
    java.util.Arrays.fill(v, java.math.BigDecimal.ONE);
    return v;
  }

  private static double[] b(SpecSection p, int n) {
    if (!p.has("b")) {
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1.0);
      return ones;
    }
    return p.child("b").vector(n);
  }

  /** A⁻¹b by an EJML Cholesky solve when A is positive definite, else null (no finite minimizer). */
  private static double[] minimizer(double[][] a, double[] b) {
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(a.length);
    if (!solver.setA(new DMatrixRMaj(a))) {
      return null;
    }
    DMatrixRMaj x = new DMatrixRMaj(a.length, 1);
    solver.solve(new DMatrixRMaj(a.length, 1, true, b), x);
    return x.data;
  }
}
