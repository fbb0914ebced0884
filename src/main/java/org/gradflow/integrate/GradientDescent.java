package org.gradflow.integrate;

import java.util.List;
import org.gradflow.core.GradientFlow;

/**
 * The GD path of {@link Solver}: full-batch gradient descent θ_{k+1} = θ_k − η∇L(θ_k) on the
 * flow, iterate k at time t0 + k·η, one gradient evaluation per step into a preallocated buffer.
 *
 * <p>Recording and events are the flow run's ({@link RunBook}, {@link EventLog}): iterates are
 * saved where a save time falls on them; events are evaluated on every iterate, a crossing
 * between iterates k−1 and k reported at t0 + η·(k − 1 + g_{k−1}/(g_{k−1} − g_k)), the linear
 * interpolation of g = observable − threshold, at the linearly interpolated state; with an event
 * stride, observables other than loss and gradNorm are checked every stride iterates and a sign
 * change located on the stored iterates in between. A non-finite loss or gradient ends the run
 * as FAILED with the last finite iterate.
 */
final class GradientDescent {
  /**
   * Steps between checks that θ, the loss and −∇L are finite when no iterate in between is
   * recorded or watched. The loss is checked every step. A gradient component that is NaN or
   * ±∞ leaves θ non-finite from the next iterate on (θ + η·NaN = NaN, ∞ + finite = ∞), so a
   * finite θ at a check clears every gradient since the previous check; a non-finite one
   * replays the steps since it, checking each, and the run fails at the same step, with the same
   * reason and last finite iterate as checking every step would (the replayed gradient
   * evaluations are counted). A check every step (a scalar pass that stops at the first bad
   * component, so the JIT cannot vectorize it) took 8 % of the samples of 30 000 steps on the
   * 57 344-parameter co-occurrence instance.
   */
  static final int CHECK_INTERVAL = 64;

  private final GradientFlow flow;
  private final SolveOptions options;
  private final List<Event> events;
  private final RunBook book;
  private final double eta;
  private final long steps;
  /** Whether event i is loss or gradNorm (known at every iterate for free). */
  private final boolean[] free;
  private final double[] previousG;
  /** Strided events: θ of the iterates since the last check (index = k − lastCheck). */
  private final double[][] history;
  private final double[] scratchGrad;
  private final double[] negGrad;
  /** The iterate θ_k and θ_{k−1} (after a failure at k: the last finite iterate). */
  private double[] theta;
  private double[] previous;
  /** θ at the last step whose θ, loss and gradient were checked finite (see {@link #CHECK_INTERVAL}). */
  private final double[] checkpoint;
  private long lastCheck;

  private GradientDescent(GradientFlow flow, double[] theta0, SolveOptions options, List<Event> events,
      SaveAt saveAt, Progress progress) {
    this.flow = flow;
    this.options = options;
    this.events = events;
    this.eta = options.learningRate();
    if (!(eta > 0)) {
      throw new IllegalArgumentException("GD needs a positive learning rate, got " + eta);
    }
    this.steps = Math.round((options.t1() - options.t0()) / eta);
    this.book = new RunBook(flow, theta0, options, saveAt, progress);
    this.free = new boolean[events.size()];
    boolean anyWatched = false;
    for (int i = 0; i < free.length; i++) {
      String name = events.get(i).observable().name();
      free[i] = name.equals("loss") || name.equals("gradNorm");
      anyWatched |= !free[i];
    }
    this.previousG = new double[events.size()];
    this.history = options.eventStride() > 1 && anyWatched ? new double[options.eventStride() + 1][] : null;
    this.scratchGrad = new double[theta0.length];
    this.theta = theta0.clone();
    this.previous = theta0.clone();
    this.checkpoint = theta0.clone();
    this.negGrad = new double[theta0.length];
  }

  static Solution solve(GradientFlow flow, double[] theta0, SolveOptions options, List<Event> events, SaveAt saveAt,
      Progress progress) {
    return new GradientDescent(flow, theta0, options, events, saveAt, progress).execute();
  }

  private double time(double k) {
    return options.t0() + k * eta;
  }

