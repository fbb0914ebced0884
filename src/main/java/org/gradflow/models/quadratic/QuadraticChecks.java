package org.gradflow.models.quadratic;

import java.util.List;
import org.gradflow.models.RunResult;
import org.gradflow.integrate.Trajectory;
import org.gradflow.spec.SpecSection;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/** {@code quadratic.closedForm}: θ(t) against the eigendecomposition solution at every sample. */
public final class QuadraticChecks implements CheckProvider {

  @Override
  public List<CheckType> checkTypes() {
    return List.of(GenericChecks.type("quadratic.closedForm", QuadraticChecks::closedForm));
  }

  private static Check closedForm(SpecSection c) {
    CheckConfig.allowOnly(c, "relTol");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    double tol = c.number("relTol");
    String id = c.text("id", "closedForm");
    return ctx -> {
      RunResult r = ctx.run(system, set);
      double err = maxRelativeError(r);
      return List.of(CheckResult.absolute(id, "relative deviation of θ(t) from e^{−At}θ0 + A⁻¹(I − e^{−At})b,"
          + " max over samples of ‖Δ‖/‖θ‖", "linear ODE θ̇ = b − Aθ", 0.0, err, tol, r.trajectory().size() + " samples"));
    };
  }

  /** max over samples of ‖θ(t) − θ_exact(t)‖ / ‖θ_exact(t)‖. */
  public static double maxRelativeError(RunResult r) {
    QuadraticFlow flow = (QuadraticFlow) r.system().flow();
    QuadraticSolution exact = new QuadraticSolution(flow.matrix(), flow.b(), r.system().initialState());
    Trajectory tr = r.trajectory();
    double worst = 0;
    for (int i = 0; i < tr.size(); i++) {
      double[] want = exact.at(tr.row(i)[0]);
      double[] got = tr.state(i);
      double d = 0;
      double n = 0;
      for (int k = 0; k < want.length; k++) {
        d += (got[k] - want[k]) * (got[k] - want[k]);
        n += want[k] * want[k];
      }
      worst = Math.max(worst, Math.sqrt(d / n));
    }
    return worst;
  }
}
