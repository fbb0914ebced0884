package org.gradflow.models.linearnet;

import org.ejml.data.DMatrixRMaj;
import org.gradflow.core.ParameterLayout;
import org.gradflow.core.Svd;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code linear-network}: two-layer linear network on whitened inputs. params: {@code target}
 * (Σ, n2×n0), {@code hidden} (h). init: generic, or {@code {"balancedAligned": {"a0": x}}}:
 * W1 = diag(√a0)·Vᵀ, W2 = U·diag(√a0) (top-h singular directions of Σ), the case with the
 * Saxe closed form.
 */
public final class LinearNetworkFamily implements ModelFamily {

  @Override
  public String name() {
    return "linear-network";
  }

  @Override
  public String summary() {
    return "two-layer linear net ½‖W2W1 − Σ‖²: Saxe closed form, conserved W1W1ᵀ − W2ᵀW2";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    SpecSection p = spec.params();
    double[][] target = p.child("target").matrix(-1, -1);
    if (target.length == 0 || target[0].length == 0) {
      throw p.error("target", "must be a non-empty matrix");
    }
    int hidden = p.positiveInteger("hidden");
    Sizes.state(p, "hidden", Sizes.product(hidden, target.length + target[0].length));
    ParameterLayout layout = ParameterLayout.builder()
        .matrix("W1", hidden, target[0].length).matrix("W2", target.length, hidden).build();
    double[] theta0;
    if (spec.init().has("balancedAligned")) {
      SpecSection b = spec.init().child("balancedAligned");
      double a0 = b.number("a0");
      if (!(a0 > 0)) {
        throw b.error("a0", "must be positive, got " + a0);
      }
      theta0 = balancedAligned(target, hidden, a0, layout);
    } else {
      theta0 = InitialState.read(spec.init(), layout);
    }
    return FlowSystem.of(new LinearNetworkFlow(target, hidden, theta0), theta0);
  }

  /** The target's singular values and vectors, largest first. */
  static Svd targetSvd(DMatrixRMaj target) {
    Svd svd = Svd.withVectors(target.numRows, target.numCols);
    if (!svd.decompose(target)) {
      throw new IllegalStateException("SVD of the target failed");
    }
    return svd;
  }

  /** W1 = √a0·V_hᵀ, W2 = √a0·U_h, so W2W1 = a0·U_h V_hᵀ: every mode starts at strength a0. */
  static double[] balancedAligned(double[][] target, int hidden, double a0, ParameterLayout layout) {
    Svd svd = targetSvd(new DMatrixRMaj(target));
    int n0 = target[0].length;
    int n2 = target.length;
    double[] theta = new double[layout.dimension()];
    double r = Math.sqrt(a0);
    int modes = Math.min(hidden, Math.min(n0, n2));
    for (int k = 0; k < modes; k++) {
      for (int j = 0; j < n0; j++) {
        theta[layout.block("W1").index(k, j)] = r * svd.v(j, k);
      }
      for (int i = 0; i < n2; i++) {
        theta[layout.block("W2").index(i, k)] = r * svd.u(i, k);
      }
    }
    return theta;
  }
}
