package org.gradflow.models.cooccurrence;

import java.util.List;
import java.util.Set;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.EventSpec.Direction;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Registry entry {@code cooccurrence-surrogate}: the closed type-level system of spec §11.1.
 * params {"m", "m1", "L", "d"}; init {"preset": "ST"|... or "free" with sigma0/sigma1, "seed"}:
 * a = ±1, W ~ N(0, σ1²), W_V (three columns) ~ N(0, σ0²), so U(0) ≈ σ1² m m1, Γ(0) ≈ σ0² m I.
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
    p.allowOnly(Set.of("m", "m1", "L", "d"));
    int m = p.positiveInteger("m");
    int m1 = p.positiveInteger("m1");
    org.gradflow.spec.Sizes.state(p, m > m1 ? "m" : "m1", org.gradflow.spec.Sizes.product(m1 + 3, m));
    SpecSection init = spec.init();
    InitPreset preset;
    try {
      preset = InitPreset.parse(init.text("preset", "ST"));
    } catch (IllegalArgumentException e) {
      throw init.error("preset", e.getMessage());
    }
    double s0v = preset == InitPreset.FREE ? init.number("sigma0")
        : preset.sigma0(p.positiveInteger("L"), p.positiveInteger("d"), m);
    double s1v = preset == InitPreset.FREE ? init.number("sigma1") : preset.sigma1(m, m1);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(init.integer("seed", 2));
    double[] a = Initializer.signs(m1, rng);
    SurrogateFlow flow = new SurrogateFlow(a, m);
    double[] th0 = new double[m1 * m + 3 * m];
    for (int i = 0; i < th0.length; i++) {
      th0[i] = (i < m1 * m ? s1v : s0v) * rng.nextGaussian();
    }
    double[] s0 = th0;
    List<EventSpec> events = List.of(
        EventSpec.of("E_sign", "signAlignment", 0, Direction.UP, false, "min(G1, G2, −G3) > 0"),
        EventSpec.of("E_T1", "phaseOneEnd", 0, Direction.UP, false, "all type margins > 0 and signs aligned"));
    return new FlowSystem(flow, s0, events, null);
  }
}
