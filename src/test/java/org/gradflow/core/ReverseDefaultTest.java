package org.gradflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.analysis.differentiation.GradientField;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.Binary64;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;

/**
 * A model given by its loss alone gets exact gradients in double and in Dfp from the reverse
 * sweep; the spec's {@code "gradient"} selects the reverse sweep for a model with a kernel and
 * rejects what cannot be honoured.
 */
class ReverseDefaultTest {
  static final String LOSS_ONLY = """
      {"model": "loss-only", "integrator": {"tEnd": 2.0, "rtol": 1e-10, "atol": 1e-12}}""";

  static SystemSpec spec(String json, String... overrides) throws Exception {
    return SpecLoader.fromTree("test.json", Json.MAPPER.readTree(json), List.of(overrides));
  }

  @Test
  void lossOnlyModelHasExactGradientsInDoubleAndDfp() throws Exception {
    FlowSystem system = ModelRegistry.build(spec(LOSS_ONLY));
    GradientFlow flow = system.flow();
    double[] theta = system.initialState();
    int n = theta.length;
    assertThat(GradientFlow.hasAnalyticGradient(flow)).isFalse();

    Gradient[] g = MathArrays.buildArray(GradientField.getField(n), n);
    Binary64[] b = new Binary64[n];
    for (int i = 0; i < n; i++) {
      g[i] = Gradient.variable(n, i, theta[i]);
      b[i] = new Binary64(theta[i]);
    }
    Gradient forward = flow.loss(g);
    double[] out = new double[n];
    double loss = flow.negativeGradient(theta, out);
    assertThat(loss).isEqualTo(flow.loss(b).getReal()).isEqualTo(flow.loss(theta));
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(-out[i] - forward.getGradient()[i]));
      scale = Math.max(scale, Math.abs(forward.getGradient()[i]));
    }
    assertThat(worst / scale).isLessThanOrEqualTo(1e-14);

    DfpField field = new DfpField(40);
    FieldGradient<Dfp>[] fg = MathArrays.buildArray(FieldGradientField.getField(field, n), n);
    Dfp[] x = MathArrays.buildArray(field, n);
    for (int i = 0; i < n; i++) {
      x[i] = field.newDfp(theta[i]);
      fg[i] = FieldGradient.variable(n, i, x[i]);
    }
    FieldGradient<Dfp> fforward = flow.loss(fg);
    Dfp[] dout = MathArrays.buildArray(field, n);
    Dfp dloss = flow.negativeGradient(x, dout);
    assertThat(dloss.subtract(fforward.getValue()).abs().toDouble()).isLessThan(1e-38);
    Dfp dworst = field.getZero();
    for (int i = 0; i < n; i++) {
      Dfp diff = dout[i].negate().subtract(fforward.getPartialDerivative(i)).abs();
      dworst = diff.greaterThan(dworst) ? diff : dworst;
    }
    assertThat(dworst.divide(fforward.getPartialDerivative(0).abs()).toDouble()).isLessThanOrEqualTo(1e-35);
  }

  @Test
  void lossOnlyModelRunsInDoubleAndDfpAndCannotAskForAnAnalyticGradient() throws Exception {
    SystemSpec s = spec(LOSS_ONLY);
    RunResult r = FlowIntegrator.run(s, ModelRegistry.build(s), Progress.NONE);
    assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
    SystemSpec dfp = spec(LOSS_ONLY, "integrator.digits=30", "integrator.tEnd=0.05");
    RunResult rd = FlowIntegrator.run(dfp, ModelRegistry.build(dfp), Progress.NONE);
    assertThat(rd.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);

    assertThatThrownBy(() -> ModelRegistry.build(spec(LOSS_ONLY, "gradient=analytic")))
        .isInstanceOf(SpecException.class).hasMessageContaining("gradient").hasMessageContaining("no analytic gradient");
    assertThatThrownBy(() -> spec(LOSS_ONLY, "gradient=forward"))
        .isInstanceOf(SpecException.class).hasMessageContaining("gradient").hasMessageContaining("reverse-ad");
  }

  /** The end-to-end cross-check: the same run with the kernel and with the reverse sweep. */
  @Test
  void reverseAdRunReproducesTheAnalyticRun() {
    Path file = Path.of("systems/linear-network-random.json");
    SystemSpec analytic = SpecLoader.load(file, List.of("gradient=analytic"));
    SystemSpec reverse = SpecLoader.load(file, List.of("gradient=reverse-ad"));
    FlowSystem system = ModelRegistry.build(analytic);
    RunResult a = FlowIntegrator.run(analytic, system, Progress.NONE);
    RunResult b = FlowIntegrator.run(reverse, ModelRegistry.build(reverse), Progress.NONE);
    assertThat(b.stats().acceptedSteps()).isEqualTo(a.stats().acceptedSteps());
    double worst = 0;
    for (int i = 0; i < a.finalState().length; i++) {
      worst = Math.max(worst, Math.abs(a.finalState()[i] - b.finalState()[i]) / Math.max(1, Math.abs(a.finalState()[i])));
    }
    assertThat(worst).isLessThan(1e-12);

    // and on the Dfp path, where the quadratic has an analytic field gradient of its own
    Path dfp = Path.of("systems/quadratic-dfp.json");
    SystemSpec da = SpecLoader.load(dfp, List.of("integrator.tEnd=0.1"));
    SystemSpec dr = SpecLoader.load(dfp, List.of("integrator.tEnd=0.1", "gradient=reverse-ad"));
    RunResult x = FlowIntegrator.run(da, ModelRegistry.build(da), Progress.NONE);
    RunResult y = FlowIntegrator.run(dr, ModelRegistry.build(dr), Progress.NONE);
    DfpField f = new DfpField(40);
    for (int i = 0; i < 3; i++) {
      Dfp u = f.newDfp(x.decimalFinalState()[i]);
      Dfp v = f.newDfp(y.decimalFinalState()[i]);
      assertThat(u.subtract(v).abs().divide(u.abs()).toDouble()).as("component " + i).isLessThan(1e-28);
    }
  }
}
