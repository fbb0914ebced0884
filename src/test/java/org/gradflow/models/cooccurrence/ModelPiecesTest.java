package org.gradflow.models.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.junit.jupiter.api.Test;

/** Data generator, explicit loading, spec errors, the margin JVP, the surrogate's closure. */
class ModelPiecesTest {

  @Test
  void generatorMeetsDefinition21AndAssumption23() {
    CooccurrenceData d = DataGenerator.generate(60, 5, 163, DataGenerator.RandomWords.UNIQUE, true, 3);
    assertThat(new int[] {d.count(1), d.count(2), d.count(3), d.count(4)}).containsExactly(30, 10, 10, 10);
    assertThat(d.assumptions().holds()).isTrue();
    assertThat(d.assumptions().randomSlots()).isEqualTo(160);
    CooccurrenceData r = DataGenerator.generate(60, 5, 64, DataGenerator.RandomWords.REPLACEMENT, true, 3);
    assertThat(r.assumptions().uniqueRandomWords()).isFalse();
    assertThat(r.assumptions().exactFractions()).isTrue();
    assertThat(r.assumptions().labelsMatchTypes()).isTrue();
    assertThat(r.assumptions().commonTokenEverywhere()).isTrue();
    // seeded: same seed, same data
    CooccurrenceData again = DataGenerator.generate(60, 5, 64, DataGenerator.RandomWords.REPLACEMENT, true, 3);
    for (int i = 0; i < 60; i++) {
      assertThat(again.tokens(i)).containsExactly(r.tokens(i));
    }
  }

  @Test
  void uniqueWordsNeedALargeEnoughVocabulary() {
    assertThatThrownBy(() -> DataGenerator.generate(60, 5, 64, DataGenerator.RandomWords.UNIQUE, true, 1))
        .hasMessageContaining("d ≥ 3 + 160");
  }

  /** The instance of systems/cooccurrence-small.json written out explicitly must give the same flow. */
  @Test
  void explicitDataAndBlocksReproduceTheGeneratedInstance() {
    SystemSpec spec = SpecLoader.load(Path.of("systems/cooccurrence-small.json"), List.of());
    FlowSystem gen = ModelRegistry.build(spec);
    CooccurrenceFlow f = (CooccurrenceFlow) gen.flow();
    ObjectNode tree = ((ObjectNode) spec.tree()).deepCopy();
    ObjectNode data = tree.putObject("data").putObject("explicit");
    ArrayNode tokens = data.putArray("tokens");
    ArrayNode labels = data.putArray("labels");
    for (int i = 0; i < f.data().n(); i++) {
      ArrayNode row = tokens.addArray();
      for (int t : f.data().tokens(i)) {
        row.add(t);
      }
      labels.add(f.data().label(i));
    }
    ObjectNode init = tree.putObject("init");
    ObjectNode blocks = init.putObject("explicit");
    for (String b : List.of("W", "W_V", "W_K", "W_Q")) {
      blocks.set(b, Json.MAPPER.valueToTree(f.layout().matrix(gen.initialState(), b)));
    }
    init.set("a", Json.MAPPER.valueToTree(f.a()));
    FlowSystem ex = ModelRegistry.build(SpecLoader.fromTree("explicit.json", tree, List.of()));
    assertThat(ex.initialState()).containsExactly(gen.initialState());
    double[] g1 = new double[gen.initialState().length];
    double[] g2 = new double[g1.length];
    assertThat(ex.flow().negativeGradient(ex.initialState(), g2))
        .isEqualTo(gen.flow().negativeGradient(gen.initialState(), g1));
    assertThat(g2).containsExactly(g1);
  }

  @Test
  void badInputNamesFileAndField() {
    SystemSpec base = SpecLoader.load(Path.of("systems/cooccurrence-small.json"), List.of());
    assertThatThrownBy(() -> build(base, "params.n=13"))
        .isInstanceOf(SpecException.class).hasMessageContaining("params.n").hasMessageContaining("divisible by 6");
    assertThatThrownBy(() -> build(base, "params.d=10"))
        .isInstanceOf(SpecException.class).hasMessageContaining("params.d");
    assertThatThrownBy(() -> build(base, "params.width=3"))
        .isInstanceOf(SpecException.class).hasMessageContaining("params.width").hasMessageContaining("unknown field");
    assertThatThrownBy(() -> build(base, "init.preset=Kaiming"))
        .isInstanceOf(SpecException.class).hasMessageContaining("init.preset");
    assertThatThrownBy(() -> build(base, "data.generator.randomWords=sometimes"))
        .isInstanceOf(SpecException.class).hasMessageContaining("data.generator.randomWords");
    assertThatThrownBy(() -> build(base, "data={\"explicit\": {\"tokens\": [[0, 1, 2, 99]], \"labels\": [1]}}"))
        .isInstanceOf(SpecException.class).hasMessageContaining("data.explicit.tokens[0][3]")
        .hasMessageContaining("cooccurrence-small.json");
    assertThatThrownBy(() -> build(base, "init={\"explicit\": {\"W\": [[1]]}, \"a\": [1,1,1,1,1,1,1,1]}"))
        .isInstanceOf(SpecException.class).hasMessageContaining("init.explicit.W");
  }

