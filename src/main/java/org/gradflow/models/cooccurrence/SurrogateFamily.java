package org.gradflow.models.cooccurrence;

import java.util.List;
import java.util.Set;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.BlockReader;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.EventSpec.Direction;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Registry entry {@code cooccurrence-surrogate}: the closed type-level system of spec §11.1.
 * params {"m", "m1", "L", "d"}; init {"preset": "ST"|..., or "free" with sigma0/sigma1} gives
 * G(0) = 0, U(0) = σ1² m m1, Γ(0) = σ0² m I; or {"explicit": {"G": [..], "U": u, "Gamma": [[..]]}}.
 */
public final class SurrogateFamily implements ModelFamily {

  @Override
  public String name() {
    return "cooccurrence-surrogate";
  }

  @Override
  public String summary() {
    return "type-level surrogate of the co-occurrence flow (G, U, Gram of W_V; frozen uniform attention, n → ∞)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    SpecSection p = spec.params();
    for (String f : p.fieldNames()) {
      if (!Set.of("m", "m1", "L", "d").contains(f)) {
        throw p.error(f, "unknown field (expected m, m1, L, d)");
      }
    }
    int m = p.positiveInteger("m");
    int m1 = p.positiveInteger("m1");
    SurrogateFlow flow = new SurrogateFlow(m1);
    SpecSection init = spec.init();
    double[] s0;
    if (init.has("explicit")) {
      s0 = BlockReader.read(init.child("explicit"), flow.layout());
    } else {
      InitPreset preset;
      try {
        preset = InitPreset.parse(init.text("preset", "ST"));
      } catch (IllegalArgumentException e) {
        throw init.error("preset", e.getMessage());
      }
      double s0v = preset == InitPreset.FREE ? init.number("sigma0") : preset.sigma0(p.positiveInteger("L"), p.positiveInteger("d"), m);
      double s1v = preset == InitPreset.FREE ? init.number("sigma1") : preset.sigma1(m, m1);
      s0 = new double[13];
      s0[3] = s1v * s1v * m * m1;
      for (int x = 0; x < 3; x++) {
        s0[4 + 4 * x] = s0v * s0v * m;
      }
    }
    List<EventSpec> events = List.of(
        EventSpec.of("E_sign", "signAlignment", 0, Direction.UP, false, "min(G1, G2, −G3) > 0"),
        EventSpec.of("E_T1", "phaseOneEnd", 0, Direction.UP, false, "all type margins > 0 and signs aligned"));
    return new FlowSystem(flow, s0, events, null);
  }
}
