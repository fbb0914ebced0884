/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
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
 * computeInterpolatedStateAndDerivatives below mirrors, line for line, the method of the same name
 * in Hipparchus 4.0.3's org.hipparchus.ode.nonstiff.interpolators.DormandPrince853FieldStateInterpolator
 * (Apache-2.0, Hipparchus project); the only change is that the weights d are read from a table built
 * once per integrator instead of once per step. See docs/upstream-hipparchus-field-interpolator.md.
 */
package org.gradflow.integrate;

import org.gradflow.core.FieldDecimal;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;
import org.hipparchus.ode.FieldEquationsMapper;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.interpolators.RungeKuttaFieldStateInterpolator;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.MathArrays;

/**
 * Hipparchus's field DP853 dense output with its 7×16 interpolation weights built once per
 * integrator. Hipparchus 4.0.3 rebuilds them (about 80 field quotients from doubles) for every
 * step and every event-restricted copy of a step, which cost 9 % of a Dfp(40) run.
 *
 * <p>{@link #weights(Field, boolean) weights(field, true)} also corrects the four weights of
 * stage 9 whose numerators and denominators exceed 2^53 (e.g. 3692384461234828125 /
 * 1744130441634250432): Hipparchus writes them as double literals, so in a 40-digit field they
 * are wrong from the 17th digit on, and so would be every sampled state and event time.
 */
