/*
 * Licensed to the Hipparchus project under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The Hipparchus project licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * Modified for gradflow: this file mirrors EmbeddedRungeKuttaIntegrator.integrate and the two
 * static stage-sum methods of ExplicitRungeKuttaIntegrator of Hipparchus 4.0.3, changing only the
 * evaluation order of the stage sums (blocked over components, same operations per component)
 * and the copies (see the class comment). Proposed upstream in
 * docs/upstream-hipparchus-stage-sums.md; delete this file when Hipparchus has it.
 */

package org.gradflow.integrate;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.EquationsMapper;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.StepsizeHelper;
import org.hipparchus.util.FastMath;

/**
 * Hipparchus 4.0.3's {@code EmbeddedRungeKuttaIntegrator.integrate}, line for line, with two
 * kinds of change and no other:
 *
 * <ol>
 *   <li><b>Evaluation order of the stage sums.</b> Upstream loops over components outside and
 *       stages inside, one dependent multiply-add chain per component, which the JIT can neither
 *       vectorize nor pipeline. Here the components are taken in blocks of {@link #BLOCK}, stages
 *       inside a block (three per pass, {@link #accumulate}), components innermost: every
 *       component still computes
 *       {@code s = k0·a0; s += k1·a1; …; y0 + h·s} in exactly upstream's order (no term skipped,
 *       none reordered, no fused multiply-add, which Java never contracts), so each result is the
 *       same double; only independent components are interleaved, which C2 vectorizes.
 *   <li><b>Copies.</b> Upstream allocates about 3.4 state-length arrays per stage (ExpandableODE's
 *       two copies per derivative call, the stage clones of the interpolator, state copies). Here
 *       the stage arrays, the stage state and the step-end state are allocated once per
 *       integration and reused; an {@link InPlaceDerivative} writes straight into its stage
 *       array (other ODEs go through {@link ExpandableODE} as upstream); the step-start state is
 *       copied only when it is not the step end just computed (first step, event reset); the
 *       interpolator receives the stage arrays themselves ({@link StageLease} makes using it after
 *       its step an error instead of a silent wrong answer).
 * </ol>
 *
 * <p>Everything else is upstream's: the tableau, {@code estimateError}, step-size control,
 * evaluation counting, {@code acceptStep} (events, step handlers). The only addition is the
 * exact count of accepted and rejected steps.
 */
public abstract class BlockedEmbeddedRungeKuttaIntegrator extends EmbeddedRungeKuttaIntegrator {

    /** Components per block of the stage sums: a block of every stage fits in L2. */
    static final int BLOCK = 1024;

    /** Index of the pre-computed derivative for <i>fsal</i> methods. */
    private final int fsal;

    /** Time steps from Butcher array (without the first zero). */
    private final double[] c;

    /** Internal weights from Butcher array (without the first empty row). */
    private final double[][] a;

    /** External weights for the high order method from Butcher array. */
    private final double[] b;

    /** Stepsize control exponent. */
    private final double exp;

    /** Validity of the stage arrays lent to the interpolators. */
    private final StageLease lease = new StageLease();

    /** Accepted and rejected steps of the last integration. */
    private long acceptedSteps;
    private long rejectedSteps;

    /** Build a Runge-Kutta integrator with the given Butcher array.
     * @param name name of the method
     * @param fsal index of the pre-computed derivative for <i>fsal</i> methods
     * or -1 if method is not <i>fsal</i>
     * @param minStep minimal step (must be positive even for backward
     * integration), the last step can be smaller than this
     * @param maxStep maximal step (must be positive even for backward
     * integration)
     * @param vecAbsoluteTolerance allowed absolute error
     * @param vecRelativeTolerance allowed relative error
     */
    protected BlockedEmbeddedRungeKuttaIntegrator(final String name, final int fsal,
                                                  final double   minStep, final double maxStep,
                                                  final double[] vecAbsoluteTolerance,
                                                  final double[] vecRelativeTolerance) {

        super(name, fsal, minStep, maxStep, vecAbsoluteTolerance, vecRelativeTolerance);

        this.fsal = fsal;
        this.c    = getC();
        this.a    = getA();
        this.b    = getB();

        exp = -1.0 / getOrder();

    }

    /** Steps of the last (or current) integration handed to {@code acceptStep} (an event split counts once). */
    public long acceptedSteps() {
        return acceptedSteps;
    }

    /** Rejected steps of the last (or current) integration: error estimate ≥ 1, step retried. */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    /** The lease under which {@link #createInterpolator} receives the stage arrays, uncopied. */
    protected StageLease stageLease() {
        return lease;
    }

