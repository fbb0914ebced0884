package org.gradflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

class SvdTest {
  private static final DMatrixRMaj M = RandomMatrices_DDRM.rectangle(3, 4, -1, 1, new Random(7));

  @Test
  void valuesComeSortedAndAgreeBetweenTheTwoModes() {
    DMatrixRMaj d = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});
    assertThat(Svd.valuesOnly(3, 3).of(d)).containsExactly(3, 2, 1);
    Svd full = Svd.withVectors(3, 4);
    assertThat(full.decompose(M)).isTrue();
    double[] values = Svd.valuesOnly(3, 4).of(M).clone();
    assertThat(values).hasSize(3).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    for (int k = 0; k < 3; k++) {
      assertThat(full.sigma(k)).isCloseTo(values[k], within(1e-14));
    }
  }

  @Test
  void vectorsReconstructTheMatrixWhichIsLeftUntouched() {
    DMatrixRMaj before = M.copy();
    Svd svd = Svd.withVectors(3, 4);
    svd.decompose(M);
    assertThat(M.data).containsExactly(before.data);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += svd.u(i, k) * svd.sigma(k) * svd.v(j, k);
        }
        assertThat(s).isCloseTo(M.get(i, j), within(1e-14));
      }
    }
  }

  /** u_kᵀ A v_k is dσ_k/dt of M + tA (simple values), checked by central differences. */
  @Test
  void projectionIsTheDerivativeOfASingularValue() {
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(3, 4, -1, 1, new Random(8));
    Svd svd = Svd.withVectors(3, 4);
    svd.decompose(M);
    Svd values = Svd.valuesOnly(3, 4);
    double h = 1e-6;
    for (int k = 0; k < 3; k++) {
      double plus = values.of(shifted(a, h))[k];
      double minus = values.of(shifted(a, -h))[k];
      assertThat(svd.project(a, k)).isCloseTo((plus - minus) / (2 * h), within(1e-8));
    }
  }

  @Test
  void ratioAndEffectiveRank() {
    Svd svd = Svd.valuesOnly(3, 3);
    assertThat(svd.ratio(new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 1, 0}, {0, 0, 0}}))).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(svd.effectiveRank(new DMatrixRMaj(new double[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}}))).isCloseTo(3, within(1e-14));
    DMatrixRMaj zero = new DMatrixRMaj(3, 3);
    assertThat(svd.ratio(zero)).isNaN();
    assertThat(svd.effectiveRank(zero)).isZero();
    assertThat(Svd.valuesOnly(1, 4).ratio(new DMatrixRMaj(new double[][] {{1, 2, 3, 4}}))).isZero();
  }

  @Test
  void vectorsAreRefusedWhenOnlyValuesWereComputed() {
    Svd svd = Svd.valuesOnly(3, 4);
    svd.decompose(M);
    assertThatThrownBy(() -> svd.u(0, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("withVectors");
  }

  private static DMatrixRMaj shifted(DMatrixRMaj a, double t) {
    DMatrixRMaj m = M.copy();
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] += t * a.data[i];
    }
    return m;
  }
}
