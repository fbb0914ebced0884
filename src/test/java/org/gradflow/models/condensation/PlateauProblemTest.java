package org.gradflow.models.condensation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateauProblemTest {

  @Test
  void convexMinimumIsStationaryToMachinePrecision() {
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small("identity", 1e-4)).flow();
    PlateauProblem p = new PlateauProblem(flow.data(), flow.lossKind());
    assertThat(p.separable()).isFalse();
    var min = p.minimum();
    assertThat(p.gradientNorm(min.getPoint())).isLessThan(1e-12);
    // any perturbation raises the loss (convexity, strict minimum)
    double[] beta = min.getPoint().clone();
    beta[0] += 1e-3;
    assertThat(p.value(beta)).isGreaterThan(min.getValue());
  }

  @Test
  void separableLabelsAreDetected() {
    // teacher seed 3 with strength 3: the LP finds a separating w for the mean features
    CondensationFlow flow = (CondensationFlow) Instances.build(Instances.small("identity", 1e-4),
        "data.generator.seed=3", "data.generator.teacherStrength=3").flow();
    assertThat(new PlateauProblem(flow.data(), flow.lossKind()).separable()).isTrue();
  }
}
