package org.gradflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.integrate.EventRecord;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.IntegratorSpec;
import org.gradflow.spec.SystemSpec;

/**
 * Full-batch gradient descent θ_{k+1} = θ_k − η∇L(θ_k) on a system's own {@link GradientFlow}:
 * one gradient evaluation per step into a preallocated buffer, no allocation per step.
 *
 * <p>Recording, events and stop conditions mirror a flow run: the same columns at the recorded
 * steps (time k·η); the events of the spec and the system evaluated on every iterate, a crossing
 * between steps k−1 and k reported at η·(k − 1 + g_{k−1}/(g_{k−1} − g_k)), the linear
 * interpolation of the event function g = observable − threshold; the spec's stopLossBelow and
 * stopGradientNormBelow as terminal events. A non-finite loss or gradient ends the run as FAILED
 * with what was recorded so far.
 */
public final class GdRunner {

  /** Receives every recorded iterate (e.g. to compare it with a flow without storing it). */
  @FunctionalInterface
  public interface RecordListener {
    void recorded(long step, double[] theta, double[] row);
  }

  private GdRunner() {}

  public static GdResult run(SystemSpec spec, FlowSystem system, GdSettings settings, Progress progress,
      RecordListener listener) {
    return new Run(spec, system, settings, progress, listener).execute();
  }

  /** The events GD watches: the system's and the spec's, then the stop conditions. */
  static List<EventSpec> watchedEvents(SystemSpec spec, FlowSystem system) {
    List<EventSpec> all = new ArrayList<>(GdColumns.events(spec, system));
    IntegratorSpec is = spec.integrator();
    if (is.stopLossBelow() != null) {
      all.add(EventSpec.of("stop: loss below", "loss", is.stopLossBelow(), EventSpec.Direction.DOWN, true,
          "integrator.stopLossBelow"));
    }
    if (is.stopGradientNormBelow() != null) {
      all.add(EventSpec.of("stop: gradNorm below", "gradNorm", is.stopGradientNormBelow(),
          EventSpec.Direction.DOWN, true, "integrator.stopGradientNormBelow"));
    }
    return all;
  }

  private static final class Run {
    private final SystemSpec spec;
    private final GradientFlow flow;
    private final GdSettings settings;
    private final Progress progress;
    private final RecordListener listener;
    private final GdColumns columns;
    private final List<EventSpec> events;
    private final Observable[] watched;
    private final double[] previousG;
    /** Strided events: θ of the steps since the last check (index = step − lastCheck). */
    private final double[][] history;
    private final double[] scratchGrad;
    private long lastCheck;
    private final List<EventRecord> records = new ArrayList<>();
    private final double[] theta;
    private final double[] previous;
    private final double[] negGrad;
    private final Trajectory trajectory;
    private final List<Long> rowSteps = new ArrayList<>();
    private String stopReason;

    Run(SystemSpec spec, FlowSystem system, GdSettings settings, Progress progress, RecordListener listener) {
      this.spec = spec;
      this.flow = spec.flowToIntegrate(system.flow());
      this.settings = settings;
      this.progress = progress;
      this.listener = listener;
      this.events = watchedEvents(spec, system);
      this.columns = new GdColumns(spec, flow, GdColumns.events(spec, system));
      this.watched = new Observable[events.size()];
      for (int i = 0; i < watched.length; i++) {
        String name = events.get(i).observable();
        watched[i] = name.equals("loss") || name.equals("gradNorm") ? null : columns.resolve(spec, name);
      }
      this.previousG = new double[events.size()];
      boolean strided = settings.eventStride() > 1 && java.util.Arrays.stream(watched).anyMatch(o -> o != null);
      this.history = strided ? new double[settings.eventStride() + 1][] : null;
      this.scratchGrad = new double[system.initialState().length];
      this.theta = system.initialState().clone();
      this.previous = new double[theta.length];
      this.negGrad = new double[theta.length];
      this.trajectory = new Trajectory(columns.names());
    }

    GdResult execute() {
      double eta = settings.learningRate();
      long[] record = settings.recordSteps();
      int nextRecord = 0;
      long k = 0;
      long evaluations = 0;
      RunResult.Outcome outcome = RunResult.Outcome.COMPLETED;
      String reason = "completed " + settings.steps() + " steps (t = " + settings.endTime() + ")";
      progress.start(spec.name() + " (GD, lr " + eta + ")", settings.endTime());
      long start = System.nanoTime();
      boolean recordedLast = false;
      while (true) {
        double loss = flow.negativeGradient(theta, negGrad);
        evaluations++;
        String bad = nonFinite(loss);
        if (bad != null) {
          outcome = RunResult.Outcome.FAILED;
          reason = bad + " at step " + k + " (t = " + k * eta + ")";
          break;
        }
        while (nextRecord < record.length && record[nextRecord] < k) {
          nextRecord++;
        }
        recordedLast = nextRecord < record.length && record[nextRecord] == k;
        if (recordedLast) {
          record(k, loss);
        }
        if (!events.isEmpty()) {
          watch(k, loss);
        }
        progress.update(k * eta, loss, k, evaluations);
        if (stopReason != null) {
          outcome = RunResult.Outcome.STOPPED;
          reason = stopReason;
          if (!recordedLast) {
            record(k, loss);
            recordedLast = true;
          }
          break;
        }
        if (k == settings.steps()) {
          break;
        }
        System.arraycopy(theta, 0, previous, 0, theta.length);
        for (int i = 0; i < theta.length; i++) {
          theta[i] += eta * negGrad[i];
        }
        k++;
      }
      double wall = (System.nanoTime() - start) * 1e-9;
      long finalStep = outcome == RunResult.Outcome.FAILED ? Math.max(0, k - 1) : k;
      List<EventRecord> evs = persisted(outcome == RunResult.Outcome.FAILED ? null : theta.clone(), k * eta);
      progress.finish(String.format(Locale.ROOT, "%s GD: %s at step %d (t = %.6g), loss %.6e, %.3f s",
          spec.name(), outcome.name().toLowerCase(Locale.ROOT), finalStep, finalStep * eta,
          trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN, wall));
      return new GdResult(settings, trajectory, rowSteps.stream().mapToLong(Long::longValue).toArray(),
          evs, finalStep, outcome == RunResult.Outcome.FAILED ? previous.clone() : theta.clone(),
          evaluations, wall, outcome, reason);
    }

