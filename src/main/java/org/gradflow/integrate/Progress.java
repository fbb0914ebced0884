package org.gradflow.integrate;

/** Receives progress of a run; called from the integrator's step handler (throttle inside). */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void start(String name, double tEnd) {}

    @Override
    public void update(double t, double loss, long steps, long rhsEvaluations) {}

    @Override
    public void finish(String summary) {}
  };

  void start(String name, double tEnd);

  void update(double t, double loss, long steps, long rhsEvaluations);

  void finish(String summary);
}
