package org.gradflow.bench;

import org.gradflow.integrate.InPlaceDerivative;

/** An ODE that adds up the wall time spent in it: what an integration spends outside is the integrator's. */
final class TimedDerivative implements InPlaceDerivative {
  private final InPlaceDerivative ode;
  private long nanos;
  private long calls;

  TimedDerivative(InPlaceDerivative ode) {
    this.ode = ode;
  }

  @Override
  public int getDimension() {
    return ode.getDimension();
  }

  @Override
  public double[] computeDerivatives(double t, double[] y) {
    long start = System.nanoTime();
    double[] yDot = ode.computeDerivatives(t, y);
    nanos += System.nanoTime() - start;
    calls++;
    return yDot;
  }

  @Override
  public void computeDerivatives(double t, double[] y, double[] yDot) {
    long start = System.nanoTime();
    ode.computeDerivatives(t, y, yDot);
    nanos += System.nanoTime() - start;
    calls++;
  }

  long nanos() {
    return nanos;
  }

  long calls() {
    return calls;
  }
}
