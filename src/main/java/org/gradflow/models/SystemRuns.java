package org.gradflow.models;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.integrate.Event;
import org.gradflow.integrate.Method;
import org.gradflow.integrate.ObservableCatalog;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.SaveAt;
import org.gradflow.integrate.Solution;
import org.gradflow.integrate.SolveOptions;
import org.gradflow.integrate.Solver;
import org.gradflow.spec.AtolSection;
import org.gradflow.spec.DecimalState;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.IntegratorSpec;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * The spec layer of a run: translates a system's spec once into the engine's typed
 * {@link SolveOptions}, {@link Event}s and {@link SaveAt}, calls {@link Solver#solve}, and pairs
 * the {@link Solution} with the spec and system. Callers that need a different span or grid
 * (GD reference runs, continuations) adjust the options, never the JSON.
 */
public final class SystemRuns {
  private SystemRuns() {}

  /** Runs a system as its spec says. */
  public static RunResult run(SystemSpec spec, FlowSystem system, Progress progress) {
    SolveOptions options = options(spec, system);
    return run(spec, system, options, spec.integrator().grid().sampleTimes(options.t0(), options.t1()), progress);
  }

  /** Runs a system with the given options (from {@link #options}, adjusted), sampled at {@code times}. */
  public static RunResult run(SystemSpec spec, FlowSystem system, SolveOptions options, double[] times,
      Progress progress) {
    return run(spec, system, options, times, progress, null);
  }

  /** As {@link #run(SystemSpec, FlowSystem, SolveOptions, double[], Progress)}, each sample also handed to a listener. */
  public static RunResult run(SystemSpec spec, FlowSystem system, SolveOptions options, double[] times,
      Progress progress, SaveAt.Listener listenerOrNull) {
    GradientFlow flow = spec.flowToIntegrate(system.flow());
    ObservableCatalog catalog = new ObservableCatalog(flow);
    // columns first: resolving a spectral observable adds it to the catalog's defaults
    List<Observable> columns = recorded(spec, catalog, eventSpecs(spec, system));
    List<Event> events = events(spec, system, catalog);
    SaveAt saveAt = new SaveAt(times, columns,
        spec.integrator().grid().logFrom(options.t1()), listenerOrNull);
    Solution s = Solver.solve(flow, system.initialState(), options, events, saveAt, progress);
    return new RunResult(spec, system, options, s);
  }

  /** The spec's integrator block as engine options, tolerances resolved per block. */
  public static SolveOptions options(SystemSpec spec, FlowSystem system) {
    IntegratorSpec is = spec.integrator();
    double[] atol = AtolSection.resolve(new SpecSection(spec.file(), "integrator.atol", is.atol()),
        system.flow().layout(), system.initialState());
    SolveOptions o = SolveOptions.of(atol.length, is.tEnd())
        .withSpan(is.tStart(), is.tEnd())
        .withMethod(Method.parse(is.method()))
        .withRtol(is.rtol())
        .withAtol(atol)
        .withMaxEvaluations(is.maxEvaluations())
        .withInitialStep(is.initialStep())
        .withMaxStep(is.maxStep())
        .withEventCheck(is.eventCheckInterval(), is.eventCheckFraction())
        .withLabel(spec.name());
    return is.highPrecision()
        ? o.withDigits(is.digits(), is.eventDigits() != null ? is.eventDigits() : 0)
            .withDecimalStart(DecimalState.initial(spec, system.flow().layout(), system.initialState()))
        : o;
  }

  /** The events of a run: the system's built-in ones, the spec's, then the stop conditions. */
  public static List<Event> events(SystemSpec spec, FlowSystem system, ObservableCatalog catalog) {
    List<Event> out = new ArrayList<>();
    for (EventSpec e : eventSpecs(spec, system)) {
      out.add(new Event(e.name(), resolve(spec, catalog, e.observable()), e.threshold(), e.directionKind(),
          e.terminal()));
    }
    IntegratorSpec is = spec.integrator();
    if (is.stopLossBelow() != null) {
      out.add(Event.stopBelow(catalog.resolve("loss"), is.stopLossBelow()));
    }
    if (is.stopGradientNormBelow() != null) {
      out.add(Event.stopBelow(catalog.resolve("gradNorm"), is.stopGradientNormBelow()));
    }
    return out;
  }

  private static List<EventSpec> eventSpecs(SystemSpec spec, FlowSystem system) {
    List<EventSpec> specs = new ArrayList<>(system.builtinEvents());
    specs.addAll(spec.events());
    return specs;
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
}
