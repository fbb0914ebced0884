package org.gradflow.integrate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.FieldDecimal;
import org.gradflow.core.GradientFlow;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.DecimalState;
import org.gradflow.spec.IntegratorSpec;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEState;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaFieldIntegrator;
import org.hipparchus.ode.sampling.FieldODEStateInterpolator;
import org.hipparchus.ode.sampling.FieldODEStepHandler;
import org.hipparchus.util.MathArrays;

/**
 * The high-precision path: the same flow over Hipparchus {@link Dfp} with {@code digits}
 * decimal digits, integrated by Hipparchus's field DP853 with field Butcher coefficients and
 * with its error estimate summed in the field ({@link ExactErrorDormandPrince853}); either one
 * left in double caps the accuracy near 16 digits. The gradient is
 * {@link GradientFlow#negativeGradient(CalculusFieldElement[], CalculusFieldElement[])}.
 * Observables are recorded from the state rounded to double; threshold events are not located
 * on this path (a warning says so when a spec asks for them).
 */
public final class FieldFlowIntegrator {
  private FieldFlowIntegrator() {}

  static RunResult run(SystemSpec spec, FlowSystem system, Progress progress, double[] sampleTimes) {
    IntegratorSpec is = spec.integrator();
    GradientFlow flow = spec.flowToIntegrate(system.flow());
    DfpField field = new DfpField(is.digits());
    BigDecimal[] decimals = DecimalState.initial(spec, flow.layout(), system.initialState());
    Dfp[] theta0 = MathArrays.buildArray(field, decimals.length);
    for (int i = 0; i < theta0.length; i++) {
      theta0[i] = FieldDecimal.of(field, decimals[i]);
    }
    List<String> warnings = new ArrayList<>();
    if (!FlowIntegrator.events(spec, system).isEmpty() || is.stopLossBelow() != null || is.stopGradientNormBelow() != null) {
      warnings.add("events and stop conditions are not located on the high-precision (Dfp) path; they were ignored");
    }
    double[] atol = AbsoluteTolerance.resolve(new SpecSection(spec.file(), "integrator.atol", is.atol()),
        flow.layout(), system.initialState());
    double[] rtol = new double[atol.length];
    Arrays.fill(rtol, is.rtol());
    EmbeddedRungeKuttaFieldIntegrator<Dfp> integrator = create(field, is, atol, rtol);
    integrator.setMaxEvaluations((int) Math.min(Integer.MAX_VALUE, is.maxEvaluations()));
    ObservableCatalog catalog = new ObservableCatalog(flow);
    RecordedObservables columns = new RecordedObservables(flow, FlowIntegrator.recorded(spec, catalog, List.of()));
    Trajectory trajectory = new Trajectory(columns.columns());
    FieldFlowEquation<Dfp> equation = new FieldFlowEquation<>(flow, field);
    Sampler sampler = new Sampler(sampleTimes, columns, trajectory, progress, equation::evaluations);
    integrator.addStepHandler(sampler);
    progress.start(spec.name(), is.tEnd());
    long start = System.nanoTime();
    RunResult.Outcome outcome = RunResult.Outcome.COMPLETED;
    String reason = "reached t_end = " + is.tEnd();
    Dfp[] end;
    double tEnd;
    try {
      FieldODEStateAndDerivative<Dfp> s = integrator.integrate(new FieldExpandableODE<>(equation),
          new FieldODEState<>(field.getZero(), theta0), field.newDfp(is.tEnd()));
      end = s.getPrimaryState();
      tEnd = s.getTime().toDouble();
    } catch (NonFiniteStateException | MathIllegalStateException | MathIllegalArgumentException e) {
      outcome = RunResult.Outcome.FAILED;
      reason = e.getMessage();
      end = sampler.lastState != null ? sampler.lastState : theta0;
      tEnd = sampler.lastTime;
    }
    double wall = (System.nanoTime() - start) * 1e-9;
    double[] endDouble = toDouble(end);
    String[] decimal = new String[end.length];
    for (int i = 0; i < end.length; i++) {
      decimal[i] = end[i].toString();
    }
    IntegrationStats stats = new IntegrationStats(is.method(), is.rtol(), end.length, sampler.steps, 0,
        equation.evaluations(), wall, is.digits());
    progress.finish(String.format(Locale.ROOT, "%s: %s at t = %.6g (Dfp %d digits), %d steps, %d RHS evaluations, %.3f s",
        spec.name(), outcome.name().toLowerCase(Locale.ROOT), tEnd, is.digits(), sampler.steps, equation.evaluations(), wall));
    return new RunResult(spec, system, trajectory, List.of(), stats, tEnd, endDouble, decimal, outcome, reason,
        List.copyOf(warnings));
  }

  private static <T extends CalculusFieldElement<T>> EmbeddedRungeKuttaFieldIntegrator<T> create(
      Field<T> field, IntegratorSpec is, double[] atol, double[] rtol) {
    double minStep = is.tEnd() * 1e-30;
    double maxStep = is.maxStep() != null ? is.maxStep() : is.tEnd();
    if (!is.method().equals("DP853")) {
      // Hipparchus's field DP54 estimates its error in double too; only DP853 is corrected here
      throw new IllegalArgumentException("the high-precision path (integrator.digits) supports method DP853 only");
    }
    EmbeddedRungeKuttaFieldIntegrator<T> integrator = new ExactErrorDormandPrince853<>(field, minStep, maxStep, atol, rtol);
    integrator.setUsingFieldCoefficients(true);
    if (is.initialStep() != null) {
      integrator.setInitialStepSize(is.initialStep());
    }
    return integrator;
  }

  private static <T extends CalculusFieldElement<T>> double[] toDouble(T[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i].getReal();
    }
    return d;
  }

  /** Samples the field dense output at the grid times, in double. */
  private static final class Sampler implements FieldODEStepHandler<Dfp> {
    private final double[] times;
    private final RecordedObservables columns;
    private final Trajectory trajectory;
    private final Progress progress;
    private final java.util.function.LongSupplier rhsEvaluations;
    private int next;
    private long steps;
    private double lastTime;
    private Dfp[] lastState;

    Sampler(double[] times, RecordedObservables columns, Trajectory trajectory, Progress progress,
        java.util.function.LongSupplier rhsEvaluations) {
      this.times = times;
      this.columns = columns;
      this.trajectory = trajectory;
      this.progress = progress;
      this.rhsEvaluations = rhsEvaluations;
    }

    @Override
    public void handleStep(FieldODEStateInterpolator<Dfp> interpolator) {
      FieldODEStateAndDerivative<Dfp> end = interpolator.getCurrentState();
      double tEnd = end.getTime().toDouble();
      while (next < times.length && times[next] <= tEnd) {
        double t = times[next++];
        Dfp[] theta = interpolator.getInterpolatedState(end.getTime().newInstance(t)).getPrimaryState();
        double[] d = toDouble(theta);
        trajectory.add(columns.row(t, d), d);
      }
      steps++;
      lastTime = tEnd;
      lastState = end.getPrimaryState();
      progress.update(tEnd, trajectory.size() > 0 ? trajectory.last("loss") : Double.NaN, steps, rhsEvaluations.getAsLong());
    }
  }
}
