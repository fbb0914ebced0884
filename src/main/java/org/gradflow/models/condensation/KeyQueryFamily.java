package org.gradflow.models.condensation;

import static org.gradflow.models.condensation.CondensationFlow.WK;
import static org.gradflow.models.condensation.CondensationFlow.WQ;

import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code condensation-stage2}: the linear key–query ODE Eq. (14) from the full model's spec,
 * starting at ε·θ̄0 restricted to W_Q, W_K. params.force: "plateau" (default: F* of Eq. 15 at
 * the convex minimiser β* of L̃1, which requires non-separable mean features) or an explicit
 * d×d matrix. Events: RANK_COLLAPSE_M, RANK_COLLAPSE_Q, KQ_ACTIVE and FURTHER (terminal).
 */
public final class KeyQueryFamily implements ModelFamily {

  @Override
  public String name() {
    return "condensation-stage2";
  }

  @Override
  public String summary() {
    return "Chen & Luo Eq. (14): linear key–query ODE dW_Q = F W_K, dW_K = Fᵀ W_Q (cosh/sinh closed form)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    CondensationSetup s = CondensationSetup.read(spec);
    int d = s.data().d();
    double[] force = force(spec.params(), s, d);
    KeyQueryFlow flow = new KeyQueryFlow(force, d);
    double[] theta0 = new double[2 * d * d];
    System.arraycopy(s.barBlock(WQ), 0, theta0, 0, d * d);
    System.arraycopy(s.barBlock(WK), 0, theta0, d * d, d * d);
    for (int i = 0; i < theta0.length; i++) {
      theta0[i] *= s.epsilon();
    }
    List<EventSpec> events = CondensationEvents.all().stream()
        .filter(e -> List.of(CondensationEvents.KQ_ACTIVE, CondensationEvents.RANK_COLLAPSE_M,
            CondensationEvents.RANK_COLLAPSE_Q, CondensationEvents.FURTHER).contains(e.name()))
        .toList();
    return new FlowSystem(flow, theta0, events, null);
  }

  static double[] force(SpecSection params, CondensationSetup s, int d) {
    if (params.has("force") && params.node().get("force").isArray()) {
      double[][] m = params.child("force").matrix(d, d);
      double[] f = new double[d * d];
      for (int i = 0; i < d; i++) {
        System.arraycopy(m[i], 0, f, i * d, d);
      }
      return f;
    }
    String kind = params.text("force", "plateau");
    if (!kind.equals("plateau")) {
      throw params.error("force", "must be \"plateau\" or a " + d + "×" + d + " matrix, got \"" + kind + "\"");
    }
    PlateauProblem p = new PlateauProblem(s.data(), s.loss());
    if (p.separable()) {
      throw params.error("force", "the labelled mean features y_i m_i are linearly separable (LP): L̃1 has no"
          + " minimiser, there is no plateau and F* is undefined; give an explicit force matrix");
    }
    return p.force(p.minimum().getPoint());
  }
}