    /** {@inheritDoc} */
    @Override
    public ODEStateAndDerivative integrate(final ExpandableODE equations,
                                           final ODEState initialState, final double finalTime)
        throws MathIllegalArgumentException, MathIllegalStateException {

        sanityChecks(initialState, finalTime);
        setStepStart(initIntegration(equations, initialState, finalTime));
        final boolean forward = finalTime > initialState.getTime();
        acceptedSteps = 0;
        rejectedSteps = 0;

        // create some internal working arrays, reused by every step
        final int        stages  = c.length + 1;
        final int        n       = equations.getMapper().getTotalDimension();
        final double[][] yDotK   = new double[stages][n];
        final double[]   sum     = new double[FastMath.min(BLOCK, n)];
        double[]   y       = null;
        double[]   yTmp    = new double[n];
        ODEStateAndDerivative heldInY = null;   // the state whose copy y and yDotK[0] hold
        final InPlaceDerivative inPlace = equations.getMapper().getNumberOfEquations() == 1 &&
                                          equations.getPrimary() instanceof InPlaceDerivative ?
                                          (InPlaceDerivative) equations.getPrimary() : null;

        // set up integration control objects
        double  hNew      = 0;
        boolean firstTime = true;

        // main integration loop
        setIsLastStep(false);
        do {

            // iterate over step size, ensuring local normalized error is smaller than 1
            double error = 10;
            while (error >= 1.0) {

                // first stage (copied only if the step start is not the last step end)
                if (heldInY != getStepStart()) {
                    y        = getStepStart().getCompleteState();
                    yDotK[0] = getStepStart().getCompleteDerivative();
                    heldInY  = getStepStart();
                }

                if (firstTime) {
                    final StepsizeHelper helper = getStepSizeHelper();
                    final double[] scale = new double[helper.getMainSetDimension()];
                    for (int i = 0; i < scale.length; ++i) {
                        scale[i] = helper.getTolerance(i, FastMath.abs(y[i]));
                    }
                    hNew = initializeStep(forward, getOrder(), scale, getStepStart());
                    firstTime = false;
                }

                setStepSize(hNew);
                if (forward) {
                    if (getStepStart().getTime() + getStepSize() >= finalTime) {
                        setStepSize(finalTime - getStepStart().getTime());
                    }
                } else {
                    if (getStepStart().getTime() + getStepSize() <= finalTime) {
                        setStepSize(finalTime - getStepStart().getTime());
                    }
                }

                // next stages
                applyInternalButcherWeights(equations, inPlace, getStepStart().getTime(), y,
                        getStepSize(), a, c, yDotK, yTmp, sum);
                applyExternalButcherWeights(y, yDotK, getStepSize(), b, yTmp, sum);

                incrementEvaluations(stages - 1);

                // estimate the error at the end of the step
                error = estimateError(yDotK, y, yTmp, getStepSize());
                if (Double.isNaN(error)) {
                    throw new MathIllegalStateException(LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION,
                                                        getStepStart().getTime() + getStepSize());
                }
                if (error >= 1.0) {
                    // reject the step and attempt to reduce error by stepsize control
                    ++rejectedSteps;
                    final double factor =
                                    FastMath.min(getMaxGrowth(),
                                                 FastMath.max(getMinReduction(), getSafety() * FastMath.pow(error, exp)));
                    hNew = getStepSizeHelper().filterStep(getStepSize() * factor, forward, false);
                }

            }
            final double   stepEnd = getStepStart().getTime() + getStepSize();
            final double[] yDotTmp = (fsal >= 0) ? yDotK[fsal] : computeDerivatives(stepEnd, yTmp);
            final ODEStateAndDerivative stateTmp = mapStateAndDerivative(equations.getMapper(), stepEnd, yTmp, yDotTmp);

            // local error is small enough: accept the step, trigger events and step handlers
            ++acceptedSteps;
            setStepStart(acceptStep(createInterpolator(forward, yDotK, getStepStart(), stateTmp, equations.getMapper()), finalTime));
            lease.expire();

            // the next step starts where this one ended: its first stage is already in hand
            if (getStepStart() == stateTmp && fsal >= 0) {
                final double[] oldY = y;
                y           = yTmp;
                yTmp        = oldY;
                yDotK[fsal] = yDotK[0];
                yDotK[0]    = yDotTmp;
                heldInY     = stateTmp;
            }

            if (!isLastStep()) {

                // stepsize control for next step
                final double factor =
                                FastMath.min(getMaxGrowth(), FastMath.max(getMinReduction(), getSafety() * FastMath.pow(error, exp)));
                final double  scaledH    = getStepSize() * factor;
                final double  nextT      = getStepStart().getTime() + scaledH;
                final boolean nextIsLast = forward ? (nextT >= finalTime) : (nextT <= finalTime);
                hNew = getStepSizeHelper().filterStep(scaledH, forward, nextIsLast);

                final double  filteredNextT      = getStepStart().getTime() + hNew;
                final boolean filteredNextIsLast = forward ? (filteredNextT >= finalTime) : (filteredNextT <= finalTime);
                if (filteredNextIsLast) {
                    hNew = finalTime - getStepStart().getTime();
                }

            }

        } while (!isLastStep());

        final ODEStateAndDerivative finalState = getStepStart();
        resetInternalState();
        return finalState;

    }