  private Solution execute() {
    double[] times = book.times();
    long[] record = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      record[i] = Math.round((times[i] - options.t0()) / eta);
    }
    int nextRecord = 0;
    long k = 0;
    long evaluations = 0;
    Outcome outcome = Outcome.COMPLETED;
    String reason = "completed " + steps + " steps (t = " + time(steps) + ")";
    boolean recordedLast = false;
    // events read every iterate's gradient: they check it every step, as a replay does
    boolean strict = !events.isEmpty();
    long checked = 0;
    while (true) {
      double loss = flow.negativeGradient(theta, negGrad);
      evaluations++;
      while (nextRecord < record.length && record[nextRecord] < k) {
        nextRecord++;
      }
      recordedLast = nextRecord < record.length && record[nextRecord] == k;
      if (strict || recordedLast || k == steps || k - checked >= CHECK_INTERVAL || !Double.isFinite(loss)) {
        if (!strict && k > checked && !allFinite(theta)) {
          // a non-finite gradient since the checkpoint: replay from there, checking every step
          System.arraycopy(checkpoint, 0, theta, 0, theta.length);
          k = checked;
          strict = true;
          continue;
        }
        String bad = nonFinite(loss);
        if (bad != null) {
          outcome = Outcome.FAILED;
          reason = bad + " at step " + k + " (t = " + time(k) + ")";
          break;
        }
        if (!strict) {
          System.arraycopy(theta, 0, checkpoint, 0, theta.length);
          checked = k;
        }
      }
      if (recordedLast) {
        book.sampleIterate(time(k), loss, theta, negGrad);
      }
      if (!events.isEmpty()) {
        watch(k, loss);
      }
      book.accepted(time(k), theta, evaluations);
      if (book.log.stopReason() != null) {
        outcome = Outcome.STOPPED;
        reason = book.log.stopReason();
        if (!recordedLast) {
          book.sampleIterate(time(k), loss, theta, negGrad);
        }
        break;
      }
      if (k == steps) {
        break;
      }
      step();
      k++;
    }
    boolean failed = outcome == Outcome.FAILED;
    long finalStep = failed ? Math.max(0, k - 1) : k;
    IntegrationStats stats = new IntegrationStats("GD lr " + eta, 0.0, theta.length, finalStep, 0, evaluations,
        book.wallSeconds(), 0);
    return book.finish(outcome, failed ? Failure.NON_FINITE : null, reason, time(finalStep),
        failed ? previous.clone() : theta.clone(), null, stats, " (GD step " + finalStep + ")");
  }

  /** θ ← θ + η·(−∇L), the old θ kept as {@code previous} (the buffers swap: no copy). */
  private void step() {
    double[] next = previous;
    for (int i = 0; i < next.length; i++) {
      next[i] = theta[i] + eta * negGrad[i];
    }
    previous = theta;
    theta = next;
  }

  private static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
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

  private double g(int i, double[] state, double loss, double[] grad) {
    Event e = events.get(i);
    String name = e.observable().name();
    double v = name.equals("loss") ? loss
        : name.equals("gradNorm") ? ObservableCatalog.norm(grad) : e.observable().value(state, grad);
    return v - e.threshold();
  }

  /**
   * Checks the events for a crossing since the last check: loss and gradNorm events (free) at
   * every iterate, the others every iterate or, with an event stride, every stride iterates.
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
      if (!strided || free[i]) {
        double g = g(i, theta, loss, negGrad);
        if (k > 0) {
          crossed(i, previousG[i], g, k, previous, theta);
        }
        previousG[i] = g;
      }
    }
    if (strided && (k % options.eventStride() == 0 || k == steps || book.log.stopReason() != null)) {
      for (int i = 0; i < events.size(); i++) {
        if (!free[i]) {
          double g = g(i, theta, loss, negGrad);
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
    return (up || down) && events.get(i).direction().accepts(up);
  }

  /** Records a crossing of event i between iterates k−1 (g0, before) and k (g, after), if any. */
  private boolean crossed(int i, double g0, double g, long k, double[] before, double[] after) {
    if (!changes(i, g0, g)) {
      return false;
    }
    double fraction = g0 / (g0 - g);
    double[] state = new double[theta.length];
    for (int j = 0; j < state.length; j++) {
      state[j] = before[j] + fraction * (after[j] - before[j]);
    }
    book.log.crossing(events.get(i), time(k - 1 + fraction), state, g0 < 0,
        " (between steps " + (k - 1) + " and " + k + ")");
    return true;
  }

  /** A sign change of event i between lastCheck and k: find the step pair on the stored iterates. */
  private void locate(int i, long k) {
    double g0 = previousG[i];
    for (long step = lastCheck + 1; step <= k; step++) {
      double[] state = history[(int) (step - lastCheck)];
      double g;
      if (step == k) {
        g = g(i, theta, Double.NaN, negGrad);
      } else {
        flow.negativeGradient(state, scratchGrad);
        g = g(i, state, Double.NaN, scratchGrad);
      }
      if (crossed(i, g0, g, step, history[(int) (step - 1 - lastCheck)], state)) {
        return;
      }
      g0 = g;
    }
  }
}
