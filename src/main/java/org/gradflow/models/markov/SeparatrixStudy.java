package org.gradflow.models.markov;

import org.gradflow.integrate.Integrators;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaFieldIntegrator;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEState;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.util.MathArrays;

/**
 * Starts within δ of the separatrix (spec §3.5), integrated over a field (Binary64 = the double
 * path, Dfp = the high-precision path) until the run itself shows its basin: w crosses −1/√2
 * (passed the degenerate saddle: global side, p + q &lt; 1) or e falls below |w + 1/√2|/2
 * (turned back to the unigram line: local side). Neither test uses the energy.
 *
 * <p>Near the saddle the 2-D flow is ė ≈ a·u·e, u̇ ≈ (a/2)e² (u = w + 1/√2, a = 4√2|ℓ'(0)|), so a
 * start at energy offset ε = E0 − E_s passes the saddle after a flow time ≈ π/(a√(ε/2)), about
 * 10^15 for δ = 1e-30: too long to integrate in flow time. The study therefore integrates the same
 * orbits in the time τ with dτ = e²dt (orbit-preserving: the field divided by e² &gt; 0), in which
 * u advances at a bounded rate and the passage has finite length. State (e, u): the shift by
 * 1/√2 is exact in the field, so u keeps its relative precision near the saddle.
 */
public final class SeparatrixStudy {

  /**
   * FLOW: the canonical flow's own field gradient divided by e² (same orbits, same speed profile
   * up to e²). ORBIT: additionally divided by |ℓ'(Δ)|, which leaves only rational arithmetic
   * (sign ℓ'(Δ) = sign(Δ − Δ*) is exact) — same orbits while ℓ' ≠ 0, i.e. until the global curve.
   */
  public enum Mode { FLOW, ORBIT }

  /** One classified start. */
  public record Outcome(Basin basin, double tau, long evaluations, double seconds) {}

  private final MarkovSource source;

  public SeparatrixStudy(MarkovSource source) {
    if (!source.subcritical()) {
      throw new IllegalArgumentException("this study takes the p + q < 1 separatrix (w < -1/sqrt2)");
    }
    this.source = source;
  }

  /** e_sep(w0) over the field. */
  public static <T extends CalculusFieldElement<T>> T separatrix(T w0) {
    T es = w0.getField().getOne().multiply(2).log().add(1).multiply(-0.5);
    return w0.square().subtract(w0.abs().log()).add(es).sqrt();
  }

