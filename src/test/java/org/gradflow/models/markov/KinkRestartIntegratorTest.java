package org.gradflow.models.markov;

import org.gradflow.integrate.piecewise.KinkEvent;
import org.gradflow.integrate.piecewise.KinkRestartIntegrator;
import org.gradflow.integrate.FlowEquation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * Spec §6.4: the rank-one flow (N = 1) reaches the ReLU kink e_p = 0 and slides along it to the
 * global minimum. The spec says "t ≈ 10" for the crossing; the located crossing is t = 7.3797279,
 * which an independent scipy DOP853 run (rtol 1e-12, event on e_p on the inactive piece) confirms
 * to 1e-8.
 */
class KinkRestartIntegratorTest {
  private final MarkovSource source = new MarkovSource(0.5, 0.8);
  private final RankOneFlow flow = new RankOneFlow(source, 1);
  private final double[] start = flow.fromNatural(1, -0.5, 0.5, -0.5, 0);

  @Test
  void locatesTheKinkSlidesAlongItAndConverges() {
    KinkRestartIntegrator it = new KinkRestartIntegrator(flow, 1e-10, 1e-12, 100);
    double[] end = it.integrate(start, 30);
    List<KinkEvent> ev = it.events();
    assertThat(ev).isNotEmpty();
    KinkEvent first = ev.get(0);
    assertThat(first.surface()).isZero();
    assertThat(first.time()).isCloseTo(7.37972794, within(1e-7));
    assertThat(first.to()).isEqualTo("sliding");
    assertThat(Math.abs(flow.switching(0, first.state()))).isLessThan(1e-12);
    // e_p stays on the kink while the other scalars move
    assertThat(Math.abs(end[RankOneFlow.P])).isLessThan(1e-10);
    assertThat(end[RankOneFlow.ET]).isNotCloseTo(first.state()[RankOneFlow.ET], within(1e-3));
    assertThat(flow.loss(end)).isCloseTo(0.619016, within(1e-6));
    assertThat(flow.loss(end) - source.entropyRate()).isPositive().isLessThan(2e-6);
  }

  @Test
  void startingExactlyOnTheKinkSlidesFromTimeZeroAndContinuesTheSameTrajectory() {
    KinkRestartIntegrator a = new KinkRestartIntegrator(flow, 1e-12, 1e-14, 100);
    a.integrate(start, 30);
    KinkEvent first = a.events().get(0);
    double[] onKink = first.state().clone();
    onKink[RankOneFlow.P] = 0; // exactly on the surface h_0 = w_1·p = 0
    KinkRestartIntegrator b = new KinkRestartIntegrator(flow, 1e-12, 1e-14, 100);
    double[] end = b.integrate(onKink, 30 - first.time());
    assertThat(b.events().get(0).time()).isZero();
    assertThat(b.events().get(0).to()).isEqualTo("sliding");
    double[] ref = new KinkRestartIntegrator(flow, 1e-12, 1e-14, 100).integrate(start, 30);
    for (int i = 0; i < 5; i++) {
      assertThat(end[i]).isCloseTo(ref[i], within(1e-8));
    }
  }

  @Test
  void plainDormandPrinceStallsOnTheKink() {
    DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-14, 30, 1e-12, 1e-10);
    dp.setMaxEvaluations(200_000);
    long used;
    boolean failed = false;
    try {
      dp.integrate(new FlowEquation(flow), new ODEState(0, start.clone()), 30);
      used = dp.getEvaluations();
    } catch (MathIllegalStateException e) {
      failed = true;
      used = 200_000;
    }
    KinkRestartIntegrator it = new KinkRestartIntegrator(flow, 1e-10, 1e-12, 100);
    it.integrate(start, 30);
    // the restart integrator needs far fewer right-hand sides than the stalled plain run
    assertThat(failed || used > 20 * it.evaluations()).as("plain %d vs restart %d", used, it.evaluations()).isTrue();
  }
}
