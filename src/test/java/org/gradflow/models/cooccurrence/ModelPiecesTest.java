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
   * §11.1: the surrogate's vector field is the push-forward of the gradient flow of the
   * two-layer linear network G = aᵀW W_V (3 columns) under the type-level loss.
   */
  @Test
  void surrogateClosesOverTheLinearNetwork() {
    int m1 = 5;
    int m = 4;
    SplittableRandom rng = new SplittableRandom(4);
    double[] a = Initializer.signs(m1, rng);
    double[][] w = new double[m1][m];
    double[][] v = new double[m][3];
    for (double[] row : w) {
      for (int j = 0; j < m; j++) {
        row[j] = 0.4 * rng.nextGaussian();
      }
    }
    for (double[] row : v) {
      for (int j = 0; j < 3; j++) {
        row[j] = 0.4 * rng.nextGaussian();
      }
    }
    double[] u = new double[m];
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        u[r] += a[j] * w[j][r];
      }
    }
    double[] g = new double[3];
    double[][] gam = new double[3][3];
    for (int x = 0; x < 3; x++) {
      for (int r = 0; r < m; r++) {
        g[x] += u[r] * v[r][x];
        for (int y = 0; y < 3; y++) {
          gam[x][y] += v[r][x] * v[r][y];
        }
      }
    }
    double uu = 0;
    for (double x : u) {
      uu += x * x;
    }
    // A = −∂L/∂G, then Ẇ = a (W_V A)ᵀ, Ẇ_V = u Aᵀ
    double[] aVec = new double[3];
    for (int k = 0; k < 4; k++) {
      double mk = 0;
      for (int x = 0; x < 3; x++) {
        mk += SurrogateFlow.Y[k] * SurrogateFlow.PHI[k][x] * g[x];
      }
      double gk = 1 / (1 + Math.exp(mk));
      for (int x = 0; x < 3; x++) {
        aVec[x] += SurrogateFlow.PI[k] * gk * SurrogateFlow.Y[k] * SurrogateFlow.PHI[k][x];
      }
    }
    double[] va = new double[m];
    for (int r = 0; r < m; r++) {
      for (int x = 0; x < 3; x++) {
        va[r] += v[r][x] * aVec[x];
      }
    }
    double[][] wDot = new double[m1][m];
    double[][] vDot = new double[m][3];
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        wDot[j][r] = a[j] * va[r];
      }
    }
    for (int r = 0; r < m; r++) {
      for (int x = 0; x < 3; x++) {
        vDot[r][x] = u[r] * aVec[x];
      }
    }
    // push-forward: d/dt of G, U, Γ
    double[] uDotVec = new double[m];
    for (int j = 0; j < m1; j++) {
      for (int r = 0; r < m; r++) {
        uDotVec[r] += a[j] * wDot[j][r];
      }
    }
    double[] state = new double[13];
    double[] expected = new double[13];
    for (int x = 0; x < 3; x++) {
      state[x] = g[x];
      for (int r = 0; r < m; r++) {
        expected[x] += uDotVec[r] * v[r][x] + u[r] * vDot[r][x];
      }
    }
    state[3] = uu;
    for (int r = 0; r < m; r++) {
      expected[3] += 2 * u[r] * uDotVec[r];
    }
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        state[4 + 3 * x + y] = gam[x][y];
        for (int r = 0; r < m; r++) {
          expected[4 + 3 * x + y] += vDot[r][x] * v[r][y] + v[r][x] * vDot[r][y];
        }
      }
    }
    double[] out = new double[13];
    new SurrogateFlow(m1).negativeGradient(state, out);
    for (int i = 0; i < 13; i++) {
      assertThat(out[i]).isCloseTo(expected[i], within(1e-13));
    }
  }
}
