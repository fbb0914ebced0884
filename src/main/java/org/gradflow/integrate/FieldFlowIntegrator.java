package org.gradflow.integrate;

import java.math.BigDecimal;
import java.util.List;
import org.gradflow.core.FieldDecimal;
import org.gradflow.core.GradientFlow;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.CalculusFieldUnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.FieldBracketingNthOrderBrentSolver;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEState;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.FieldAdaptableInterval;
import org.hipparchus.ode.events.FieldODEEventDetector;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaFieldIntegrator;
import org.hipparchus.ode.sampling.FieldODEStateInterpolator;
import org.hipparchus.ode.sampling.FieldODEStepHandler;
import org.hipparchus.util.MathArrays;

/**
 * The high-precision path of {@link Solver}: the same flow over Hipparchus {@link Dfp} with
 * {@code digits} decimal digits, integrated by Hipparchus's field DP853 with field Butcher
 * coefficients and with its error estimate summed in the field ({@link ExactErrorDormandPrince853});
 * either one left in double caps the accuracy near 16 digits. Events and stop conditions are
 * located by Hipparchus's field event search ({@link FieldThresholdDetector}) to double accuracy,
 * then refined by a field Brent solver on the step's dense output to
 * {@link SolveOptions#eventDigits()} digits. Samples keep θ's
 * decimal digits next to the double columns, event records their decimal time.
 */
final class FieldFlowIntegrator {
  private FieldFlowIntegrator() {}

  static Solution solve(GradientFlow flow, double[] theta0d, SolveOptions options, List<Event> events, SaveAt saveAt,
      Progress progress) {
    DfpField field = new DfpField(options.digits());
    BigDecimal[] decimals = options.decimalStart();
    if (decimals != null && decimals.length != theta0d.length) {
      throw new IllegalArgumentException("decimal θ0 has " + decimals.length + " components, θ0 " + theta0d.length);
    }
    Dfp[] theta0 = MathArrays.buildArray(field, theta0d.length);
    for (int i = 0; i < theta0.length; i++) {
      theta0[i] = decimals != null ? FieldDecimal.of(field, decimals[i]) : field.newDfp(theta0d[i]);
    }
    RunBook book = new RunBook(flow, theta0d, options, saveAt, progress);
    double[] atol = options.atol();
    double[] rtol = new double[atol.length];
    java.util.Arrays.fill(rtol, options.rtol());
    EmbeddedRungeKuttaFieldIntegrator<Dfp> integrator = create(field, options, atol, rtol);
    integrator.setMaxEvaluations((int) Math.min(Integer.MAX_VALUE, options.maxEvaluations()));
    FieldFlowEquation<Dfp> equation = new FieldFlowEquation<>(flow, field);
    Dfp[][] last = new Dfp[1][];
    Sampler sampler = new Sampler(book, equation, last);
    integrator.addStepHandler(sampler);
    // Hipparchus's field event search tracks progress in double (see UlpBracketingSolver): it
    // locates to double accuracy, and each crossing is then refined on the step's field dense
    // output to the stated digits.
    Dfp coarse = field.newDfp("1e-14");
    Dfp fine = field.newDfp("1e-" + options.eventDigits());
    FieldBracketingNthOrderBrentSolver<Dfp> refiner =
        new FieldBracketingNthOrderBrentSolver<>(fine, fine.multiply(options.t1()), field.getZero(), 5);
    FieldAdaptableInterval<Dfp> maxCheck =
        (s, forward) -> options.eventCheckIntervalAt(FieldDecimal.toDouble(s.getTime()));
    RoundedFieldState rounded = new RoundedFieldState();
    for (Event e : events) {
      Dfp threshold = FieldDecimal.of(field, BigDecimal.valueOf(e.threshold()));
      integrator.addEventDetector(new FieldThresholdDetector(e, threshold, rounded, maxCheck, 200,
          new UlpBracketingSolver<>(
              new FieldBracketingNthOrderBrentSolver<>(coarse, coarse.multiply(options.t1()), field.getZero(), 5)),
          (s, det, increasing) -> {
            if (!e.direction().accepts(increasing)) {
              return Action.CONTINUE;
            }
            Dfp t = refine(det, sampler.interpolator, s.getTime(), refiner);
            double[] state = RoundedFieldState.toDouble(sampler.interpolator.getInterpolatedState(t).getPrimaryState());
            boolean stop = book.log.crossing(e, t.getReal(), state, increasing, "");
            book.log.lastTimeDecimal(t.toString());
            return stop ? Action.STOP : Action.CONTINUE;
          }));
    }
    Outcome outcome = Outcome.COMPLETED;
    Failure failure = null;
    String reason = "reached t_end = " + options.t1();
    Dfp[] end;
    double tEnd;
    try {
      FieldODEStateAndDerivative<Dfp> s = integrator.integrate(new FieldExpandableODE<>(equation),
          new FieldODEState<>(field.newDfp(options.t0()), theta0), field.newDfp(options.t1()));
      end = s.getPrimaryState();
      tEnd = FieldDecimal.toDouble(s.getTime());
      if (book.log.stopReason() != null) {
        outcome = Outcome.STOPPED;
        reason = book.log.stopReason();
        book.finishAt(tEnd, RoundedFieldState.toDouble(end), decimals(end));
      }
    } catch (RuntimeException e) {
      failure = RunBook.classify(e);
      outcome = Outcome.FAILED;
      reason = book.failureReason(failure, e);
      end = last[0] != null ? last[0] : theta0;
      tEnd = book.lastTime();
    }
    double wall = book.wallSeconds();
    IntegrationStats stats = new IntegrationStats(options.method().name(), options.rtol(), end.length, book.steps(),
        0, equation.evaluations(), wall, options.digits());
    return book.finish(outcome, failure, reason, tEnd, RoundedFieldState.toDouble(end), decimals(end), stats,
        " (Dfp " + options.digits() + " digits)");
  }

