package org.gradflow.gd;

import java.util.ArrayList;
import java.util.List;
import org.gradflow.core.Observable;
import org.gradflow.integrate.EventRecord;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SystemSpec;

/**
 * Events of an imported run, located on its snapshots: a sign change of observable − threshold
 * between snapshots at steps s and s' is reported at η·(s + f·(s' − s)), f the linear
 * interpolation fraction, as GD events are between consecutive steps. With sparse snapshots this
 * is only as fine as the snapshot spacing, and crossings that cancel between two snapshots are
 * not seen: the report says how many steps apart the snapshots are.
 */
final class SnapshotEvents {
  private SnapshotEvents() {}

  static List<EventRecord> locate(SystemSpec spec, FlowSystem system, ImportedRun run, double eta) {
    List<EventSpec> events = GdColumns.events(spec, system);
    List<EventRecord> out = new ArrayList<>();
    if (events.isEmpty() || !run.hasStates() || run.steps().length < 2) {
      return out;
    }
    GdColumns columns = new GdColumns(spec, system.flow(), events);
    Observable[] observables = new Observable[events.size()];
    for (int i = 0; i < observables.length; i++) {
      String name = events.get(i).observable();
      observables[i] = name.equals("loss") || name.equals("gradNorm") ? null : columns.resolve(spec, name);
    }
    double[] grad = new double[system.initialState().length];
    double[][] g = new double[run.steps().length][events.size()];
    for (int j = 0; j < run.steps().length; j++) {
      double[] theta = run.states()[j];
      double loss = system.flow().negativeGradient(theta, grad);
      for (int i = 0; i < events.size(); i++) {
        double v = observables[i] != null ? observables[i].value(theta, grad)
            : events.get(i).observable().equals("loss") ? loss : GdColumns.norm(grad);
        g[j][i] = v - events.get(i).threshold();
      }
    }
    for (int j = 1; j < run.steps().length; j++) {
      for (int i = 0; i < events.size(); i++) {
        EventSpec e = events.get(i);
        double g0 = g[j - 1][i];
        double g1 = g[j][i];
        boolean up = g0 < 0 && g1 >= 0;
        boolean down = g0 > 0 && g1 <= 0;
        if ((up || down) && e.directionKind().accepts(up)) {
          double f = g0 / (g0 - g1);
          double[] a = run.states()[j - 1];
          double[] b = run.states()[j];
          double[] state = new double[a.length];
          for (int k = 0; k < a.length; k++) {
            state[k] = a[k] + f * (b[k] - a[k]);
          }
          double t = eta * (run.steps()[j - 1] + f * (run.steps()[j] - run.steps()[j - 1]));
          double[] row = columns.rowAt(t, state);
          out.add(new EventRecord(e.name(), e.observable(), e.threshold(), up, t, columns.values(row), state,
              e.terminal(), false));
        }
      }
    }
    out.sort(java.util.Comparator.comparingDouble(EventRecord::time));
    return out;
  }
}
