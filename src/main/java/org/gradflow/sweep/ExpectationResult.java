package org.gradflow.sweep;

import java.util.Map;
import org.gradflow.validate.CheckResult;
import org.knowm.xchart.XYChart;

/**
 * The verdict of one expectation (as a validation {@link CheckResult}), the numbers behind it
 * (fit parameters, reference value), the per-point values and verdicts that go into the
 * aggregate table, and the figure (measured points, fitted line, predicted line), if any.
 */
public record ExpectationResult(
    CheckResult check,
    Map<String, Object> details,
    Map<String, Double> perPoint,
    Map<String, String> perPointVerdict,
    XYChart chart) {}
