package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.IntegratorSpec;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Integrates a {@link FlowSystem} as its spec says, with Hipparchus Dormand–Prince (DP853 or
 * DP54; the Dfp path when {@code integrator.digits} is set), sampling the dense output on the
 * time grid, locating threshold events, and stopping on terminal events or stop conditions.
 * Failures (NaN/Inf, step-size underflow, evaluation budget) end the run as FAILED with the
 * partial trajectory and the reason; nothing is thrown past this class except bad input.
 */
public final class FlowIntegrator {
  /** Largest number of doubles of θ snapshots a trajectory keeps (≈ 80 MB). */
  static final long STATE_BUDGET = 10_000_000L;
  /** Relative accuracy of event times (absolute: this × t_end). */
  static final double EVENT_TIME_ACCURACY = 1e-13;

  private FlowIntegrator() {}

  public static RunResult run(SystemSpec spec, FlowSystem system, Progress progress) {
    return run(spec, system, progress, TimeGrid.of(spec.integrator().grid(), spec.integrator().tEnd()));
  }

  public static RunResult run(SystemSpec spec, FlowSystem system, Progress progress, double[] sampleTimes) {
    if (spec.integrator().highPrecision()) {
      return FieldFlowIntegrator.run(spec, system, progress, sampleTimes);
    }
    return new FlowIntegrator.Run(spec, system, progress, sampleTimes).execute();
  }

  /** The events of a run: the system's built-in ones, then the spec's. */
  static List<EventSpec> events(SystemSpec spec, FlowSystem system) {
    List<EventSpec> all = new ArrayList<>(system.builtinEvents());
    all.addAll(spec.events());
    return all;
  }

  /** Observables recorded as columns: the catalog's defaults, the spec's extras, every event's. */
  static List<Observable> recorded(SystemSpec spec, ObservableCatalog catalog, List<EventSpec> events) {
    Set<String> names = new LinkedHashSet<>();
    catalog.defaults().forEach(o -> names.add(o.name()));
    names.addAll(spec.outputs().observables());
    events.forEach(e -> names.add(e.observable()));
    List<Observable> out = new ArrayList<>();
    for (String n : names) {
      out.add(resolve(spec, catalog, n));
    }
    return out;
  }

  static Observable resolve(SystemSpec spec, ObservableCatalog catalog, String name) {
    try {
      return catalog.resolve(name);
    } catch (IllegalArgumentException e) {
      throw new SpecException(spec.file(), "observable '" + name + "'", e.getMessage());
    }
  }

  /** One double-precision integration; holds the mutable bookkeeping of the run. */
  private static final class Run {
    private final SystemSpec spec;
    private final FlowSystem system;
    private final GradientFlow flow;
    private final Progress progress;
    private final double[] sampleTimes;
    private final IntegratorSpec is;
    private final List<String> warnings = new ArrayList<>();
    private final EventObservables watched = new EventObservables();

    Run(SystemSpec spec, FlowSystem system, Progress progress, double[] sampleTimes) {
      this.spec = spec;
      this.system = system;
      this.flow = spec.flowToIntegrate(system.flow());
      this.progress = progress;
      this.sampleTimes = sampleTimes;
      this.is = spec.integrator();
    }

    RunResult execute() {
      ObservableCatalog catalog = new ObservableCatalog(flow);
      List<EventSpec> eventSpecs = events(spec, system);
      RecordedObservables columns = new RecordedObservables(flow, recorded(spec, catalog, eventSpecs));
      double[] theta0 = system.initialState().clone();
      double[] atol = AbsoluteTolerance.resolve(
          new SpecSection(spec.file(), "integrator.atol", is.atol()), flow.layout(), theta0);
      double[] rtol = new double[atol.length];
      java.util.Arrays.fill(rtol, is.rtol());
      warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(theta0, atol, flow.layout(), 0));

      BlockedEmbeddedRungeKuttaIntegrator integrator = create(atol, rtol);
      integrator.setMaxEvaluations((int) Math.min(Integer.MAX_VALUE, is.maxEvaluations()));
      if (is.initialStep() != null) {
        integrator.setInitialStepSize(is.initialStep());
      }
      boolean keepStates = (long) sampleTimes.length * theta0.length <= STATE_BUDGET;
      Trajectory trajectory = new Trajectory(columns.columns());
      FlowEquation equation = new FlowEquation(flow);
      Recorder recorder = new Recorder(sampleTimes, columns, trajectory, keepStates, progress,
          equation::evaluations, atol, flow.layout(), warnings);
      integrator.addStepHandler(recorder);
      EventLog log = new EventLog(columns);
      AdaptableInterval maxCheck = (state, forward) -> is.eventCheckIntervalAt(state.getTime());
      for (EventSpec e : eventSpecs) {
        integrator.addEventDetector(detector(resolve(spec, catalog, e.observable()), e, maxCheck, log));
      }
      addStopConditions(integrator, catalog, maxCheck, log);

