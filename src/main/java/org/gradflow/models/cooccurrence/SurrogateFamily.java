package org.gradflow.models.cooccurrence;

import java.util.List;
import java.util.Set;
import org.gradflow.models.ExplicitInputs;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.EventSpec.Direction;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Registry entry {@code cooccurrence-surrogate}: the closed type-level system of spec §11.1.
 * params {"m", "m1", "L", "d"}; init {"preset": "ST"|... or "free" with sigma0/sigma1, "seed"}
 * (or {"explicit": {W, W_V}, "a": [±1...]}): a = ±1, W ~ N(0, σ1²), W_V (three columns) ~ N(0, σ0²), so U(0) ≈ σ1² m m1, Γ(0) ≈ σ0² m I.
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
    double[] a;
    double[] s0;
    if (init.has("explicit")) {
      a = init.child("a").vector(m1);
      s0 = org.gradflow.spec.BlockReader.read(init.child("explicit"), new SurrogateFlow(a, m).layout());
    } else {
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
      a = Initializer.signs(m1, rng);
      s0 = new double[m1 * m + 3 * m];
      for (int i = 0; i < s0.length; i++) {
        s0[i] = (i < m1 * m ? s1v : s0v) * rng.nextGaussian();
      }
    }
    SurrogateFlow flow = new SurrogateFlow(a, m);
    List<EventSpec> events = List.of(
        EventSpec.of("E_sign", "signAlignment", 0, Direction.UP, false, "min(G1, G2, −G3) > 0"),
        EventSpec.of("E_T1", "phaseOneEnd", 0, Direction.UP, false, "all type margins > 0 and signs aligned"));
    return new FlowSystem(flow, s0, events, null)
        .withInputs(ExplicitInputs.NONE.withInitFields(ExplicitInputs.fields("a", a.clone())));
  }
}
