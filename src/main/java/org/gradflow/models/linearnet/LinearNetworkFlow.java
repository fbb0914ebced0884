package org.gradflow.models.linearnet;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.hipparchus.CalculusFieldElement;

/**
 * Two-layer linear network on whitened inputs (Saxe, McClelland &amp; Ganguli 2014):
 * L = ½‖W2·W1 − Σ‖²_F with W1 (h×n0), W2 (n2×h), Σ (n2×n0) the input–output correlation.
 * With R = W2W1 − Σ: −∂L/∂W1 = −W2ᵀR, −∂L/∂W2 = −RW1ᵀ. W1W1ᵀ − W2ᵀW2 is conserved.
 */
public final class LinearNetworkFlow implements GradientFlow {
  private final ParameterLayout layout;
  private final DMatrixRMaj target;
  private final DMatrixRMaj w1;
  private final DMatrixRMaj w2;
  private final DMatrixRMaj residual;
  private final DMatrixRMaj g1;
  private final DMatrixRMaj g2;
  private final DMatrixRMaj balance;
  private final DMatrixRMaj balance0;

  public LinearNetworkFlow(double[][] target, int hidden, double[] theta0) {
    int n2 = target.length;
    int n0 = target[0].length;
    this.layout = ParameterLayout.builder().matrix("W1", hidden, n0).matrix("W2", n2, hidden).build();
    this.target = new DMatrixRMaj(target);
    this.w1 = new DMatrixRMaj(hidden, n0);
    this.w2 = new DMatrixRMaj(n2, hidden);
    this.residual = new DMatrixRMaj(n2, n0);
    this.g1 = new DMatrixRMaj(hidden, n0);
    this.g2 = new DMatrixRMaj(n2, hidden);
    this.balance = new DMatrixRMaj(hidden, hidden);
    this.balance0 = new DMatrixRMaj(hidden, hidden);
    balance(theta0, balance0);
  }

  @Override
  public ParameterLayout layout() {
    return layout;
  }

  public DMatrixRMaj target() {
    return target;
  }

  private void load(double[] theta) {
    System.arraycopy(theta, 0, w1.data, 0, w1.data.length);
    System.arraycopy(theta, w1.data.length, w2.data, 0, w2.data.length);
  }

  @Override
  public double negativeGradient(double[] theta, double[] out) {
    load(theta);
    CommonOps_DDRM.mult(w2, w1, residual);
    CommonOps_DDRM.subtractEquals(residual, target);
    CommonOps_DDRM.multTransA(-1.0, w2, residual, g1);
    CommonOps_DDRM.multTransB(-1.0, residual, w1, g2);
    System.arraycopy(g1.data, 0, out, 0, g1.data.length);
    System.arraycopy(g2.data, 0, out, g1.data.length, g2.data.length);
    double s = 0;
    for (double r : residual.data) {
      s += r * r;
    }
    return 0.5 * s;
  }

  @Override
  public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
    int h = w1.numRows;
    int n0 = w1.numCols;
    int n2 = w2.numRows;
    T loss = theta[0].getField().getZero();
    for (int i = 0; i < n2; i++) {
      for (int j = 0; j < n0; j++) {
        T r = loss.getField().getZero().subtract(target.get(i, j));
        for (int k = 0; k < h; k++) {
          r = r.add(theta[h * n0 + i * h + k].multiply(theta[k * n0 + j]));
        }
        loss = loss.add(r.multiply(r).multiply(0.5));
      }
    }
    return loss;
  }

  /** W1W1ᵀ − W2ᵀW2 into {@code dst}. */
  private void balance(double[] theta, DMatrixRMaj dst) {
    load(theta);
    CommonOps_DDRM.multTransB(w1, w1, dst);
    CommonOps_DDRM.multAddTransA(-1.0, w2, w2, dst);
  }

  /** The product W2W1 at θ (a fresh matrix). */
  public DMatrixRMaj product(double[] theta) {
    load(theta);
    DMatrixRMaj p = new DMatrixRMaj(w2.numRows, w1.numCols);
    CommonOps_DDRM.mult(w2, w1, p);
    return p;
  }

  @Override
  public List<Observable> observables() {
    return List.of(Observable.of("balanceDrift", theta -> {
      balance(theta, balance);
      CommonOps_DDRM.subtractEquals(balance, balance0);
      return CommonOps_DDRM.elementMaxAbs(balance);
    }));
  }
}