      progress.start(spec.name(), is.tEnd());
      long start = System.nanoTime();
      RunResult.Outcome outcome = RunResult.Outcome.COMPLETED;
      String reason = "reached t_end = " + is.tEnd();
      double tFinal;
      double[] thetaFinal;
      try {
        ODEStateAndDerivative end = integrator.integrate(equation, new ODEState(0.0, theta0), is.tEnd());
        tFinal = end.getTime();
        thetaFinal = end.getPrimaryState();
        if (log.stopReason() != null) {
          outcome = RunResult.Outcome.STOPPED;
          reason = log.stopReason();
        }
      } catch (NonFiniteStateException | MathIllegalStateException | MathIllegalArgumentException e) {
        outcome = RunResult.Outcome.FAILED;
        reason = failureReason(e, recorder);
        tFinal = recorder.lastTime();
        thetaFinal = recorder.lastState() != null ? recorder.lastState() : theta0;
      }
      double wall = (System.nanoTime() - start) * 1e-9;
      if (outcome != RunResult.Outcome.FAILED) {
        recorder.finishAt(tFinal, thetaFinal);
      }
      warnings.addAll(AbsoluteTolerance.blocksBelowTolerance(thetaFinal, atol, flow.layout(), tFinal));
      long evals = equation.evaluations();
      long accepted = integrator.acceptedSteps();
      long rejected = integrator.rejectedSteps();
      IntegrationStats stats = new IntegrationStats(is.method(), is.rtol(), theta0.length,
          accepted, rejected, evals, wall, 0);
      progress.finish(String.format(Locale.ROOT, "%s: %s at t = %.6g, loss %.6e, %d steps (%d rejected), %d RHS evaluations, %.3f s",
          spec.name(), outcome.name().toLowerCase(Locale.ROOT), tFinal, trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN,
          accepted, rejected, evals, wall));
      return new RunResult(spec, system, trajectory, log.finish(thetaFinal, tFinal), stats, tFinal,
          thetaFinal, null, outcome, reason, List.copyOf(new LinkedHashSet<>(warnings)));
    }

    private String failureReason(Exception e, Recorder recorder) {
      String msg = e.getMessage();
      if (e instanceof MathIllegalStateException) {
        return "evaluation budget exhausted (integrator.maxEvaluations = " + is.maxEvaluations()
            + ") at t = " + recorder.lastTime() + ": " + msg;
      }
      if (e instanceof MathIllegalArgumentException) {
        return "step size underflow at t = " + recorder.lastTime() + ": " + msg;
      }
      return msg;
    }

    private BlockedEmbeddedRungeKuttaIntegrator create(double[] atol, double[] rtol) {
      double minStep = is.tEnd() * 1e-15;
      double maxStep = is.maxStep() != null ? is.maxStep() : is.tEnd();
      return DormandPrinceIntegrators.create(is.method(), minStep, maxStep, atol, rtol);
    }

    private ThresholdDetector detector(Observable o, EventSpec e, AdaptableInterval maxCheck, EventLog log) {
      return new ThresholdDetector(watched, watched.watch(o), e.threshold(), maxCheck, 200,
          new BracketingNthOrderBrentSolver(EVENT_TIME_ACCURACY, EVENT_TIME_ACCURACY * is.tEnd(), 0, 5),
          (s, det, increasing) -> log.crossing(e, s, increasing));
    }

    private void addStopConditions(AdaptiveStepsizeIntegrator integrator, ObservableCatalog catalog,
        AdaptableInterval maxCheck, EventLog log) {
      if (is.stopLossBelow() != null) {
        EventSpec stop = EventSpec.of("stop: loss below", "loss", is.stopLossBelow(), EventSpec.Direction.DOWN, true,
            "integrator.stopLossBelow");
        integrator.addEventDetector(detector(catalog.resolve("loss"), stop, maxCheck, log));
      }
      if (is.stopGradientNormBelow() != null) {
        EventSpec stop = EventSpec.of("stop: gradNorm below", "gradNorm", is.stopGradientNormBelow(),
            EventSpec.Direction.DOWN, true, "integrator.stopGradientNormBelow");
        integrator.addEventDetector(detector(catalog.resolve("gradNorm"), stop, maxCheck, log));
      }
    }
  }

  /** Collects located crossings; decides persistence once the run is over. */
  static final class EventLog {
    private final RecordedObservables columns;
    private final List<EventRecord> records = new ArrayList<>();
    private final List<EventSpec> specs = new ArrayList<>();
    private String stopReason;

    EventLog(RecordedObservables columns) {
      this.columns = columns;
    }

    Action crossing(EventSpec e, ODEStateAndDerivative s, boolean increasing) {
      EventSpec.Direction d = e.directionKind();
      if ((d == EventSpec.Direction.UP && !increasing) || (d == EventSpec.Direction.DOWN && increasing)) {
        return Action.CONTINUE;
      }
      double[] theta = s.getPrimaryState();
      records.add(new EventRecord(e.name(), e.observable(), e.threshold(), increasing, s.getTime(),
          columns.values(s.getTime(), theta), theta.clone(), e.terminal(), false));
      specs.add(e);
      if (e.terminal()) {
        stopReason = "terminal event '" + e.name() + "' at t = " + s.getTime();
        return Action.STOP;
      }
      return Action.CONTINUE;
    }

    String stopReason() {
      return stopReason;
    }

    /** A crossing persisted if the observable is still on the crossed side at the end. */
    List<EventRecord> finish(double[] thetaEnd, double tEnd) {
      if (records.isEmpty()) {
        return List.of();
      }
      var finalValues = columns.values(tEnd, thetaEnd);
      List<EventRecord> out = new ArrayList<>();
      for (EventRecord r : records) {
        out.add(r.settledBy(finalValues));
      }
      return out;
    }
  }
}
