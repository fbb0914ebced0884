package org.gradflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SystemSpec;

/**
 * One {@code compare-gd} session, without I/O: the flow (and optionally the modified flow) sampled
 * at every recorded GD time, GD itself (or an imported run) compared with them on the fly, and
 * optionally the order check. Works on any system: it only uses the system's GradientFlow.
 */
public final class CompareGd {
  /** Doubles of flow states kept per reference run (≈ 64 MB); the record set is thinned to fit. */
  static final long STATE_BUDGET = 8_000_000L;

  /** What to do besides the plain GD-vs-flow comparison. */
  public record Options(boolean modified, int orderHalvings, long orderSteps, ImportedRun imported) {
    public static Options plain() {
      return new Options(false, 0, 0, null);
    }
  }

  /**
   * Everything the session produced. {@code gd} is null for imported runs; {@code gdEvents} are
   * GD's events, or those located on the imported snapshots. {@code orderFailure} says why an
   * order check asked for has no result (null when it has one, or none was asked for).
   */
  public record Result(SystemSpec spec, FlowSystem system, GdSettings settings, RunResult flow, RunResult modified,
      GdResult gd, ImportedRun imported, List<EventRecord> gdEvents, List<Comparison> comparisons,
      LossCurveComparison lossCurve, OrderCheck.OrderResult order, String hvpMethod, double hvpErrorEstimate,
      List<String> notes, String orderFailure) {}

  private CompareGd() {}

  public static Result run(SystemSpec spec, FlowSystem system, GdSettings requested, Options options, Progress progress) {
    List<String> notes = new ArrayList<>();
    int dim = system.flow().layout().dimension();
    int maxRecords = (int) Math.max(2, Math.min(Integer.MAX_VALUE, STATE_BUDGET / dim));
    GdSettings settings = requested;
    ImportedRun imported = options.imported();
    if (imported != null) {
      settings = new GdSettings(requested.learningRate(), imported.steps()[imported.steps().length - 1],
          imported.steps(), requested.eventStride());
    } else if (requested.recordSteps().length > maxRecords) {
      settings = requested.withRecordSteps(GdSettings.thin(requested.recordSteps(), maxRecords));
      notes.add(String.format(Locale.ROOT, "recorded steps thinned from %d to %d so that the flow states fit in %d doubles",
          requested.recordSteps().length, settings.recordSteps().length, STATE_BUDGET));
    }
    if (imported != null && imported.hasStates() && imported.steps().length > maxRecords) {
      throw new IllegalArgumentException("the import has " + imported.steps().length + " snapshots of dimension " + dim
          + "; at most " + maxRecords + " fit the state budget: import fewer snapshots");
    }
    double[] times = timesOf(settings, imported);
    RunResult flow = ReferenceRuns.run(spec, system, times, progress);
    RunResult modified = null;
    String hvpMethod = null;
    double hvpError = Double.NaN;
    if (options.modified()) {
      FlowSystem mod = ReferenceRuns.modified(system, settings.learningRate());
      HessianVectorProduct hvp = ((ModifiedFlow) mod.flow()).hvp();
      hvpMethod = hvp.hvpMethod();
      hvpError = hvpErrorAtStart(system, hvp);
      modified = ReferenceRuns.run(spec, mod, times, progress);
    }
    List<Comparison> comparisons = new ArrayList<>();
    comparisons.add(new Comparison("flow", spec, system, flow));
    if (modified != null) {
      comparisons.add(new Comparison("modified", spec, system, modified));
    }
    GdResult gd = null;
    LossCurveComparison lossCurve = null;
    List<EventRecord> gdEvents = List.of();
    if (imported == null) {
      gd = GdRunner.run(spec, system, settings, progress, (k, theta, row) -> {
        for (Comparison c : comparisons) {
          c.add(k, theta, row);
        }
      });
    } else if (imported.hasStates()) {
      GdColumns columns = new GdColumns(spec, system.flow(), GdColumns.events(spec, system));
      for (int j = 0; j < imported.steps().length; j++) {
        double[] row = columns.rowAt(imported.steps()[j] * settings.learningRate(), imported.states()[j]);
        for (Comparison c : comparisons) {
          c.add(imported.steps()[j], imported.states()[j], row);
        }
      }
      startNote(imported, system, notes);
      gdEvents = SnapshotEvents.locate(spec, system, imported, settings.learningRate());
      if (!gdEvents.isEmpty()) {
        notes.add("events of the import are located on its snapshots (linear interpolation between snapshots "
            + "up to " + maxGap(imported.steps()) + " steps apart)");
      }
    } else {
      comparisons.clear();
      lossCurve = new LossCurveComparison(imported, settings.learningRate(), flow);
    }
    if (flow.outcome() != RunResult.Outcome.COMPLETED) {
      notes.add("flow run " + flow.outcome().name().toLowerCase(Locale.ROOT) + ": " + flow.reason()
          + "; GD steps after t = " + flow.finalTime() + " are not compared");
    }
    OrderCheck.OrderResult order = null;
    String orderFailure = null;
    if (options.orderHalvings() > 0) {
      long k0 = options.orderSteps() > 0 ? options.orderSteps() : settings.steps();
      try {
        order = OrderCheck.run(spec, system, settings.learningRate(), k0, options.orderHalvings(), true, progress);
      } catch (OrderCheck.Incomplete e) {
        orderFailure = e.getMessage();
        notes.add("order check not completed: " + orderFailure);
      }
    }
    if (gd != null) {
      gdEvents = gd.events();
    }
    return new Result(spec, system, settings, flow, modified, gd, imported, gdEvents, comparisons, lossCurve, order,
        hvpMethod, hvpError, notes, orderFailure);
  }

  private static long maxGap(long[] steps) {
    long m = 0;
    for (int i = 1; i < steps.length; i++) {
      m = Math.max(m, steps[i] - steps[i - 1]);
    }
    return m;
  }

  private static double[] timesOf(GdSettings settings, ImportedRun imported) {
    long[] steps = imported != null ? imported.steps() : settings.recordSteps();
    double[] t = new double[steps.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = steps[i] * settings.learningRate();
    }
    if (t[0] != 0.0) {
      // the engine's sample grid starts at 0 (the initial state); keep the first sample there
      double[] with0 = new double[t.length + 1];
      System.arraycopy(t, 0, with0, 1, t.length);
      return with0;
    }
    return t;
  }

  /** Relative error estimate of a difference HVP at (θ0, ∇L(θ0)); NaN for analytic products. */
  static double hvpErrorAtStart(FlowSystem system, HessianVectorProduct hvp) {
    if (!(hvp instanceof CentralDifferenceHvp cd)) {
      return Double.NaN;
    }
    double[] theta = system.initialState();
    double[] g = new double[theta.length];
    system.flow().negativeGradient(theta, g);
    return cd.estimateRelativeError(theta, g);
  }

  private static void startNote(ImportedRun imported, FlowSystem system, List<String> notes) {
    if (imported.steps()[0] != 0) {
      notes.add("the import has no step 0: its start cannot be checked against the system's initial state");
      return;
    }
    double[] theta0 = system.initialState();
    double d = OrderCheck.distance(imported.states()[0], theta0);
    double size = OrderCheck.distance(theta0, new double[theta0.length]);
    String advice = d > 1e-6 * size
        ? ": the flow starts from the system's θ0, not from the import (use --start-from-import)" : "";
    notes.add(String.format(Locale.ROOT,
        "imported step 0 differs from the system's initial state by %.3e (|θ0| = %.3e)%s", d, size, advice));
  }
}
