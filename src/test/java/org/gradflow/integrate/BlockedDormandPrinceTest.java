package org.gradflow.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import java.util.jar.JarFile;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.AbstractIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.AbstractODEDetector;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The engine's integrators ({@link BlockedEmbeddedRungeKuttaIntegrator}) against stock Hipparchus
 * DP853 and DP54, bit for bit: every step end (time, state, derivative), hence every step size,
 * the interpolated state and derivative at three times inside every step, event times, the
 * evaluation count, and the rejected steps (upstream's count, recovered from its evaluations).
 */
class BlockedDormandPrinceTest {

  /** Van der Pol, μ = 5: nonlinear and stiff-ish, so the step size varies over decades. */
  private static final OrdinaryDifferentialEquation VAN_DER_POL = new OrdinaryDifferentialEquation() {
    @Override
    public int getDimension() {
      return 2;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      return new double[] {y[1], 5 * (1 - y[0] * y[0]) * y[1] - y[0]};
    }
  };

  /** g = y[component] − level; logs the event times. */
  private static final class LevelDetector extends AbstractODEDetector<LevelDetector> {
    private final int component;
    private final double level;
    private final List<Double> events;

    LevelDetector(AdaptableInterval maxCheck, int component, double level, List<Double> events) {
      super(maxCheck, 100, new BracketingNthOrderBrentSolver(1e-14, 1e-14, 0, 5), (s, d, increasing) -> {
        events.add(s.getTime());
        return Action.CONTINUE;
      });
      this.component = component;
      this.level = level;
      this.events = events;
    }

    @Override
    protected LevelDetector create(AdaptableInterval maxCheck, int maxIter,
        BracketedUnivariateSolver<UnivariateFunction> solver, ODEEventHandler handler) {
      return new LevelDetector(maxCheck, component, level, events);
    }

    @Override
    public double g(ODEStateAndDerivative s) {
      return s.getPrimaryState()[component] - level;
    }
  }

  /** What a run produced, as digests of the exact bits (one per step), so big systems stay cheap. */
  private record Trace(List<String> stepEnds, List<String> samples, List<Double> events, int evaluations,
      int acceptedSteps, double[] end) {}

  private record Problem(String name, OrdinaryDifferentialEquation ode, double[] y0, double tEnd, double atol,
      double rtol) {}

  @Test
  void vanDerPolIsBitIdenticalAndRejectsSteps() {
    Problem p = new Problem("van der Pol", VAN_DER_POL, new double[] {2, 0}, 20, 1e-10, 1e-9);
    // a far too large first step forces rejections on the first step, and the limit cycle more later
    assertBitIdentical(p, 1.0);
  }

  @Test
  void quadraticBenchIsBitIdentical() {
    assertBitIdentical(problem("systems/quadratic-bench.json", "integrator.tEnd=5"), 0);
  }

  @Test
  void smallCooccurrenceIsBitIdentical() {
    assertBitIdentical(problem("systems/cooccurrence-small.json", "integrator.tEnd=2"), 0);
  }

  @Test
  void anInterpolatorUsedAfterItsStepFails() {
    List<ODEStateInterpolator> kept = new ArrayList<>();
    BlockedEmbeddedRungeKuttaIntegrator dp = DormandPrinceIntegrators.create("DP853", 1e-12, 20,
        new double[] {1e-10, 1e-10}, new double[] {1e-9, 1e-9});
    dp.addStepHandler(kept::add);
    dp.integrate(VAN_DER_POL, new ODEState(0, new double[] {2, 0}), 1);
    ODEStateInterpolator first = kept.get(0);
    double mid = 0.5 * (first.getPreviousState().getTime() + first.getCurrentState().getTime());
    assertThat(kept).hasSizeGreaterThan(2);
    assertThatThrownBy(() -> first.getInterpolatedState(mid))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("keep states, not interpolators");
  }

  @Test
  void hipparchusOnTheClasspathIsTheMirroredVersion() throws Exception {
    // BlockedEmbeddedRungeKuttaIntegrator mirrors 4.0.3's integrate: a new version must be re-diffed
    Path jar = Path.of(EmbeddedRungeKuttaIntegrator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile f = new JarFile(jar.toFile())) {
      assertThat(f.getManifest().getMainAttributes().getValue("Bundle-Version")).isEqualTo("4.0.3");
      java.util.Properties pom = new java.util.Properties();
      pom.load(f.getInputStream(f.getEntry("META-INF/maven/org.hipparchus/hipparchus-ode/pom.properties")));
      assertThat(pom.getProperty("version")).isEqualTo("4.0.3");
    }
  }

  private static Problem problem(String file, String... overrides) {
    SystemSpec spec = SpecLoader.load(Path.of(file), List.of(overrides));
    FlowSystem system = ModelRegistry.build(spec);
    return new Problem(spec.name(), new FlowEquation(system.flow()), system.initialState().clone(),
        spec.integrator().tEnd(), 1e-12, spec.integrator().rtol());
  }

  private static void assertBitIdentical(Problem p, double initialStep) {
    int n = p.y0().length;
    double[] atol = filled(n, p.atol());
    double[] rtol = filled(n, p.rtol());
    compare(p, initialStep, 15, (lo, hi) -> new DormandPrince853Integrator(lo, hi, atol, rtol),
        (lo, hi) -> DormandPrinceIntegrators.create("DP853", lo, hi, atol, rtol));
    compare(p, initialStep, 6, (lo, hi) -> new DormandPrince54Integrator(lo, hi, atol, rtol),
        (lo, hi) -> DormandPrinceIntegrators.create("DP54", lo, hi, atol, rtol));
  }

  private static void compare(Problem p, double initialStep, int evaluationsPerStep,
      BiFunction<Double, Double, AdaptiveStepsizeIntegrator> stock,
      BiFunction<Double, Double, BlockedEmbeddedRungeKuttaIntegrator> blocked) {
    double minStep = p.tEnd() * 1e-15;
    // events halfway between start and end of the most-moving component of each half: both cross
    double[] end = run(p, stock.apply(minStep, p.tEnd()), initialStep, new int[0], null).end();
    int half = Math.max(1, p.y0().length / 2);
    int[] components = {mostMoving(p.y0(), end, 0, half), mostMoving(p.y0(), end, half, p.y0().length)};
    Trace expected = run(p, stock.apply(minStep, p.tEnd()), initialStep, components, end);
    BlockedEmbeddedRungeKuttaIntegrator integrator = blocked.apply(minStep, p.tEnd());
    Trace actual = run(p, integrator, initialStep, components, end);

    assertThat(expected.events()).as(p.name() + ": events").isNotEmpty();
    assertThat(actual.events()).as(p.name() + ": event times").isEqualTo(expected.events());
    assertThat(actual.stepEnds()).as(p.name() + ": step ends").isEqualTo(expected.stepEnds());
    assertThat(actual.samples()).as(p.name() + ": interpolated states").isEqualTo(expected.samples());
    assertThat(actual.evaluations()).as(p.name() + ": evaluations").isEqualTo(expected.evaluations());
    // upstream: 2 evaluations to start (initial derivative, first-step guess), then one batch per try
    long tries = (expected.evaluations() - (initialStep > 0 ? 1 : 2)) / evaluationsPerStep;
    assertThat(integrator.acceptedSteps()).as(p.name() + ": accepted steps").isEqualTo(expected.acceptedSteps());
    assertThat(integrator.rejectedSteps()).as(p.name() + ": rejected steps")
        .isEqualTo(tries - expected.acceptedSteps());
    if (initialStep > 0) {
      assertThat(integrator.rejectedSteps()).isPositive();
    }
  }

  private static int mostMoving(double[] from, double[] to, int lo, int hi) {
    int best = lo;
    for (int i = lo; i < hi; i++) {
      if (Math.abs(to[i] - from[i]) > Math.abs(to[best] - from[best])) {
        best = i;
      }
    }
    return best;
  }

  private static Trace run(Problem p, AdaptiveStepsizeIntegrator integrator, double initialStep, int[] components,
      double[] end) {
    if (initialStep > 0) {
      integrator.setInitialStepSize(initialStep);
    }
    List<String> stepEnds = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    List<Double> events = new ArrayList<>();
    int[] accepted = new int[1];
    AdaptableInterval maxCheck = AdaptableInterval.of(p.tEnd() / 10);
    for (int i : components) {
      integrator.addEventDetector(new LevelDetector(maxCheck, i, 0.5 * (p.y0()[i] + end[i]), events));
    }
    integrator.addStepHandler(interpolator -> {
      ODEStateAndDerivative s = interpolator.getCurrentState();
      stepEnds.add(digest(s));
      if (!interpolator.isCurrentStateInterpolated()) {
        accepted[0]++; // the last part of a step (detectors split steps at events)
      }
      double t0 = interpolator.getPreviousState().getTime();
      for (double f : new double[] {0.2, 0.5, 0.9}) {
        samples.add(digest(interpolator.getInterpolatedState(t0 + f * (s.getTime() - t0))));
      }
    });
    ODEStateAndDerivative last = integrator.integrate(p.ode(), new ODEState(0, p.y0().clone()), p.tEnd());
    return new Trace(stepEnds, samples, events, ((AbstractIntegrator) integrator).getEvaluations(),
        accepted[0], last.getPrimaryState());
  }

  private static String digest(ODEStateAndDerivative s) {
    double[] y = s.getPrimaryState();
    double[] yDot = s.getPrimaryDerivative();
    ByteBuffer bytes = ByteBuffer.allocate(8 * (1 + y.length + yDot.length));
    bytes.putDouble(s.getTime());
    for (double v : y) {
      bytes.putDouble(v);
    }
    for (double v : yDot) {
      bytes.putDouble(v);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
