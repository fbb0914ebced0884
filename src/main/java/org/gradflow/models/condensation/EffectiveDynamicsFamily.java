package org.gradflow.models.condensation;

import org.gradflow.integrate.Direction;
import static org.gradflow.models.condensation.CondensationFlow.W1;
import static org.gradflow.models.condensation.CondensationFlow.W2;
import static org.gradflow.models.condensation.CondensationFlow.WV;

import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SystemSpec;

/**
 * {@code condensation-stage1}: the effective dynamics Eq. (7) from the same spec as the full
 * model (same data, same θ̄0; init.epsilon and params.activation are irrelevant at this order),
 * in rescaled time t̄. Events: COND_V (t̄_cond), A1_ONSET, and BLOWUP (E = 1e12, terminal).
 */
public final class EffectiveDynamicsFamily implements ModelFamily {
  static final String BLOWUP = "BLOWUP";
  static final double BLOWUP_LEVEL = 1e12;

  @Override
  public String name() {
    return "condensation-stage1";
  }

  @Override
  public String summary() {
    return "Chen & Luo Eq. (7): stage-1 effective dynamics dθ̄/dt̄ = ∇(v W_V W1 W2), finite-time blow-up";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    CondensationSetup s = CondensationSetup.read(spec);
    EffectiveDynamicsFlow flow = new EffectiveDynamicsFlow(s.data().v());
    double[] theta0 = new double[flow.layout().dimension()];
    int at = 0;
    for (String b : new String[] {WV, W1, W2}) {
      double[] blk = s.barBlock(b);
      System.arraycopy(blk, 0, theta0, at, blk.length);
      at += blk.length;
    }
    List<EventSpec> events = List.of(
        EventSpec.of(CondensationEvents.A1_ONSET, "a1Min", 0, Direction.UP, false, "Assumption 1 holds"),
        EventSpec.of(CondensationEvents.COND_V, "kappaV", 0.99, Direction.UP, false,
            "t̄_cond of Eq. (7)"),
        EventSpec.of(BLOWUP, "E", BLOWUP_LEVEL, Direction.UP, true,
            "E = 1e12: T̄* ≈ t̄ + E^{-1/3}"));
    return new FlowSystem(flow, theta0, events, null);
  }
}
