package org.gradflow.models.condensation;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * The uniform-attention, linear-FFN problem the stage-2 analysis rests on, computed
 * independently of the flow: L̃1(β) = (1/n) Σ ℓ(−y_i m_i β) (convex in β), its minimiser β*
 * (Hipparchus nonlinear conjugate gradient), the key–query force of Eq. (15) at any β, and the
 * LP pre-check of spec §1 (b): if the labelled mean features y_i m_i are linearly separable,
 * L̃1 has no minimiser, there is no plateau and the stage-2 predictions do not apply.
 */
public final class PlateauProblem {
  private final CondensationData data;
  private final LossKind loss;
  private final double[][] means;

  public PlateauProblem(CondensationData data, LossKind loss) {
    this.data = data;
    this.loss = loss;
    this.means = data.meanFeatures();
  }

  /** L̃1(β). */
  public double value(double[] beta) {
    double s = 0;
    for (int i = 0; i < data.n; i++) {
      s += loss.value(-data.y[i] * dot(means[i], beta));
    }
    return s / data.n;
  }

  double[] gradient(double[] beta) {
    double[] gr = new double[data.d];
    for (int i = 0; i < data.n; i++) {
      double c = -data.y[i] * loss.slope(-data.y[i] * dot(means[i], beta)) / data.n;
      for (int b = 0; b < data.d; b++) {
        gr[b] += c * means[i][b];
      }
    }
    return gr;
  }

  /**
   * β* = argmin L̃1: nonlinear conjugate gradient (Polak–Ribière) from β = 0, then
   * Levenberg–Marquardt on the stationarity equations ∇L̃1(β) = 0 (Jacobian = the Hessian
   * (1/n) Σ ℓ'' m_i m_iᵀ), both Hipparchus. CG alone stops on a flat value long before β is
   * accurate: a 1e-6 error in β* costs only 1e-12 in L̃1 but 1e-6 in F*.
   */
  public PointValuePair minimum() {
    NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-300, 100_000));
    PointValuePair start = cg.optimize(new MaxEval(1_000_000), new MaxIter(100_000),
        new ObjectiveFunction(this::value), new ObjectiveFunctionGradient(this::gradient),
        GoalType.MINIMIZE, new InitialGuess(new double[data.d]));
    LeastSquaresProblem stationarity = new LeastSquaresBuilder()
        .model(beta -> new Pair<>(new ArrayRealVector(gradient(beta.toArray())),
            new Array2DRowRealMatrix(hessian(beta.toArray()), false)))
        .target(new double[data.d]).start(start.getPoint())
        .checker((int iter, LeastSquaresProblem.Evaluation prev, LeastSquaresProblem.Evaluation cur) ->
            cur.getCost() <= 1e-15 || (iter > 3 && cur.getCost() >= prev.getCost()))
        .maxEvaluations(1000).maxIterations(1000).build();
    double[] beta = new LevenbergMarquardtOptimizer().optimize(stationarity).getPoint().toArray();
    return new PointValuePair(beta, value(beta));
  }

  double[][] hessian(double[] beta) {
    double[][] h = new double[data.d][data.d];
    for (int i = 0; i < data.n; i++) {
      double w = loss.curvature(-data.y[i] * dot(means[i], beta)) / data.n;
      for (int a = 0; a < data.d; a++) {
        for (int b = 0; b < data.d; b++) {
          h[a][b] += w * means[i][a] * means[i][b];
        }
      }
    }
    return h;
  }

  /** True if some w has y_i m_i·w ≥ 1 for all i (Hipparchus simplex feasibility LP). */
  public boolean separable() {
    List<LinearConstraint> cs = new ArrayList<>();
    for (int i = 0; i < data.n; i++) {
      double[] row = new double[data.d];
      for (int b = 0; b < data.d; b++) {
        row[b] = data.y[i] * means[i][b];
      }
      cs.add(new LinearConstraint(row, Relationship.GEQ, 1.0));
    }
    try {
      new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(new double[data.d], 0),
          new LinearConstraintSet(cs), GoalType.MINIMIZE, new NonNegativeConstraint(false));
      return true;
    } catch (MathIllegalStateException e) {
      if (e.getSpecifier() == org.hipparchus.optim.LocalizedOptimFormats.NO_FEASIBLE_SOLUTION) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Eq. (15): F = (1/(n s √d)) Σ_i y_i ℓ'(−y_i m_i β) x_{i,s}ᵀ (βᵀ S_i), S_i the token scatter
   * matrix of sample i (row-major d×d). For the exponential loss ℓ' = L_{1,i}.
   */
  public double[] force(double[] beta) {
    int d = data.d;
    int s = data.s;
    double[] f = new double[d * d];
    double[] bs = new double[d];
    for (int i = 0; i < data.n; i++) {
      double w = data.y[i] * loss.slope(-data.y[i] * dot(means[i], beta)) / (data.n * s * Math.sqrt(d));
      java.util.Arrays.fill(bs, 0);
      for (int j = 0; j < s; j++) {
        double proj = 0;
        for (int b = 0; b < d; b++) {
          proj += (data.token(i, j, b) - means[i][b]) * beta[b];
        }
        for (int b = 0; b < d; b++) {
          bs[b] += proj * (data.token(i, j, b) - means[i][b]);
        }
      }
      for (int a = 0; a < d; a++) {
        double xa = data.token(i, s - 1, a) * w;
        for (int b = 0; b < d; b++) {
          f[a * d + b] += xa * bs[b];
        }
      }
    }
    return f;
  }

  /** |∇L̃1(β)|. */
  public double gradientNorm(double[] beta) {
    return norm(gradient(beta));
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