  /**
   * Integrates from (e_sep(w0) + side·δ, w0) over {@code field} with DOP853 (field Butcher
   * coefficients) at relative tolerance {@code rtol}, until a basin is shown or τ reaches tauMax.
   */
  /**
   * Integrates from (e_sep(w0) + side·δ, w0) over {@code field} with DOP853 (field Butcher
   * coefficients) until a basin shows or τ reaches tauMax. Tolerance schedule: the energy offset
   * ε ≈ 2e_sep·δ must survive the integration error, which is ~rtol·r² at distance r from the
   * saddle (errors scale with the local size there), so the run proceeds in segments, one per
   * decade of r, with rtol = clamp(rtolFactor·δ/r², minRtol, 1e-6): tight far away, loose close in.
   */
  public <T extends CalculusFieldElement<T>> Outcome classify(Field<T> field, Mode mode, double w0, int side,
      T delta, double rtolFactor, double minRtol, double tauMax) {
    T one = field.getOne();
    T s = one.multiply(0.5).sqrt();
    T w = one.multiply(w0);
    T[] y = MathArrays.buildArray(field, 2);
    y[0] = separatrix(w).add(delta.multiply(side));
    y[1] = w.add(s);
    Rescaled<T> ode = new Rescaled<>(field, s, mode);
    double d = Math.abs(delta.getReal());
    T tau = field.getZero();
    long start = System.nanoTime();
    for (int segment = 0; segment < 400; segment++) {
      double r = Math.hypot(y[0].getReal(), y[1].getReal());
      double rtol = Math.min(1e-6, Math.max(minRtol, rtolFactor * d / (r * r)));
      // the engine's DP853: field coefficients and a field error estimate (Hipparchus's own
      // estimates in double, which stalled every rtol below ~5e-20)
      EmbeddedRungeKuttaFieldIntegrator<T> dp = Integrators.fieldDormandPrince853(field, 1e-300, tauMax,
          new double[] {1e-300, 1e-300}, new double[] {rtol, rtol});
      // Decisions and segment ends are checked at every step end. Hipparchus' field event
      // search assumes double-sized ulps of t (it compares getReal() of bracket ends) and trips
      // its internal check when Dfp steps get shorter than that, so no event detectors here:
      // the step handler ends the run by throwing, caught below.
      double rEnd = r / 10;
      double tau0 = tau.getReal();
      dp.addStepHandler(interpolator -> {
        FieldODEStateAndDerivative<T> now = interpolator.getCurrentState();
        T[] x = now.getPrimaryState();
        double tNow = now.getTime().getReal();
        if (x[1].getReal() > 0) {
          throw new Decided(Basin.GLOBAL, tau0 + tNow, null);
        }
        if (x[0].getReal() < 0.5 * Math.abs(x[1].getReal())) {
          throw new Decided(Basin.LOCAL, tau0 + tNow, null);
        }
        if (Math.hypot(x[0].getReal(), x[1].getReal()) < rEnd) {
          throw new Decided(null, tNow, now);
        }
      });
      try {
        // each segment starts at τ = 0 (the offset is kept in tau)
        FieldODEStateAndDerivative<T> end = dp.integrate(new FieldExpandableODE<>(ode),
            new FieldODEState<>(field.getZero(), y), field.getZero().add(tauMax - tau.getReal()));
        return new Outcome(Basin.SEPARATRIX, tau0 + end.getTime().getReal(), ode.evaluations,
            (System.nanoTime() - start) * 1e-9);
      } catch (Decided dec) {
        if (dec.basin != null) {
          return new Outcome(dec.basin, dec.tau, ode.evaluations, (System.nanoTime() - start) * 1e-9);
        }
        @SuppressWarnings("unchecked")
        FieldODEStateAndDerivative<T> next = (FieldODEStateAndDerivative<T>) dec.state;
        tau = next.getTime().add(tau0);
        y = next.getPrimaryState();
      }
    }
    throw new IllegalStateException("no decision after 400 decades of approach to the saddle");
  }

  /** Flow time to pass the saddle at energy offset ε: π/(a√(ε/2)), a = 4√2|ℓ'(0)|. */
  public double passageTime(double energyOffset) {
    double a = 4 * Math.sqrt(2) * Math.abs(source.slopeAtZero());
    return Math.PI / (a * Math.sqrt(Math.abs(energyOffset) / 2));
  }

  /** (e, u) orbits of the 2-D flow in the time dτ = e² dt. */
  private final class Rescaled<T extends CalculusFieldElement<T>> implements FieldOrdinaryDifferentialEquation<T> {
    private final Field<T> field;
    private final T shift;
    private final Mode mode;
    private final CanonicalFlow flow = new CanonicalFlow(source);
    private final double deltaStar = source.deltaStar();
    private long evaluations;

    Rescaled(Field<T> field, T shift, Mode mode) {
      this.field = field;
      this.shift = shift;
      this.mode = mode;
    }

    @Override
    public int getDimension() {
      return 2;
    }

    @Override
    public T[] computeDerivatives(T t, T[] y) {
      evaluations++;
      T e = y[0];
      T w = y[1].subtract(shift);
      T[] out = MathArrays.buildArray(field, 2);
      T e2 = e.square();
      if (mode == Mode.FLOW) {
        T[] theta = MathArrays.buildArray(field, 2);
        theta[0] = e;
        theta[1] = w;
        flow.negativeGradient(theta, out);
        out[0] = out[0].divide(e2);
        out[1] = out[1].divide(e2);
        return out;
      }
      // integer multipliers and the field's one only: Dfp's conversion of a double (add(double),
      // multiply(double)) goes through DfpMath.pow and dominated the run time
      T factor = w.multiply(w.abs()).multiply(2).add(field.getOne());
      int sign = e2.multiply(factor).getReal() > deltaStar ? 1 : -1;
      out[0] = factor.divide(e).multiply(-2 * sign);
      out[1] = w.abs().multiply(-4 * sign);
      return out;
    }
  }

  /** Ends a run (basin shown) or a segment (next decade of r reached); thrown from the step handler. */
  private static final class Decided extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Basin basin;
    private final double tau;
    private final transient Object state;

    /** basin null: not decided, the segment ends at {@code state}. */
    Decided(Basin basin, double tau, Object state) {
      super(null, null, false, false);
      this.basin = basin;
      this.tau = tau;
      this.state = state;
    }
  }
}