  private static FlowSystem build(SystemSpec base, String override) {
    JsonNode tree = base.tree();
    return ModelRegistry.build(SpecLoader.fromTree(base.file(), tree, List.of(override)));
  }

  @Test
  void marginJvpMatchesCentralDifferences() {
    Instance inst = Instances.explicitWithRepeats();
    AttentionKernel k = new AttentionKernel(inst.data(), inst.a(), inst.m());
    double[] th = inst.theta0();
    double[] dir = GradientTest.randomDirection(th.length, 9);
    double[] jvp = new double[inst.data().n()];
    k.forward(th);
    k.marginRates(th, dir, jvp);
    double h = 1e-6;
    double[] plus = th.clone();
    double[] minus = th.clone();
    for (int i = 0; i < th.length; i++) {
      plus[i] += h * dir[i];
      minus[i] -= h * dir[i];
    }
    k.forward(plus);
    double[] mp = k.margin.clone();
    k.forward(minus);
    for (int i = 0; i < jvp.length; i++) {
      assertThat(jvp[i]).isCloseTo((mp[i] - k.margin[i]) / (2 * h), within(1e-7 * Math.max(1, Math.abs(jvp[i]))));
    }
  }

  /**
   * §11.1: the image (G, U, Γ) of the surrogate's gradient flow (linear MLP G = aᵀW W_V under the
   * type-level loss) obeys the closed system: push-forward of θ̇ = closed field at (G, U, Γ).
   */
  @Test
  void surrogateClosesOverTheLinearNetwork() {
    int m1 = 5;
    int m = 4;
    SplittableRandom rng = new SplittableRandom(4);
    double[] a = Initializer.signs(m1, rng);
    SurrogateFlow flow = new SurrogateFlow(a, m);
    double[] th = new double[m1 * m + 3 * m];
    for (int i = 0; i < th.length; i++) {
      th[i] = 0.4 * rng.nextGaussian();
    }
    double[] td = new double[th.length];
    double loss = flow.negativeGradient(th, td);
    double[] s = image(th, a, m);
    // d/dt of the image along θ̇, by its exact directional derivative (bilinear pieces)
    double[] ds = new double[13];
    double eps = 1e-6;
    double[] plus = th.clone();
    double[] minus = th.clone();
    for (int i = 0; i < th.length; i++) {
      plus[i] += eps * td[i];
      minus[i] -= eps * td[i];
    }
    double[] sp = image(plus, a, m);
    double[] sm = image(minus, a, m);
    for (int i = 0; i < 13; i++) {
      ds[i] = (sp[i] - sm[i]) / (2 * eps);
    }
    double[] closed = new double[13];
    double closedLoss = SurrogateFlow.closedField(s, m1, closed);
    assertThat(closedLoss).isCloseTo(loss, within(1e-15));
    for (int i = 0; i < 13; i++) {
      assertThat(closed[i]).isCloseTo(ds[i], within(1e-8 * Math.max(1, Math.abs(ds[i]))));
    }
    // and the flow is a true gradient flow: −∇ by AD of its generic loss
    org.hipparchus.analysis.differentiation.Gradient[] x = new org.hipparchus.analysis.differentiation.Gradient[th.length];
    for (int i = 0; i < th.length; i++) {
      x[i] = org.hipparchus.analysis.differentiation.Gradient.variable(th.length, i, th[i]);
    }
    double[] grad = flow.loss(x).getGradient();
    for (int i = 0; i < th.length; i++) {
      assertThat(td[i]).isCloseTo(-grad[i], within(1e-14));
    }
  }

  /** (G, U, Γ) of θ = [W (m1×m), W_V (m×3)]. */
  private static double[] image(double[] th, double[] a, int m) {
    int m1 = a.length;
    double[] u = new double[m];
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        u[r] += a[j] * th[j * m + r];
      }
    }
    double[] s = new double[13];
    int off = m1 * m;
    for (int r = 0; r < m; r++) {
      s[3] += u[r] * u[r];
      for (int x = 0; x < 3; x++) {
        s[x] += u[r] * th[off + 3 * r + x];
        for (int y = 0; y < 3; y++) {
          s[4 + 3 * x + y] += th[off + 3 * r + x] * th[off + 3 * r + y];
        }
      }
    }
    return s;
  }
}
