package org.gradflow.models.linattn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.gradflow.TestSpecs;
import org.gradflow.core.GradientCheck;
import org.gradflow.core.GradientFlow;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LinearAttentionTest {
  static String spec(String keyQuery, String extra, String init) {
    return "{'model': 'linear-attention', 'params': {'keyQuery': '" + keyQuery + "', 'heads': 2" + extra + "},"
        + " 'data': {'eigenvalues': [0.5, 0.3, 0.2], 'contextLength': 5}, 'init': " + init + ","
        + " 'integrator': {'rtol': 1e-11, 'atol': 1e-14, 'tEnd': 800, 'grid': {'log': 60, 'linear': 20, 'tMin': 0.1}}}";
  }

  static final String GAUSSIAN = "{'gaussian': {'scale': 0.7, 'seed': 11}}";

  /** The gradient is the default one, a reverse sweep of the generic loss: no hand-written derivative. */
  @ParameterizedTest
  @ValueSource(strings = {"merged|", "separate|, 'rank': 1", "separate|, 'rank': 2"})
  void reverseAdGradientMatchesCentralDifferencesAndForwardMode(String variant) {
    String[] v = variant.split("\\|", -1);
    FlowSystem s = ModelRegistry.build(TestSpecs.spec(spec(v[0], v[1], GAUSSIAN)));
    assertThat(GradientFlow.hasAnalyticGradient(s.flow())).isFalse();
    assertThat(GradientCheck.centralDifferences(s.flow(), s.initialState(), 0).values())
        .allMatch(e -> e.resolved() && e.error() < 1e-8);
    assertThat(GradientCheck.automatic(s.flow(), s.initialState()).values()).allMatch(e -> e < 1e-13);
  }

  /**
   * The closed-form population loss is the expectation of the attention layer's own squared error:
   * a Monte Carlo average of ½(ŷ − y_q)² with ŷ the (d+1, N+1) entry of
   * E + Σ_i W^V_i E Eᵀ W^KQ_i E / N, over full (d+1)×(d+1) matrices whose entries off the
   * invariant subspace are random (they must not matter), agrees within 4 standard errors.
   */
  @Test
  void populationLossIsTheExpectedSquaredErrorOfTheAttentionLayer() {
    FlowSystem s = ModelRegistry.build(TestSpecs.spec(spec("separate", ", 'rank': 2", GAUSSIAN)));
    LinearAttentionFlow flow = (LinearAttentionFlow) s.flow();
    double[] theta = s.initialState();
    int d = 3;
    int n = 5;
    double[] lambda = {0.5, 0.3, 0.2};
    double[] gamma = new LinearAttentionObservables(flow, theta).gamma(theta);
    SplittableRandom rng = new SplittableRandom(5);
    double[][][] wv = new double[2][d + 1][d + 1];
    double[][][] wkq = new double[2][d + 1][d + 1];
    for (int i = 0; i < 2; i++) {
      for (int r = 0; r <= d; r++) {
        for (int c = 0; c <= d; c++) {
          wv[i][r][c] = r < d ? InitialState.normal(rng) : 0; // rows off the label do not reach ŷ
          wkq[i][r][c] = c == d ? InitialState.normal(rng) : 0; // meets the query label 0
        }
      }
      wv[i][d][d] = theta[flow.layout().offset("v") + i];
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          for (int r = 0; r < 2; r++) {
            wkq[i][p][q] += theta[flow.layout().block("W_K").index(2 * i + r, p)]
                * theta[flow.layout().block("W_Q").index(2 * i + r, q)];
          }
        }
      }
    }
    int prompts = 200_000;
    double sum = 0;
    double sumSq = 0;
    double[][] e = new double[d + 1][n + 1];
    for (int m = 0; m < prompts; m++) {
      double[] w = new double[d];
      for (int p = 0; p < d; p++) {
        w[p] = InitialState.normal(rng);
      }
      for (int col = 0; col <= n; col++) {
        double y = 0;
        for (int p = 0; p < d; p++) {
          e[p][col] = Math.sqrt(lambda[p]) * InitialState.normal(rng);
          y += w[p] * e[p][col];
        }
        e[d][col] = y;
      }
      double yq = e[d][n];
      e[d][n] = 0;
      double yHat = e[d][n];
      for (int i = 0; i < 2; i++) {
        yHat += attentionAtQueryLabel(wv[i], wkq[i], e, d, n);
      }
      double l = 0.5 * (yHat - yq) * (yHat - yq);
      sum += l;
      sumSq += l * l;
    }
    double mean = sum / prompts;
    double stdErr = Math.sqrt((sumSq / prompts - mean * mean) / prompts);
    assertThat(Math.abs(mean - flow.loss(theta))).isLessThan(4 * stdErr);
    assertThat(stdErr).isLessThan(0.01 * mean);
    assertThat(gamma[1]).isNotZero(); // an off-diagonal Γ: a generic point, not a symmetric one
  }

  /** [W^V E Eᵀ W^KQ E]_{d, N} / N: the label row of the head's output at the query column. */
  private static double attentionAtQueryLabel(double[][] wv, double[][] wkq, double[][] e, int d, int n) {
    double[] kq = new double[d + 1]; // W^KQ e_q
    for (int r = 0; r <= d; r++) {
      for (int c = 0; c <= d; c++) {
        kq[r] += wkq[r][c] * e[c][n];
      }
    }
    double out = 0;
    for (int col = 0; col <= n; col++) {
      double score = 0;
      double value = 0;
      for (int r = 0; r <= d; r++) {
        score += e[r][col] * kq[r];
        value += wv[d][r] * e[r][col];
      }
      out += value * score;
    }
    return out / n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"merged|", "separate|, 'rank': 2"})
  void balanceQuantitiesAreConservedAlongARunToTheIntegratorTolerance(String variant) {
    String[] v = variant.split("\\|", -1);
    RunResult r = TestSpecs.run(spec(v[0], v[1], "{'gaussian': {'scale': 0.05, 'seed': 2}}"));
    double drift = 0;
    for (double x : r.trajectory().column("balanceDrift")) {
      drift = Math.max(drift, x);
    }
    LinearAttentionFlow flow = (LinearAttentionFlow) r.system().flow();
    double[] start = LinearAttentionObservables.conserved(flow, r.system().initialState());
    double[] before = r.system().initialState();
    double[] after = r.finalState();
    double moved = 0; // how far the individual squared norms travelled meanwhile
    for (int i = 0; i < before.length; i++) {
      moved = Math.max(moved, Math.abs(after[i] * after[i] - before[i] * before[i]));
    }
    assertThat(start).isNotEmpty();
    assertThat(r.trajectory().last("limitError")).isLessThan(1e-6);
    assertThat(moved).isGreaterThan(0.5);
    assertThat(drift).isLessThan(1e-9 * moved);
    // the observable does see a violation: perturb one factor
    double[] off = after.clone();
    off[0] += 1e-3;
    assertThat(flow.observables().stream().filter(o -> o.name().equals("balanceDrift")).findFirst().orElseThrow()
        .value(off, null)).isGreaterThan(1e-4);
  }
}
