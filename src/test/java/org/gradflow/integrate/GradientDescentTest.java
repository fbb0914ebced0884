package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.quadratic.QuadraticFlow;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/**
 * The GD path checks finiteness only every {@link GradientDescent#CHECK_INTERVAL} steps between
 * recorded iterates; its iterates, failure step, reason and last finite iterate must be those of
 * the plain loop θ_{k+1} = θ_k − η∇L(θ_k) that checks every step, bit for bit.
 */
class GradientDescentTest {
  private static final double ETA = 0.01;
  private static final QuadraticFlow QUADRATIC = QuadraticFlow.diagonal(new double[] {1, 3, 0.5}, new double[] {0.2, 0, -1});
  private static final double[] X0 = {1, -2, 0.5};

  /** The quadratic, but with component 1 of −∇L NaN (and the loss finite) once θ_0 < {@code below}. */
  private record Poisoned(double below) implements GradientFlow {
    @Override
    public ParameterLayout layout() {
      return QUADRATIC.layout();
    }

    @Override
    public double negativeGradient(double[] theta, double[] out) {
      double loss = QUADRATIC.negativeGradient(theta, out);
      if (theta[0] < below) {
        out[1] = Double.NaN;
      }
      return loss;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
      return QUADRATIC.loss(theta);
    }
  }

  /** The reference: θ_k for k = 0..steps, or up to the first iterate with a non-finite gradient. */
  private static double[][] plainLoop(GradientFlow flow, long steps) {
    double[][] iterates = new double[(int) steps + 1][];
    double[] theta = X0.clone();
    double[] g = new double[theta.length];
    for (int k = 0; k <= steps; k++) {
      iterates[k] = theta.clone();
      double loss = flow.negativeGradient(theta, g);
      boolean finite = Double.isFinite(loss);
      for (double v : g) {
        finite &= Double.isFinite(v);
      }
      if (!finite) {
        return java.util.Arrays.copyOf(iterates, k + 1);
      }
      for (int i = 0; i < theta.length; i++) {
        theta[i] = theta[i] - ETA * -g[i];
      }
    }
    return iterates;
  }

  private static Solution gd(GradientFlow flow, long steps, double... recordedSteps) {
    double[] times = new double[recordedSteps.length];
    for (int i = 0; i < times.length; i++) {
      times[i] = recordedSteps[i] * ETA;
    }
    SolveOptions o = SolveOptions.of(X0.length, steps * ETA).withMethod(Method.GD).withLearningRate(ETA);
    return Solver.solve(flow, X0, o, List.of(), SaveAt.times(times), Progress.NONE);
  }

  @Test
  void iteratesAreThoseOfThePlainLoopBitForBit() {
    long steps = 1000;
    double[][] ref = plainLoop(QUADRATIC, steps);
    Solution s = gd(QUADRATIC, steps, 0, 7, 500, 1000);
    assertThat(s.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(s.finalState()).isEqualTo(ref[(int) steps]);
    assertThat(s.trajectory().state(1)).isEqualTo(ref[7]);
    assertThat(s.trajectory().state(2)).isEqualTo(ref[500]);
    assertThat(s.stats().rhsEvaluations()).isEqualTo(steps + 1);
  }

  /** A NaN gradient between two checks: the run fails at its step with the iterate before it. */
  @Test
  void aNonFiniteGradientBetweenChecksFailsWhereCheckingEveryStepWould() {
    for (long failAt : new long[] {1, 100, GradientDescent.CHECK_INTERVAL, GradientDescent.CHECK_INTERVAL + 1, 999}) {
      double[][] clean = plainLoop(QUADRATIC, failAt);
      // θ_0 falls monotonically toward 0.2: poison from iterate failAt on
      Poisoned flow = new Poisoned(0.5 * (clean[(int) failAt][0] + clean[(int) failAt - 1][0]));
      double[][] ref = plainLoop(flow, 5000);
      assertThat(ref.length).as("reference fails at %d", failAt).isEqualTo((int) failAt + 1);
      Solution s = gd(flow, 5000, 0, 5000);
      assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(s.failure()).isEqualTo(Failure.NON_FINITE);
      assertThat(s.reason()).startsWith("non-finite gradient component").contains("at step " + failAt + " (");
      assertThat(s.stats().acceptedSteps()).isEqualTo(failAt - 1);
      assertThat(s.finalState()).isEqualTo(ref[(int) failAt - 1]);
      assertThat(s.trajectory().times()).containsExactly(0.0);
    }
  }

  @Test
  void aNonFiniteGradientAtTheStartKeepsTheStart() {
    Solution s = gd(new Poisoned(Double.POSITIVE_INFINITY), 100, 0, 100);
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.reason()).contains("at step 0 (");
    assertThat(s.finalState()).isEqualTo(X0);
  }
}
