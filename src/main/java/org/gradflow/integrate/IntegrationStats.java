package org.gradflow.integrate;

/**
 * Cost of one run. {@code rhsEvaluations} counts every evaluation of −∇L the integrator made
 * (Hipparchus computes DP853's three dense-output stages on every step, so about 15 per step).
 */
public record IntegrationStats(
    String method,
    double rtol,
    int dimension,
    long acceptedSteps,
    long rejectedSteps,
    long rhsEvaluations,
    double wallSeconds,
    int digits) {}
