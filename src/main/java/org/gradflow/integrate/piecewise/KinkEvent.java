package org.gradflow.integrate.piecewise;

/**
 * A switch of smooth piece at a ReLU kink: surface {@code surface} was reached at {@code time}
 * and the flow continued on side {@code to} ("active", "inactive" or "sliding" along the kink),
 * having been on {@code from}.
 */
public record KinkEvent(double time, int surface, String from, String to, double[] state) {}
