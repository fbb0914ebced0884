package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a system is integrated. {@code atol} is a number, or an object with {@code default} and
 * per-block entries, and/or {@code relativeToInitial} (per-block atol = factor × RMS of that
 * block at t = 0; for tiny initializations). {@code digits} switches to the high-precision
 * (Dfp) path. {@code eventCheckInterval} is the longest stretch of time over which an event
 * function is not sampled (default t_end/2000): larger is cheaper but may step over two close
 * crossings of the same threshold. {@code eventCheckFraction} f makes that stretch grow with
 * time, max(eventCheckInterval, f·t): a fixed resolution in log t, which is how these flows are
 * read (phases at t ≈ 0.1, asymptotics over decades) and far fewer samples on long runs.
 */
public record IntegratorSpec(
    String method,
    Double rtol,
    JsonNode atol,
    Double tEnd,
    GridSpec grid,
    Long maxEvaluations,
    Double stopLossBelow,
    Double stopGradientNormBelow,
    Double initialStep,
    Double maxStep,
    Integer digits,
    Double eventCheckInterval,
    Double eventCheckFraction) {

  public IntegratorSpec {
    method = method == null ? "DP853" : method.toUpperCase(java.util.Locale.ROOT);
    if (!method.equals("DP853") && !method.equals("DP54")) {
      throw new IllegalArgumentException("method must be DP853 or DP54, got " + method);
    }
    rtol = rtol == null ? 1e-10 : rtol;
    if (!(rtol > 0) || !Double.isFinite(rtol)) {
      throw new IllegalArgumentException("rtol must be positive, got " + rtol);
    }
    // rtol >= 1 lets every step through (no digit is controlled); a subnormal one cannot be met
    if (rtol >= 1) {
      throw new IllegalArgumentException("rtol must be below 1 (no digit of the result is controlled), got " + rtol);
    }
    if (rtol < Double.MIN_NORMAL) {
      throw new IllegalArgumentException("rtol is subnormal (" + rtol + "): no arithmetic can meet it");
    }
    requireFinitePositive("atol", atol);
    if (tEnd == null) {
      throw new IllegalArgumentException("tEnd is required");
    }
    if (!(tEnd > 0) || !Double.isFinite(tEnd)) {
      throw new IllegalArgumentException("tEnd must be positive and finite, got " + tEnd);
    }
    grid = grid == null ? GridSpec.defaults() : grid;
    maxEvaluations = maxEvaluations == null ? 200_000_000L : maxEvaluations;
    if (maxEvaluations <= 0) {
      throw new IllegalArgumentException("maxEvaluations must be positive, got " + maxEvaluations);
    }
    positiveOrNull("stopLossBelow", stopLossBelow);
    positiveOrNull("stopGradientNormBelow", stopGradientNormBelow);
    positiveOrNull("initialStep", initialStep);
    positiveOrNull("maxStep", maxStep);
    positiveOrNull("eventCheckInterval", eventCheckInterval);
    positiveOrNull("eventCheckFraction", eventCheckFraction);
    if (digits != null && (digits < 17 || digits > 400)) {
      throw new IllegalArgumentException("digits must be between 17 and 400, got " + digits);
    }
    if (digits != null && !method.equals("DP853")) {
      throw new IllegalArgumentException("the high-precision path (digits) supports method DP853 only, got " + method);
    }
  }

  /** Every number in an atol (a number, or an object of numbers) must be finite and positive. */
  private static void requireFinitePositive(String where, JsonNode atol) {
    if (atol == null || atol.isNull()) {
      return;
    }
    if (atol.isNumber() && !(atol.doubleValue() > 0 && Double.isFinite(atol.doubleValue()))) {
      throw new InvalidField(where, "must be finite and positive, got " + atol.doubleValue());
    }
    if (atol.isObject()) {
      atol.fields().forEachRemaining(e -> requireFinitePositive(where + "." + e.getKey(), e.getValue()));
    }
  }

  private static void positiveOrNull(String field, Double v) {
    if (v != null && (!(v > 0) || v.isInfinite())) {
      throw new IllegalArgumentException(field + " must be positive, got " + v);
    }
  }

  /** The event sampling interval in effect at time t. */
  public double eventCheckIntervalAt(double t) {
    double base = eventCheckInterval != null ? eventCheckInterval : tEnd / 2000.0;
    return eventCheckFraction != null ? Math.max(base, eventCheckFraction * Math.abs(t)) : base;
  }

  public boolean highPrecision() {
    return digits != null;
  }
}
