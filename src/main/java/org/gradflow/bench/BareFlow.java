package org.gradflow.bench;

import java.util.Arrays;
import org.gradflow.integrate.AbsoluteTolerance;
import org.gradflow.integrate.DormandPrinceIntegrators;
import org.gradflow.integrate.FlowEquation;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.IntegratorSpec;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * A bare DP853 flow (no events, no step handlers; the spec's tolerances, t_end 0 → t_end) with
 * either stock Hipparchus or the engine's integrator, timing the derivative apart from the rest.
 */
public enum BareFlow {
  HIPPARCHUS, BLOCKED;

  /** One run: wall and derivative time, evaluations, tries (accepted + rejected steps), θ(t_end). */
  record Timing(double wallSeconds, double rhsSeconds, long evaluations, long tries, double[] end) {
    /** Wall time outside the derivative, per try. */
    double nonRhsPerTry() {
      return (wallSeconds - rhsSeconds) / tries;
    }
  }

  AdaptiveStepsizeIntegrator integrator(SystemSpec spec, FlowSystem system) {
    IntegratorSpec is = spec.integrator();
    double[] atol = AbsoluteTolerance.resolve(new SpecSection(spec.file(), "integrator.atol", is.atol()),
        system.flow().layout(), system.initialState());
    double[] rtol = new double[atol.length];
    Arrays.fill(rtol, is.rtol());
    double minStep = is.tEnd() * 1e-15;
    return this == HIPPARCHUS ? new DormandPrince853Integrator(minStep, is.tEnd(), atol, rtol)
        : DormandPrinceIntegrators.create("DP853", minStep, is.tEnd(), atol, rtol);
  }

  Timing run(SystemSpec spec, FlowSystem system) {
    double[] theta0 = system.initialState().clone();
    AdaptiveStepsizeIntegrator dp = integrator(spec, system);
    double tEnd = spec.integrator().tEnd();
    TimedDerivative ode = new TimedDerivative(new FlowEquation(system.flow()));
    long start = System.nanoTime();
    double[] end = dp.integrate(ode, new ODEState(0, theta0), tEnd).getPrimaryState();
    double wall = (System.nanoTime() - start) * 1e-9;
    long evals = dp.getEvaluations();
    // Hipparchus DP853: 2 evaluations to start, then 15 per try (proven equal for both in BlockedDormandPrinceTest)
    return new Timing(wall, ode.nanos() * 1e-9, evals, (evals - 2) / 15, end);
  }
}
