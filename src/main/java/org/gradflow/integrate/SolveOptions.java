package org.gradflow.integrate;

import java.util.Arrays;

/**
 * How a solve integrates, immutable with fluent {@code withXxx}: the method, the span [t0, t1],
 * tolerances already resolved per component (rtol, atol[i]), the evaluation budget, optional
 * step bounds, how often event functions are sampled, the number of decimal digits of the
 * high-precision (Dfp) path (0 = double) and the digits to which its events are located, and
 * GD's learning rate.
 */
public final class SolveOptions {
  /** Default relative accuracy of event times on the double path (absolute: this × t1). */
  public static final double EVENT_TIME_ACCURACY = 1e-13;

  private Method method = Method.DP853;
  private double t0;
  private double t1;
  private double rtol = 1e-10;
  private double[] atol;
  private long maxEvaluations = 200_000_000L;
  private Double initialStep;
  private Double maxStep;
  private Double eventCheckInterval;
  private Double eventCheckFraction;
  private int digits;
  private int eventDigits;
  private double learningRate = Double.NaN;
  private String label = "solve";
  private int eventStride = 1;
  private java.math.BigDecimal[] decimalStart;

  private SolveOptions() {}

  /** Every field is set through a fresh copy; an instance never changes once returned. */
  private SolveOptions copy() {
    SolveOptions c = new SolveOptions();
    c.method = method;
    c.t0 = t0;
    c.t1 = t1;
    c.rtol = rtol;
    c.atol = atol;
    c.maxEvaluations = maxEvaluations;
    c.initialStep = initialStep;
    c.maxStep = maxStep;
    c.eventCheckInterval = eventCheckInterval;
    c.eventCheckFraction = eventCheckFraction;
    c.digits = digits;
    c.eventDigits = eventDigits;
    c.learningRate = learningRate;
    c.label = label;
    c.eventStride = eventStride;
    c.decimalStart = decimalStart;
    return c;
  }

  /** DP853 on [0, t1] at rtol 1e-10, atol 1e-12 in every component of a state of that dimension. */
  public static SolveOptions of(int dimension, double t1) {
    SolveOptions o = new SolveOptions();
    o.atol = new double[dimension];
    Arrays.fill(o.atol, 1e-12);
    return o.withSpan(0, t1);
  }

  public SolveOptions withMethod(Method m) {
    SolveOptions c = copy();
    c.method = m;
    return c;
  }

  public SolveOptions withSpan(double start, double end) {
    if (!(end > start) || !Double.isFinite(end) || !Double.isFinite(start)) {
      throw new IllegalArgumentException("the span must be finite with t1 > t0, got [" + start + ", " + end + "]");
    }
    SolveOptions c = copy();
    c.t0 = start;
    c.t1 = end;
    return c;
  }

  public SolveOptions withT1(double end) {
    return withSpan(t0, end);
  }

  public SolveOptions withRtol(double r) {
    if (!(r > 0)) {
      throw new IllegalArgumentException("rtol must be positive, got " + r);
    }
    SolveOptions c = copy();
    c.rtol = r;
    return c;
  }

  /** Per-component absolute tolerances (copied). */
  public SolveOptions withAtol(double[] a) {
    SolveOptions c = copy();
    c.atol = a.clone();
    return c;
  }

  public SolveOptions withMaxEvaluations(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxEvaluations must be positive, got " + n);
    }
    SolveOptions c = copy();
    c.maxEvaluations = n;
    return c;
  }

  /** First step size tried, or null for Hipparchus's estimate. */
  public SolveOptions withInitialStep(Double h) {
    SolveOptions c = copy();
    c.initialStep = h;
    return c;
  }

  /** Largest step, or null for the end time t1. */
  public SolveOptions withMaxStep(Double h) {
    SolveOptions c = copy();
    c.maxStep = h;
    return c;
  }

  /**
   * Event functions are sampled at most {@code interval} apart (null: (t1 − t0)/2000), or
   * max(interval, fraction·|t|) with a fraction: a fixed resolution in log t.
   */
  public SolveOptions withEventCheck(Double interval, Double fraction) {
    SolveOptions c = copy();
    c.eventCheckInterval = interval;
    c.eventCheckFraction = fraction;
    return c;
  }

  /**
   * The high-precision path with {@code d} decimal digits (0: double); its event times are
   * located to {@code eventDigitsOrZero} digits relative to t1 (0: d − 5).
   */
  public SolveOptions withDigits(int d, int eventDigitsOrZero) {
    SolveOptions c = copy();
    c.digits = d;
    c.eventDigits = eventDigitsOrZero;
    return c;
  }

  /** GD's step η (and with it the time t0 + k·η of iterate k). */
  public SolveOptions withLearningRate(double eta) {
    SolveOptions c = copy();
    c.learningRate = eta;
    return c;
  }

  /** The name progress lines and the summary give the run. */
  public SolveOptions withLabel(String l) {
    SolveOptions c = copy();
    c.label = l;
    return c;
  }

  /**
   * GD only: observables other than loss and gradNorm are checked every {@code n} iterates, a
   * sign change located on the stored iterates in between (crossings that cancel within a
   * stride are not seen).
   */
  public SolveOptions withEventStride(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("eventStride must be >= 1, got " + n);
    }
    SolveOptions c = copy();
    c.eventStride = n;
    return c;
  }

  /**
   * θ0 as exact decimals for the high-precision path (the spec's literals, so a 40-digit run
   * solves the problem the spec states, not its doubles); null: θ0's doubles, exactly.
   */
  public SolveOptions withDecimalStart(java.math.BigDecimal[] theta0) {
    SolveOptions c = copy();
    c.decimalStart = theta0 == null ? null : theta0.clone();
    return c;
  }

  public java.math.BigDecimal[] decimalStart() {
    return decimalStart == null ? null : decimalStart.clone();
  }

  public int eventStride() {
    return eventStride;
  }

  public String label() {
    return label;
  }

  public Method method() {
    return method;
  }

  public double t0() {
    return t0;
  }

  public double t1() {
    return t1;
  }

  public double rtol() {
    return rtol;
  }

  public double[] atol() {
    return atol.clone();
  }

  public long maxEvaluations() {
    return maxEvaluations;
  }

  public Double initialStep() {
    return initialStep;
  }

  public Double maxStep() {
    return maxStep;
  }

  public int digits() {
    return digits;
  }

  public boolean highPrecision() {
    return digits > 0;
  }

  /** Digits of event times on the Dfp path. */
  public int eventDigits() {
    return eventDigits > 0 ? eventDigits : digits - 5;
  }

  public double learningRate() {
    return learningRate;
  }

  /** The event sampling interval in effect at time t. */
  public double eventCheckIntervalAt(double t) {
    double base = eventCheckInterval != null ? eventCheckInterval : (t1 - t0) / 2000.0;
    return eventCheckFraction != null ? Math.max(base, eventCheckFraction * Math.abs(t)) : base;
  }
}
