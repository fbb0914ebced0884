package org.gradflow.models.cooccurrence;

import org.gradflow.models.ExplicitInputs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.SystemSpec;

/** Registry entry {@code cooccurrence}: Yang et al. (NeurIPS 2024), word co-occurrence. */
public final class CooccurrenceFamily implements ModelFamily {

  @Override
  public String name() {
    return "cooccurrence";
  }

  @Override
  public String summary() {
    return "one-layer transformer (W, W_V, W_K, W_Q; fixed a) on word co-occurrence data, "
        + "logistic loss (Yang et al. 2024)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    Instance inst = InstanceReader.read(spec);
    return system(inst, InstanceReader.observeInvariants(spec),
        InstanceReader.builtinEvents(spec, inst.m()));
  }

  /** The system of one instance: flow with its observables, θ0, events, Figure-1 writer. */
  public static FlowSystem system(Instance inst, boolean observeInvariants,
      java.util.List<org.gradflow.spec.EventSpec> events) {
    CooccurrenceFlow flow = inst.flow();
    Probe probe = new Probe(flow, inst.theta0(), observeInvariants);
    flow.setObservables(CooccurrenceObservables.build(probe));
    return new FlowSystem(flow, inst.theta0().clone(), events,
        new Figure1Writer(inst)).withInputs(explicitInputs(inst));
  }

  /** data.explicit {tokens, labels} and the fixed output weights init.a. */
  static ExplicitInputs explicitInputs(Instance inst) {
    CooccurrenceData data = inst.data();
    int[][] tokens = new int[data.n()][data.length()];
    int[] labels = new int[data.n()];
    for (int i = 0; i < data.n(); i++) {
      for (int h = 0; h < data.length(); h++) {
        tokens[i][h] = data.token(i, h);
      }
      labels[i] = data.label(i);
    }
    return ExplicitInputs.data(ExplicitInputs.fields("explicit",
        ExplicitInputs.fields("tokens", tokens, "labels", labels)))
        .withInitFields(ExplicitInputs.fields("a", inst.a().clone()));
  }
}