    private String nonFinite(double loss) {
      if (!Double.isFinite(loss)) {
        return "non-finite loss " + loss;
      }
      for (int i = 0; i < negGrad.length; i++) {
        if (!Double.isFinite(negGrad[i])) {
          return "non-finite gradient component " + flow.layout().describe(i) + " = " + negGrad[i];
        }
      }
      return null;
    }

    private void record(long k, double loss) {
      double[] row = columns.row(k * settings.learningRate(), loss, theta, negGrad);
      trajectory.add(row, null);
      rowSteps.add(k);
      if (listener != null) {
        listener.recorded(k, theta, row);
      }
    }

    private double value(int i, double loss) {
      String name = events.get(i).observable();
      if (name.equals("loss")) {
        return loss;
      }
      if (name.equals("gradNorm")) {
        return GdColumns.norm(negGrad);
      }
      return watched[i].value(theta, negGrad);
    }

    /**
     * Checks the events for a crossing since the last check: loss and gradNorm events (free) at
     * every step, the others every step or, with an event stride, every stride steps, locating a
     * sign change on the stored iterates in between.
     */
    private void watch(long k, double loss) {
      boolean strided = history != null;
      if (strided) {
        int slot = (int) (k - lastCheck);
        if (history[slot] == null) {
          history[slot] = new double[theta.length];
        }
        System.arraycopy(theta, 0, history[slot], 0, theta.length);
      }
      for (int i = 0; i < events.size(); i++) {
        if (!strided || watched[i] == null) {
          double g = value(i, loss) - events.get(i).threshold();
          if (k > 0) {
            crossed(i, previousG[i], g, k, previous, theta);
          }
          previousG[i] = g;
        }
      }
      if (strided && (k % settings.eventStride() == 0 || k == settings.steps() || stopReason != null)) {
        for (int i = 0; i < events.size(); i++) {
          if (watched[i] != null) {
            double g = value(i, loss) - events.get(i).threshold();
            if (k > 0 && changes(i, previousG[i], g)) {
              locate(i, k);
            }
            previousG[i] = g;
          }
        }
        System.arraycopy(theta, 0, history[0], 0, theta.length);
        lastCheck = k;
      }
    }

    private boolean changes(int i, double g0, double g) {
      boolean up = g0 < 0 && g >= 0;
      boolean down = g0 > 0 && g <= 0;
      EventSpec.Direction d = events.get(i).directionKind();
      return (up && d != EventSpec.Direction.DOWN) || (down && d != EventSpec.Direction.UP);
    }

    /** Records a crossing of event i between iterates k−1 (g0, before) and k (g, after), if any. */
    private boolean crossed(int i, double g0, double g, long k, double[] before, double[] after) {
      if (!changes(i, g0, g)) {
        return false;
      }
      crossing(events.get(i), k, g0 / (g0 - g), g0 < 0, before, after);
      return true;
    }

    /** A sign change of event i between lastCheck and k: find the step pair on the stored iterates. */
    private void locate(int i, long k) {
      double g0 = previousG[i];
      for (long step = lastCheck + 1; step <= k; step++) {
        double[] state = history[(int) (step - lastCheck)];
        double g;
        if (step == k) {
          g = watched[i].value(theta, negGrad) - events.get(i).threshold();
        } else {
          flow.negativeGradient(state, scratchGrad);
          g = watched[i].value(state, scratchGrad) - events.get(i).threshold();
        }
        if (crossed(i, g0, g, step, history[(int) (step - 1 - lastCheck)], state)) {
          return;
        }
        g0 = g;
      }
    }

    private void crossing(EventSpec e, long k, double fraction, boolean increasing, double[] before, double[] after) {
      double t = settings.learningRate() * (k - 1 + fraction);
      double[] state = new double[theta.length];
      for (int j = 0; j < state.length; j++) {
        state[j] = before[j] + fraction * (after[j] - before[j]);
      }
      double[] row = columns.rowAt(t, state);
      records.add(new EventRecord(e.name(), e.observable(), e.threshold(), increasing, t,
          columns.values(row), state, e.terminal(), false));
      if (e.terminal() && stopReason == null) {
        stopReason = "terminal event '" + e.name() + "' at t = " + t + " (between steps " + (k - 1) + " and " + k + ")";
      }
    }

    /** A crossing persisted if the observable is still on the crossed side at the last iterate. */
    private List<EventRecord> persisted(double[] thetaEnd, double tEnd) {
      if (records.isEmpty() || thetaEnd == null) {
        return List.copyOf(records);
      }
      var finalValues = columns.values(columns.rowAt(tEnd, thetaEnd));
      List<EventRecord> out = new ArrayList<>();
      for (EventRecord r : records) {
        out.add(r.settledBy(finalValues));
      }
      return out;
    }
  }
}
