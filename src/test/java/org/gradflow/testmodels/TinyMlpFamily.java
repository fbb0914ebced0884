package org.gradflow.testmodels;

import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.ParameterLayout;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.InitialState;
import org.gradflow.models.ModelFamily;
import org.gradflow.spec.EventSpec;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.hipparchus.CalculusFieldElement;

/**
 * {@code tiny-mlp}: f(x) = aᵀ tanh(W x) fitted to points (x_i, y_i) by the squared loss
 * L = (1/2n) Σ_i (f(x_i) − y_i)². params: {@code hidden}; data: {@code x} (n×d), {@code y} (n);
 * init: the generic explicit / gaussian. Only the loss is written: the gradient is the
 * reverse-mode sweep of {@link Flow#loss(CalculusFieldElement[])}.
 */
public final class TinyMlpFamily implements ModelFamily {

  @Override
  public String name() {
    return "tiny-mlp";
  }

  @Override
  public String summary() {
    return "one-hidden-layer tanh net on explicit points (the docs/new-model.md template)";
  }

  @Override
  public FlowSystem build(SystemSpec spec) {
    int hidden = spec.params().positiveInteger("hidden");
    SpecSection data = spec.data();
    double[][] x = data.child("x").matrix(-1, -1);
    double[] y = data.child("y").vector(x.length);
    ParameterLayout layout = ParameterLayout.builder()
        .matrix("W", hidden, x[0].length).vector("a", hidden).build();
    double[] theta0 = InitialState.read(spec.init(), layout);
    List<EventSpec> events = List.of(EventSpec.of("fitted", "loss", 1e-3, EventSpec.Direction.DOWN, false,
        "the loss falls below 1e-3"));
    return new FlowSystem(new Flow(layout, x, y), theta0, events, null);
  }

  /** The model: its layout, its data and its loss written once over any field. */
  record Flow(ParameterLayout layout, double[][] x, double[] y) implements GradientFlow {

    @Override
    public <T extends CalculusFieldElement<T>> T loss(T[] theta) {
      ParameterLayout.Block w = layout.block("W");
      int a = layout.offset("a");
      T loss = theta[0].getField().getZero();
      for (int i = 0; i < x.length; i++) {
        T f = theta[0].getField().getZero();
        for (int k = 0; k < w.rows(); k++) {
          T pre = theta[0].getField().getZero();
          for (int j = 0; j < w.cols(); j++) {
            pre = pre.add(theta[w.index(k, j)].multiply(x[i][j]));
          }
          f = f.add(theta[a + k].multiply(pre.tanh()));
        }
        T r = f.subtract(y[i]);
        loss = loss.add(r.multiply(r));
      }
      return loss.divide(2.0 * x.length);
    }

    @Override
    public List<Observable> observables() {
      return List.of(Observable.of("normA", theta -> layout.blockNorm(theta, "a")));
    }
  }
}