final class FieldDormandPrince853Interpolator<T extends CalculusFieldElement<T>>
    extends RungeKuttaFieldStateInterpolator<T> {
  /** Rows 0, 3, 4, 5, 6 of Hipparchus's d, as {numerator, denominator}; {0, 0} is an exact zero. */
  private static final long[][][] ROWS = {
      {{104257, 1920240}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {3399327, 763840}, {66578432, 35198415},
          {-1674902723, 288716400}, {54980371265625L, 176692375811392L}, {-734375, 4826304},
          {171414593, 851261400}, {137909, 3084480}, {0, 0}, {0, 0}, {0, 0}, {0, 0}},
      {{-17751989329L, 2106076560}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {4272954039L, 7539864640L},
          {-118476319744L, 38604839385L}, {755123450731L, 316657731600L},
          {3692384461234828125L, 1744130441634250432L}, {-4612609375L, 5293382976L},
          {2091772278379L, 933644586600L}, {2136624137, 3382989120L}, {-126493, 1421424},
          {98350000, 5419179}, {-18878125, 2053168}, {-1944542619, 438351368}},
      {{32941697297L, 3159114840L}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {456696183123L, 1884966160},
          {19132610714624L, 115814518155L}, {-177904688592943L, 474986597400L},
          {-4821139941836765625L, 218016305204281304L}, {30702015625L, 3970037232L},
          {-85916079474274L, 2800933759800L}, {-5919468007L, 634310460}, {2479159, 157936},
          {-18750000, 602131}, {-19203125, 2053168}, {15700361463L, 438351368}},
      {{12627015655L, 631822968}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {-72955222965L, 188496616},
          {-13145744952320L, 69488710893L}, {30084216194513L, 56998391688L},
          {-296858761006640625L, 25648977082856624L}, {569140625, 82709109},
          {-18684190637L, 18672891732L}, {69644045, 89549712}, {-11847025, 4264272},
          {-978650000, 16257537}, {519371875, 6159504}, {5256837225L, 438351368}},
      {{-450944925, 17550638}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {-14532122925L, 94248308},
          {-595876966400L, 2573655959L}, {188748653015L, 527762886}, {2545485458115234375L,
          27252038150535163L}, {-1376953125, 36759604}, {53995596795L, 518691437},
          {210311225, 7047894}, {-1718875, 39484}, {58000000, 602131}, {-1546875, 39484},
          {-1262172375, 8429834}}};

  private final T[][] d;
  /** k as a field element for the integers the interpolation polynomials add (k = 0 … 18). */
  private final T[] k;
  /** Whether the step has zero length (then every interpolated state is the step's end). */
  private final boolean empty;
  /**
   * The states asked of this step: every event detector checks the same times. A Dfp(40)
   * component of θ and θ̇ takes about 200 bytes.
   */
  private final StepStateMemo<T, FieldODEStateAndDerivative<T>> asked;

  FieldDormandPrince853Interpolator(Field<T> field, boolean forward, T[][] yDotK,
      FieldODEStateAndDerivative<T> globalPreviousState, FieldODEStateAndDerivative<T> globalCurrentState,
      FieldODEStateAndDerivative<T> softPreviousState, FieldODEStateAndDerivative<T> softCurrentState,
      FieldEquationsMapper<T> mapper, T[][] weights) {
    super(field, forward, yDotK, globalPreviousState, globalCurrentState, softPreviousState, softCurrentState, mapper);
    this.d = weights;
    this.asked = StepStateMemo.forDimension(mapper.getTotalDimension(), 256);
    this.k = MathArrays.buildArray(field, 19);
    for (int i = 0; i < k.length; i++) {
      k[i] = field.getOne().multiply(i);
    }
    this.empty = FastMath.abs(globalCurrentState.getTime().subtract(globalPreviousState.getTime()).getReal())
        <= FastMath.ulp(globalCurrentState.getTime().getReal());
  }

  /**
   * The interpolation weights. {@code exact = false} builds them as Hipparchus 4.0.3 does (double
   * literals, so results are bit-identical to it); {@code exact = true} builds every weight as a
   * quotient of exact integers.
   */
  static <T extends CalculusFieldElement<T>> T[][] weights(Field<T> field, boolean exact) {
    T[][] d = MathArrays.buildArray(field, 7, 16);
    int[] rows = {0, 3, 4, 5, 6};
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < 16; i++) {
        long[] pq = ROWS[r][i];
        d[rows[r]][i] = pq[1] == 0 ? field.getZero()
            : exact ? ExactErrorDormandPrince853.exactInteger(field, pq[0])
                .divide(ExactErrorDormandPrince853.exactInteger(field, pq[1]))
            : field.getZero().add((double) pq[0]).divide((double) pq[1]);
      }
    }
    // rows 1 and 2 follow from row 0 exactly as in Hipparchus (entries 12-15: 0, 0 and -1, 0)
    for (int i = 0; i < 16; i++) {
      d[1][i] = i == 0 ? d[0][0].negate().add(1) : d[0][i].negate();
      d[2][i] = i == 0 || i == 12 ? d[0][i].multiply(2).subtract(1) : d[0][i].multiply(2);
    }
    return d;
  }

  /**
   * Hipparchus's interpolation, computed once per time: each event detector interpolates the whole
   * state at its own check times, which are the same for detectors with the same check interval;
   * on Dfp an interpolation costs more than a step's derivative (the double path shares its dense
   * output the same way, {@link SharedDenseOutput}). Results are the same objects' values.
   */
  @Override
  public FieldODEStateAndDerivative<T> getInterpolatedState(T time) {
    return asked.get(time, this::interpolate);
  }

  /**
   * Hipparchus 4.0.3's {@code AbstractFieldODEStateInterpolator.getInterpolatedState}, with the
   * zero-length test (three field-to-double conversions, about 12 µs each on Dfp) made once per
   * step in the constructor instead of at every interpolation.
   */
  private FieldODEStateAndDerivative<T> interpolate(T time) {
    if (empty) {
      return getGlobalCurrentState();
    }
    final T thetaH         = time.subtract(getGlobalPreviousState().getTime());
    final T oneMinusThetaH = getGlobalCurrentState().getTime().subtract(time);
    final T theta          = thetaH.divide(getGlobalCurrentState().getTime().subtract(getGlobalPreviousState().getTime()));
    return computeInterpolatedStateAndDerivatives(getMapper(), time, theta, thetaH, oneMinusThetaH);
  }

  @Override
  protected FieldDormandPrince853Interpolator<T> create(Field<T> newField, boolean newForward, T[][] newYDotK,
      FieldODEStateAndDerivative<T> newGlobalPreviousState, FieldODEStateAndDerivative<T> newGlobalCurrentState,
      FieldODEStateAndDerivative<T> newSoftPreviousState, FieldODEStateAndDerivative<T> newSoftCurrentState,
      FieldEquationsMapper<T> newMapper) {
    return new FieldDormandPrince853Interpolator<>(newField, newForward, newYDotK, newGlobalPreviousState,
        newGlobalCurrentState, newSoftPreviousState, newSoftCurrentState, newMapper, d);
  }

  // ---- mirrored from Hipparchus 4.0.3 DormandPrince853FieldStateInterpolator; the integers the
  // polynomials add are the field elements k[n] (exact, the same values as Hipparchus's add(double),
  // which converts each through Dfp's slow newInstance(double)), and θ ≤ 1/2 is tested on θ rounded
  // by FieldDecimal.toDouble instead of getReal() ----
  @Override
  protected FieldODEStateAndDerivative<T> computeInterpolatedStateAndDerivatives(FieldEquationsMapper<T> mapper,
      T time, T theta, T thetaH, T oneMinusThetaH) {
    final T one      = time.getField().getOne();
    final T eta      = one.subtract(theta);
    final T twoTheta = theta.multiply(2);
    final T theta2   = theta.multiply(theta);
    final T dot1     = one.subtract(twoTheta);
    final T dot2     = theta.multiply(theta.multiply(-3).add(k[2]));
    final T dot3     = twoTheta.multiply(theta.multiply(twoTheta.subtract(k[3])).add(k[1]));
    final T dot4     = theta2.multiply(theta.multiply(theta.multiply(5).subtract(k[8])).add(k[3]));
    final T dot5     = theta2.multiply(theta.multiply(theta.multiply(theta.multiply(-6).add(k[15])).subtract(k[12])).add(k[3]));
    final T dot6     = theta2.multiply(theta.multiply(theta.multiply(theta.multiply(theta.multiply(-7).add(k[18])).subtract(k[15])).add(k[4])));
    final T[] interpolatedState;
    final T[] interpolatedDerivatives;

    if (getGlobalPreviousState() != null && FieldDecimal.toDouble(theta) <= 0.5) {
      final T f0 = thetaH;
      final T f1 = f0.multiply(eta);
      final T f2 = f1.multiply(theta);
      final T f3 = f2.multiply(eta);
      final T f4 = f3.multiply(theta);
      final T f5 = f4.multiply(eta);
      final T f6 = f5.multiply(theta);
      final T[] p = MathArrays.buildArray(time.getField(), 16);
      final T[] q = MathArrays.buildArray(time.getField(), 16);
      for (int i = 0; i < p.length; ++i) {
        p[i] =     f0.multiply(d[0][i]).
               add(f1.multiply(d[1][i])).
               add(f2.multiply(d[2][i])).
               add(f3.multiply(d[3][i])).
               add(f4.multiply(d[4][i])).
               add(f5.multiply(d[5][i])).
               add(f6.multiply(d[6][i]));
        q[i] =                    d[0][i].
                add(dot1.multiply(d[1][i])).
                add(dot2.multiply(d[2][i])).
                add(dot3.multiply(d[3][i])).
                add(dot4.multiply(d[4][i])).
                add(dot5.multiply(d[5][i])).
                add(dot6.multiply(d[6][i]));
      }
      interpolatedState       = previousStateLinearCombination(p[0], p[1], p[ 2], p[ 3], p[ 4], p[ 5], p[ 6], p[ 7],
                                                               p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
      interpolatedDerivatives = derivativeLinearCombination(q[0], q[1], q[ 2], q[ 3], q[ 4], q[ 5], q[ 6], q[ 7],
                                                            q[8], q[9], q[10], q[11], q[12], q[13], q[14], q[15]);
    } else {
      final T f0 = oneMinusThetaH.negate();
      final T f1 = f0.multiply(theta).negate();
      final T f2 = f1.multiply(theta);
      final T f3 = f2.multiply(eta);
      final T f4 = f3.multiply(theta);
      final T f5 = f4.multiply(eta);
      final T f6 = f5.multiply(theta);
      final T[] p = MathArrays.buildArray(time.getField(), 16);
      final T[] q = MathArrays.buildArray(time.getField(), 16);
      for (int i = 0; i < p.length; ++i) {
        p[i] =     f0.multiply(d[0][i]).
               add(f1.multiply(d[1][i])).
               add(f2.multiply(d[2][i])).
               add(f3.multiply(d[3][i])).
               add(f4.multiply(d[4][i])).
               add(f5.multiply(d[5][i])).
               add(f6.multiply(d[6][i]));
        q[i] =                    d[0][i].
                add(dot1.multiply(d[1][i])).
                add(dot2.multiply(d[2][i])).
                add(dot3.multiply(d[3][i])).
                add(dot4.multiply(d[4][i])).
                add(dot5.multiply(d[5][i])).
                add(dot6.multiply(d[6][i]));
      }
      interpolatedState       = currentStateLinearCombination(p[0], p[1], p[ 2], p[ 3], p[ 4], p[ 5], p[ 6], p[ 7],
                                                              p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]);
      interpolatedDerivatives = derivativeLinearCombination(q[0], q[1], q[ 2], q[ 3], q[ 4], q[ 5], q[ 6], q[ 7],
                                                            q[8], q[9], q[10], q[11], q[12], q[13], q[14], q[15]);
    }

    return mapper.mapStateAndDerivative(time, interpolatedState, interpolatedDerivatives);
  }
}