    /** Upstream's {@code mapper.mapStateAndDerivative}, without its two extra copies for a single equation. */
    private static ODEStateAndDerivative mapStateAndDerivative(final EquationsMapper mapper, final double t,
                                                               final double[] y, final double[] yDot) {
        return mapper.getNumberOfEquations() == 1 ? new ODEStateAndDerivative(t, y, yDot)
                                                  : mapper.mapStateAndDerivative(t, y, yDot);
    }

    /**
     * Upstream's {@code ExplicitRungeKuttaIntegrator.applyInternalButcherWeights}, blocked over
     * components: per component the same products and sums in the same order.
     * @param equations differential equations to integrate
     * @param inPlace the primary equation when it can write into the stage arrays (else null)
     * @param t0        initial time
     * @param y0        initial value of the state vector at t0
     * @param h         step size
     * @param a         internal weights of Butcher array
     * @param c         times of Butcher array
     * @param yDotK     array where to store result
     * @param yTmp      workspace: the state of each stage
     * @param sum       workspace: one block of stage sums
     */
    static void applyInternalButcherWeights(final ExpandableODE equations, final InPlaceDerivative inPlace,
                                            final double t0, final double[] y0, final double h,
                                            final double[][] a, final double[] c,
                                            final double[][] yDotK, final double[] yTmp, final double[] sum) {
        final int stages = c.length + 1;

        for (int k = 1; k < stages; ++k) {

            final double[] ak = a[k - 1];
            for (int from = 0; from < y0.length; from += BLOCK) {
                final int len = FastMath.min(BLOCK, y0.length - from);
                final double[] k0 = yDotK[0];
                final double a0 = ak[0];
                for (int i = 0; i < len; ++i) {
                    sum[i] = k0[from + i] * a0;
                }
                accumulate(sum, 0, yDotK, ak, 1, k, from, len);
                for (int i = 0; i < len; ++i) {
                    yTmp[from + i] = y0[from + i] + h * sum[i];
                }
            }

            final double t = t0 + h * c[k - 1];
            if (inPlace != null) {
                inPlace.computeDerivatives(t, yTmp, yDotK[k]);
            } else {
                yDotK[k] = equations.computeDerivatives(t, yTmp);
            }
        }
    }

    /** Upstream's {@code ExplicitRungeKuttaIntegrator.applyExternalButcherWeights}, blocked like
     * {@link #applyInternalButcherWeights}.
     * @param y0 initial value of the state vector at t0
     * @param yDotK output of stages
     * @param h step size
     * @param b external weights of Butcher array
     * @param y where to write the state vector
     * @param sum workspace: one block of stage sums
     */
    static void applyExternalButcherWeights(final double[] y0, final double[][] yDotK, final double h,
                                            final double[] b, final double[] y, final double[] sum) {
        final int stages = b.length;
        for (int from = 0; from < y0.length; from += BLOCK) {
            final int len = FastMath.min(BLOCK, y0.length - from);
            final double[] k0 = yDotK[0];
            final double b0 = b[0];
            for (int i = 0; i < len; ++i) {
                sum[i] = k0[from + i] * b0;
            }
            accumulate(sum, 0, yDotK, b, 1, stages, from, len);
            for (int i = 0; i < len; ++i) {
                y[from + i] = y0[from + i] + h * sum[i];
            }
        }
    }

    /**
     * {@code acc[at + i] += k[l][from + i] * w[l]} for l = lo, lo + 1, … hi − 1, in that order, for
     * i &lt; len: three stages per pass, written {@code ((acc + p·wp) + q·wq) + r·wr}, which is
     * the same three additions in the same order as three separate {@code +=}, with a third of
     * the passes over the accumulator and three streams in flight.
     */
    static void accumulate(final double[] acc, final int at, final double[][] k, final double[] w,
                           final int lo, final int hi, final int from, final int len) {
        int l = lo;
        for (; l + 2 < hi; l += 3) {
            final double[] p = k[l];
            final double[] q = k[l + 1];
            final double[] r = k[l + 2];
            final double wp = w[l];
            final double wq = w[l + 1];
            final double wr = w[l + 2];
            for (int i = 0; i < len; ++i) {
                acc[at + i] = ((acc[at + i] + p[from + i] * wp) + q[from + i] * wq) + r[from + i] * wr;
            }
        }
        for (; l < hi; ++l) {
            final double[] p = k[l];
            final double wp = w[l];
            for (int i = 0; i < len; ++i) {
                acc[at + i] += p[from + i] * wp;
            }
        }
    }

}
