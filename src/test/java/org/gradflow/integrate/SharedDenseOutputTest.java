package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gradflow.core.Observable;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.AbstractIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The shared-dense-output integrators change nothing but how often the dense output is computed: events,
 * step ends and sampled states are bit-identical to Hipparchus's, and detectors that check the
 * same time receive the same state object.
 */
class SharedDenseOutputTest {

  /** A damped oscillator with a slow drift: g functions cross zero several times. */
  private static final OrdinaryDifferentialEquation ODE = new OrdinaryDifferentialEquation() {
    @Override
    public int getDimension() {
      return 3;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      return new double[] {y[1], -4 * y[0] - 0.1 * y[1], 0.3 - 0.05 * y[2]};
    }
  };

  /** g = y[component] − level; logs every time and the state object it was given. */
  private static final class LevelDetector extends AbstractODEDetector<LevelDetector> {
    final int component;
    final double level;
    final List<Double> events;
    final Map<Double, ODEStateAndDerivative> seen;

    LevelDetector(int component, double level, List<Double> events, Map<Double, ODEStateAndDerivative> seen) {
      super(AdaptableInterval.of(0.05), 100, new BracketingNthOrderBrentSolver(1e-14, 1e-14, 0, 5),
          (s, d, inc) -> {
            events.add(s.getTime());
            return Action.CONTINUE;
          });
      this.component = component;
      this.level = level;
      this.events = events;
      this.seen = seen;
    }

    @Override
    protected LevelDetector create(AdaptableInterval maxCheck, int maxIter,
        org.hipparchus.analysis.solvers.BracketedUnivariateSolver<org.hipparchus.analysis.UnivariateFunction> solver,
        org.hipparchus.ode.events.ODEEventHandler handler) {
      return new LevelDetector(component, level, events, seen);
    }

    @Override
    public double g(ODEStateAndDerivative s) {
      seen.putIfAbsent(s.getTime(), s);
      return s.getPrimaryState()[component] - level;
    }
  }

  private record Outcome(List<Double> events, List<double[]> samples, double[] end,
      Map<Double, ODEStateAndDerivative> seenA, Map<Double, ODEStateAndDerivative> seenB) {}

  private static Outcome run(AbstractIntegrator integrator) {
    List<Double> events = new ArrayList<>();
    Map<Double, ODEStateAndDerivative> seenA = new java.util.HashMap<>();
    Map<Double, ODEStateAndDerivative> seenB = new java.util.HashMap<>();
    integrator.addEventDetector(new LevelDetector(0, 0.2, events, seenA));
    integrator.addEventDetector(new LevelDetector(0, 0.2, new ArrayList<>(), seenB));
    integrator.addEventDetector(new LevelDetector(2, 1.0, events, new java.util.HashMap<>()));
    List<double[]> samples = new ArrayList<>();
    integrator.addStepHandler(interpolator -> {
      double t0 = interpolator.getPreviousState().getTime();
      double t1 = interpolator.getCurrentState().getTime();
      for (int k = 1; k < 4; k++) {
        samples.add(interpolator.getInterpolatedState(t0 + (t1 - t0) * k / 4).getPrimaryState());
      }
    });
    ODEStateAndDerivative end = integrator.integrate(ODE, new ODEState(0, new double[] {1, 0, 0}), 12);
    return new Outcome(events, samples, end.getPrimaryState(), seenA, seenB);
  }

  private static void assertSameFlow(Outcome plain, Outcome shared) {
    assertThat(shared.events()).hasSizeGreaterThan(4).isEqualTo(plain.events());
    assertThat(shared.end()).isEqualTo(plain.end());
    assertThat(shared.samples()).hasSameSizeAs(plain.samples());
    for (int i = 0; i < plain.samples().size(); i++) {
      assertThat(shared.samples().get(i)).isEqualTo(plain.samples().get(i));
    }
  }

  /** How many check times two identical detectors received as one and the same state object. */
  private static int sharedStates(Outcome o) {
    int n = 0;
    for (var e : o.seenA().entrySet()) {
      if (o.seenB().get(e.getKey()) == e.getValue()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void dp853AndDp54AreBitIdenticalToHipparchusAndShareStates() {
    double[] atol = {1e-12, 1e-12, 1e-12};
    double[] rtol = {1e-10, 1e-10, 1e-10};
    compare(run(new DormandPrince853Integrator(1e-12, 12, atol, rtol)),
        run(new DormandPrinceIntegrators.DP853(1e-12, 12, atol, rtol)));
    compare(run(new DormandPrince54Integrator(1e-12, 12, atol, rtol)),
        run(new DormandPrinceIntegrators.DP54(1e-12, 12, atol, rtol)));
  }

  private static void compare(Outcome plain, Outcome shared) {
    assertSameFlow(plain, shared);
    // Hipparchus hands each detector its own copy, except at step ends
    assertThat(sharedStates(plain)).isLessThan(plain.seenA().size());
    assertThat(sharedStates(shared)).isEqualTo(shared.seenA().size());
  }

  @Test
  void memoKeepsTheEarliestStatesOnceFull() {
    StepStateMemo<Double, ODEStateAndDerivative> memo = new StepStateMemo<>(2);
    Map<Double, Integer> calls = new java.util.HashMap<>();
    java.util.function.Function<Double, ODEStateAndDerivative> interpolate = t -> {
      calls.merge(t, 1, Integer::sum);
      return new ODEStateAndDerivative(t, new double[] {t}, new double[] {1});
    };
    for (int pass = 0; pass < 3; pass++) {
      for (double t : new double[] {0.1, 0.2, 0.3}) {
        memo.get(t, interpolate);
      }
    }
    assertThat(calls).containsEntry(0.1, 1).containsEntry(0.2, 1).containsEntry(0.3, 3);
    assertThat(calls.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
    assertThat(StepStateMemo.forDimension(95_360).capacity()).isBetween(100, 200);
    assertThat(StepStateMemo.forDimension(1 << 30).capacity()).isEqualTo(2);
  }

  @Test
  void watchedObservablesAreEvaluatedOncePerState() {
    int[] calls = new int[2];
    EventObservables watched = new EventObservables();
    int first = watched.watch(Observable.of("x", th -> {
      calls[0]++;
      return th[0];
    }));
    int second = watched.watch(Observable.ofFlow("xdot", (th, td) -> {
      calls[1]++;
      return td[0];
    }));
    ODEStateAndDerivative s = new ODEStateAndDerivative(0.5, new double[] {3}, new double[] {-2});
    ODEStateAndDerivative other = new ODEStateAndDerivative(0.5, new double[] {4}, new double[] {-1});
    assertThat(watched.value(first, s)).isEqualTo(3);
    assertThat(watched.value(second, s)).isEqualTo(-2);
    assertThat(watched.value(first, s)).isEqualTo(3);
    assertThat(calls).containsExactly(1, 1);
    // keyed by identity, not by time: another state at the same time is evaluated afresh
    assertThat(watched.value(first, other)).isEqualTo(4);
    assertThat(calls).containsExactly(2, 2);
  }
}
