package org.gradflow.gd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.integrate.ObservableCatalog;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SystemSpec;

/**
 * The columns of a GD trajectory, chosen exactly as a flow run chooses them (t, loss, gradNorm,
 * the model's observables, the spec's extra observables, every event's observable), so that GD
 * and flow trajectories line up column by column. Observables see θ̇ = −∇L(θ_k), the GD
 * direction. One instance serves one run (observables keep workspaces).
 */
final class GdColumns {
  private final ObservableCatalog catalog;
  private final List<Observable> observables = new ArrayList<>();
  private final List<String> names = new ArrayList<>(List.of("t", "loss", "gradNorm"));
  private final double[] work;
  private final GradientFlow flow;

  GdColumns(SystemSpec spec, GradientFlow flow, List<EventSpec> events) {
    this.flow = flow;
    this.catalog = new ObservableCatalog(flow);
    this.work = new double[flow.layout().dimension()];
    Set<String> wanted = new LinkedHashSet<>();
    catalog.defaults().forEach(o -> wanted.add(o.name()));
    wanted.addAll(spec.outputs().observables());
    events.forEach(e -> wanted.add(e.observable()));
    for (String n : wanted) {
      if (n.equals("loss") || n.equals("gradNorm")) {
        continue;
      }
      observables.add(resolve(spec, n));
      names.add(n);
    }
  }

  /** The events of a run: the system's built-in ones, then the spec's (as the flow run does). */
  static List<EventSpec> events(SystemSpec spec, FlowSystem system) {
    List<EventSpec> all = new ArrayList<>(system.builtinEvents());
    all.addAll(spec.events());
    return all;
  }

  Observable resolve(SystemSpec spec, String name) {
    try {
      return catalog.resolve(name);
    } catch (IllegalArgumentException e) {
      throw new SpecException(spec.file(), "observable '" + name + "'", e.getMessage());
    }
  }

  List<String> names() {
    return names;
  }

  /** A row at a GD iterate whose loss and −∇L are already known. */
  double[] row(double t, double loss, double[] theta, double[] negGrad) {
    double[] row = new double[names.size()];
    row[0] = t;
    row[1] = loss;
    row[2] = norm(negGrad);
    for (int i = 0; i < observables.size(); i++) {
      row[3 + i] = observables.get(i).value(theta, negGrad);
    }
    return row;
  }

  /** A row at an arbitrary state (one extra gradient evaluation; for event states). */
  double[] rowAt(double t, double[] theta) {
    double loss = flow.negativeGradient(theta, work);
    return row(t, loss, theta, work);
  }

  Map<String, Double> values(double[] row) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 1; i < row.length; i++) {
      m.put(names.get(i), row[i]);
    }
    return m;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
