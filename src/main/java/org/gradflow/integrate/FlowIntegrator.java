package org.gradflow.integrate;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * The double path of {@link Solver}: Hipparchus Dormand–Prince (DP853 or DP54) on the flow,
 * sampling the dense output at the save times, locating threshold events with Hipparchus's
 * detectors and a Brent solver, stopping on terminal events. Failures (NaN/Inf, step-size
 * underflow, evaluation budget) end the run as FAILED with the partial trajectory and the reason.
 */
final class FlowIntegrator {
  private FlowIntegrator() {}

  static Solution solve(GradientFlow flow, double[] theta0, SolveOptions options, List<Event> events, SaveAt saveAt,
      Progress progress) {
    return new Run(flow, theta0, options, events, saveAt, progress).execute();
  }

  /** One double-precision integration; holds the mutable bookkeeping of the run. */
  private static final class Run {
    private final GradientFlow flow;
    private final double[] theta0;
    private final SolveOptions options;
    private final List<Event> events;
    private final RunBook book;
    private final EventObservables watched = new EventObservables();

    Run(GradientFlow flow, double[] theta0, SolveOptions options, List<Event> events, SaveAt saveAt,
        Progress progress) {
      this.flow = flow;
      this.theta0 = theta0.clone();
      this.options = options;
      this.events = events;
      this.book = new RunBook(flow, theta0, options, saveAt, progress);
    }

    Solution execute() {
      double[] atol = options.atol();
      double[] rtol = new double[atol.length];
      java.util.Arrays.fill(rtol, options.rtol());
      book.warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(theta0, atol, flow.layout(), options.t0()));

      BlockedEmbeddedRungeKuttaIntegrator integrator = create(atol, rtol);
      integrator.setMaxEvaluations((int) Math.min(Integer.MAX_VALUE, options.maxEvaluations()));
      if (options.initialStep() != null) {
        integrator.setInitialStepSize(options.initialStep());
      }
      FlowEquation equation = new FlowEquation(flow);
      integrator.addStepHandler(new Handler(equation, atol));
      AdaptableInterval maxCheck = (state, forward) -> options.eventCheckIntervalAt(state.getTime());
      for (Event e : events) {
        integrator.addEventDetector(detector(e, maxCheck));
      }

      Outcome outcome = Outcome.COMPLETED;
      Failure failure = null;
      String reason = "reached t_end = " + options.t1();
      double tFinal;
      double[] thetaFinal;
      try {
        ODEStateAndDerivative end = integrator.integrate(equation, new ODEState(options.t0(), theta0), options.t1());
        tFinal = end.getTime();
        thetaFinal = end.getPrimaryState();
        if (book.log.stopReason() != null) {
          outcome = Outcome.STOPPED;
          reason = book.log.stopReason();
        }
      } catch (RuntimeException e) {
        failure = RunBook.classify(e);
        outcome = Outcome.FAILED;
        reason = book.failureReason(failure, e);
        tFinal = book.lastTime();
        thetaFinal = book.lastState();
      }
      double wall = book.wallSeconds();
      if (outcome != Outcome.FAILED) {
        book.finishAt(tFinal, thetaFinal, null);
      }
      book.warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(thetaFinal, atol, flow.layout(), tFinal));
      long evals = equation.evaluations();
      IntegrationStats stats = new IntegrationStats(options.method().name(), options.rtol(), theta0.length,
          integrator.acceptedSteps(), integrator.rejectedSteps(), evals, wall, 0);
      return book.finish(outcome, failure, reason, tFinal, thetaFinal, null, stats, "");
    }

    /** The one place the engine's double integrators are built. */
    private BlockedEmbeddedRungeKuttaIntegrator create(double[] atol, double[] rtol) {
      double minStep = options.t1() * 1e-15;
      double maxStep = options.maxStep() != null ? options.maxStep() : options.t1();
      return DormandPrinceIntegrators.create(options.method().name(), minStep, maxStep, atol, rtol);
    }

    private ThresholdDetector detector(Event e, AdaptableInterval maxCheck) {
      double accuracy = SolveOptions.EVENT_TIME_ACCURACY;
      return new ThresholdDetector(watched, watched.watch(e.observable()), e.threshold(), maxCheck, 200,
          new BracketingNthOrderBrentSolver(accuracy, accuracy * options.t1(), 0, 5),
          (s, det, increasing) -> book.log.crossing(e, s.getTime(), s.getPrimaryState(), increasing, "")
              ? Action.STOP : Action.CONTINUE);
    }

    /**
     * Samples the dense output at the save times, counts accepted steps, remembers the last
     * accepted state (what a failed run keeps), and watches for blocks that shrink below their
     * absolute tolerance.
     */
    private final class Handler implements ODEStepHandler {
      private final FlowEquation equation;
      private final double[] atol;

      Handler(FlowEquation equation, double[] atol) {
        this.equation = equation;
        this.atol = atol;
      }

      @Override
      public void handleStep(ODEStateInterpolator interpolator) {
        ODEStateAndDerivative end = interpolator.getCurrentState();
        double tEnd = end.getTime();
        book.sampleThrough(tEnd,
            t -> t == tEnd ? end.getPrimaryState() : interpolator.getInterpolatedState(t).getPrimaryState(), null);
        double[] state = end.getPrimaryState();
        if ((book.steps() + 1) % 64 == 0 && book.warnings.size() < 32) {
          book.warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(state, atol, flow.layout(), tEnd));
        }
        book.accepted(tEnd, state, equation.evaluations());
      }
    }
  }
}
