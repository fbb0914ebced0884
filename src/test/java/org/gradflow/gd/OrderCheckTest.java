package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradflow.integrate.Progress;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

class OrderCheckTest {

  @Test
  void linearNetworkIsFirstOrderAgainstFlowAndSecondOrderAgainstModifiedFlow() {
    SystemSpec spec = Toys.spec(Toys.LINEAR_NET);
    FlowSystem system = Toys.build(spec);
    OrderCheck.OrderResult r = OrderCheck.run(spec, system, 0.02, 200, 3, true, Progress.NONE);
    System.out.println("linear-network: flow " + r.flowFit() + "\n  modified " + r.modifiedFit()
        + "\n  dev flow " + java.util.Arrays.toString(r.deviationFromFlow())
        + "\n  dev mod " + java.util.Arrays.toString(r.deviationFromModified()) + "\n  wall " + r.wallSeconds());
    assertThat(r.flowFit().slope()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.05));
    assertThat(r.modifiedFit().slope()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.1));
    assertThat(r.flowFit().pass()).isTrue();
    assertThat(r.modifiedFit().pass()).isTrue();
    assertThat(r.time()).isEqualTo(4.0);
  }
}
