package org.gradflow.validate;

import java.util.LinkedHashSet;
import java.util.Set;
import org.gradflow.integrate.AbsoluteTolerance;
import org.gradflow.integrate.ObservableCatalog;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * What an integration would refuse, found before one starts (nothing is created or run): the
 * tolerances resolve onto the layout, and every observable an event, the outputs or a plot
 * names exists (an unknown one is an error, not a silently missing curve).
 */
public final class Preflight {
  private Preflight() {}

  public static void check(SystemSpec spec, FlowSystem system) {
    AbsoluteTolerance.resolve(new SpecSection(spec.file(), "integrator.atol", spec.integrator().atol()),
        system.flow().layout(), system.initialState());
    ObservableCatalog catalog = new ObservableCatalog(system.flow());
    Set<String> names = new LinkedHashSet<>(spec.outputs().observables());
    spec.outputs().plots().forEach(p -> names.addAll(p.observables()));
    system.builtinEvents().forEach(e -> names.add(e.observable()));
    spec.events().stream().map(EventSpec::observable).forEach(names::add);
    for (String n : names) {
      try {
        catalog.resolve(n);
      } catch (IllegalArgumentException e) {
        throw new SpecException(spec.file(), "observable '" + n + "'", e.getMessage());
      }
    }
  }
}
