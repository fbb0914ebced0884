package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;

/**
 * The columns of a trajectory: t, loss, gradNorm, then observables. Values are computed at the
 * exact θ̇ = −∇L(θ) (one gradient evaluation per sample, into an own buffer), never at the
 * interpolated derivative.
 */
final class RecordedObservables {
  private final GradientFlow flow;
  private final List<Observable> observables;
  private final double[] thetaDot;
  private long evaluations;

  RecordedObservables(GradientFlow flow, List<Observable> observables) {
    this.flow = flow;
    this.observables = observables.stream()
        .filter(o -> !o.name().equals("loss") && !o.name().equals("gradNorm")).toList();
    this.thetaDot = new double[flow.layout().dimension()];
  }

  List<String> columns() {
    List<String> c = new ArrayList<>(List.of("t", "loss", "gradNorm"));
    observables.forEach(o -> c.add(o.name()));
    return c;
  }

  double[] row(double t, double[] theta) {
    double[] row = new double[3 + observables.size()];
    row[0] = t;
    row[1] = flow.negativeGradient(theta, thetaDot);
    evaluations++;
    row[2] = ObservableCatalog.norm(thetaDot);
    for (int i = 0; i < observables.size(); i++) {
      row[3 + i] = observables.get(i).value(theta, thetaDot);
    }
    return row;
  }

  /** A row at a state whose loss and −∇L are already known (GD iterates): no gradient evaluation. */
  double[] row(double t, double loss, double[] theta, double[] negGrad) {
    double[] row = new double[3 + observables.size()];
    row[0] = t;
    row[1] = loss;
    row[2] = ObservableCatalog.norm(negGrad);
    for (int i = 0; i < observables.size(); i++) {
      row[3 + i] = observables.get(i).value(theta, negGrad);
    }
    return row;
  }

  /** One observable at θ, seeing the exact θ̇ = −∇L(θ). */
  double value(Observable o, double[] theta) {
    flow.negativeGradient(theta, thetaDot);
    evaluations++;
    return o.value(theta, thetaDot);
  }

  Map<String, Double> values(double t, double[] theta) {
    double[] row = row(t, theta);
    List<String> names = columns();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 1; i < row.length; i++) {
      m.put(names.get(i), row[i]);
    }
    return m;
  }

  /** Gradient evaluations spent on recording (not counted as integrator RHS calls). */
  long evaluations() {
    return evaluations;
  }
}
