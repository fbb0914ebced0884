package org.gradflow.models.linattn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.EventSpec.Direction;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * {@code linear-attention}: one-layer linear self-attention on in-context linear regression
 * (docs/linear-attention.md). params: {@code keyQuery} ("merged" | "separate"), {@code heads},
 * {@code rank} (separate only, default 1). data: {@code eigenvalues} of Λ (positive,
 * non-increasing), {@code contextLength} N. init: {@code {"aligned": {"scale": u0}}} (balanced,
 * aligned: the analytical time course), {@code {"zfb": {"sigma": σ}}} (Zhang, Frei &amp; Bartlett's
 * Thm 4.1 start, merged, one head), or the generic explicit / gaussian.
 */
public final class LinearAttentionFamily implements ModelFamily {

  @Override
  public String name() {
    return "linear-attention";
  }

  @Override
  public String summary() {
    return "linear self-attention, in-context regression, population loss (loss only, AD gradient):"
        + " ZFB Thm 4.1 limit, merged one drop, separate saddle-to-saddle";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    SpecSection p = spec.params();
    String keyQuery = p.text("keyQuery", null);
    if (!"merged".equals(keyQuery) && !"separate".equals(keyQuery)) {
      throw p.error("keyQuery", "must be \"merged\" or \"separate\", got " + keyQuery);
    }
    int heads = p.positiveInteger("heads");
    int rank = keyQuery.equals("merged") ? 0 : (p.has("rank") ? p.positiveInteger("rank") : 1);
    if (rank == 0 && p.has("rank")) {
      throw p.error("rank", "only for keyQuery \"separate\"");
    }
    InContextTask task = task(spec.data());
    long width = task.dimension() + 1L;
    Sizes.state(p, "heads", Sizes.product(heads, 2, width, width) + Sizes.product(heads, rank, 2, width));
    ParameterLayout layout = LinearAttentionFlow.layout(task.dimension(), heads, rank);
    double[] theta0 = spec.init().has("aligned") ? PaperStarts.aligned(spec.init().child("aligned"), task, heads, rank, layout)
        : spec.init().has("zfb") ? PaperStarts.zfb(spec.init().child("zfb"), task, heads, rank, layout)
        : InitialState.read(spec.init(), layout);
    return new FlowSystem(new LinearAttentionFlow(task, heads, rank, theta0), theta0,
        events(task, rank == 0 ? task.dimension() : Math.min(heads * rank, task.dimension()), rank == 0), null);
  }

  static InContextTask task(SpecSection data) {
    double[] lambda = data.child("eigenvalues").vector(-1);
    if (lambda.length == 0) {
      throw data.error("eigenvalues", "must list at least one eigenvalue of the token covariance");
    }
    for (int i = 0; i < lambda.length; i++) {
      if (!(lambda[i] > 0) || (i > 0 && lambda[i] > lambda[i - 1])) {
        throw data.error("eigenvalues", "must be positive and non-increasing, got " + java.util.Arrays.toString(lambda));
      }
    }
    return new InContextTask(lambda, data.positiveInteger("contextLength"));
  }

  /**
   * One event per loss drop, at the midpoint between consecutive plateau levels (merged: one
   * drop from ½ tr Λ to the minimum), and "pc<k> learned" when half of component k is learned.
   */
  static List<EventSpec> events(InContextTask task, int learnable, boolean merged) {
    List<EventSpec> e = new ArrayList<>();
    int drops = merged ? 1 : learnable;
    for (int k = 1; k <= drops; k++) {
      double level = merged ? 0.5 * (task.plateauLoss(0) + task.minimumLoss())
          : 0.5 * (task.plateauLoss(k - 1) + task.plateauLoss(k));
      e.add(EventSpec.of(merged ? "loss drop" : "loss drop " + k, "loss", level, Direction.DOWN, false,
          String.format(Locale.ROOT, "midway between plateau levels (%.6g)", level)));
    }
    for (int k = 1; k <= learnable; k++) {
      e.add(EventSpec.of("pc" + k + " learned", "pc" + k, 0.5, Direction.UP, false,
          "half of principal component " + k + " learned (Γ_kk = Γ*_kk / 2)"));
    }
    return e;
  }
}