  private static <T extends CalculusFieldElement<T>> EmbeddedRungeKuttaFieldIntegrator<T> create(
      org.hipparchus.Field<T> field, SolveOptions options, double[] atol, double[] rtol) {
    double minStep = options.t1() * 1e-30;
    double maxStep = options.maxStep() != null ? options.maxStep() : options.t1();
    if (options.method() != Method.DP853) {
      // Hipparchus's field DP54 estimates its error in double too; only DP853 is corrected here
      throw new IllegalArgumentException("the high-precision path (digits) supports method DP853 only");
    }
    EmbeddedRungeKuttaFieldIntegrator<T> integrator = Integrators.fieldDormandPrince853(field, minStep, maxStep, atol,
        rtol);
    if (options.initialStep() != null) {
      integrator.setInitialStepSize(options.initialStep());
    }
    return integrator;
  }

  /**
   * The root of the detector's g on the step's dense output near the double-accurate time t,
   * to the refiner's accuracy; t itself when no sign change brackets it within 1e-8·|t|.
   */
  private static Dfp refine(FieldODEEventDetector<Dfp> det, FieldODEStateInterpolator<Dfp> step, Dfp t,
      FieldBracketingNthOrderBrentSolver<Dfp> refiner) {
    CalculusFieldUnivariateFunction<Dfp> g = x -> det.g(step.getInterpolatedState(x));
    Dfp h = t.abs().multiply(1e-14).add(t.getField().newDfp("1e-300"));
    for (int widen = 0; widen < 6; widen++, h = h.multiply(10)) {
      Dfp a = t.subtract(h);
      Dfp b = t.add(h);
      Dfp ga = g.value(a);
      Dfp gb = g.value(b);
      if (ga.isZero()) {
        return a;
      }
      if (gb.isZero()) {
        return b;
      }
      if (ga.negativeOrNull() != gb.negativeOrNull()) {
        return refiner.solve(200, g, a, b, AllowedSolution.ANY_SIDE);
      }
    }
    return t;
  }


  static String[] decimals(Dfp[] v) {
    String[] s = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = v[i].toString();
    }
    return s;
  }

  /** Samples the field dense output at the save times: double columns and decimal θ. */
  private static final class Sampler implements FieldODEStepHandler<Dfp> {
    private final RunBook book;
    private final FieldFlowEquation<Dfp> equation;
    private final Dfp[][] last;
    /** The last step handed to the handlers (for an event: restricted to end at the event). */
    FieldODEStateInterpolator<Dfp> interpolator;

    Sampler(RunBook book, FieldFlowEquation<Dfp> equation, Dfp[][] last) {
      this.book = book;
      this.equation = equation;
      this.last = last;
    }

    @Override
    public void handleStep(FieldODEStateInterpolator<Dfp> interpolator) {
      this.interpolator = interpolator;
      FieldODEStateAndDerivative<Dfp> end = interpolator.getCurrentState();
      double tEnd = FieldDecimal.toDouble(end.getTime());
      Dfp[][] at = new Dfp[1][];
      book.sampleThrough(tEnd, t -> {
        at[0] = interpolator.getInterpolatedState(end.getTime().newInstance(t)).getPrimaryState();
        return RoundedFieldState.toDouble(at[0]);
      }, t -> decimals(at[0]));
      last[0] = end.getPrimaryState();
      book.accepted(tEnd, RoundedFieldState.toDouble(last[0]), equation.evaluations());
    }
  }
}
