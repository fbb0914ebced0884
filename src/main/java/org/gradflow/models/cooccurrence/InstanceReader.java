package org.gradflow.models.cooccurrence;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.BlockReader;
import org.gradflow.spec.Sizes;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * Reads the {@code params}, {@code data} and {@code init} sections of a cooccurrence system:
 *
 * <pre>
 * "params": {"n": 60, "L": 5, "d": 64, "m": 128, "m1": 256, "observeInvariants": true,
 *             "builtinEvents": ["E_sign", "E_T1"]}        (optional: a subset of the §7 events)
 * "data":   {"generator": {"seed": 1, "randomWords": "unique"|"replacement", "exactFractions": true}}
 *        or {"explicit": {"tokens": [[0, 5, 1, 2, 7], ...], "labels": [1, ...]}}
 * "init":   {"preset": "ST"|"AS-u"|"AS-r"|"KN"|"TD"|"free", "seed": 2, "sigma0": .., "sigma1": ..}
 *        or {"explicit": {"W": [[..]], "W_V": .., "W_K": .., "W_Q": ..}, "a": [1, -1, ...]}
 * </pre>
 *
 * Token ids are 0-based (µ1 = 0, µ2 = 1, µ3 = 2). Every bad value raises a SpecException that
 * names the file and field.
 */
final class InstanceReader {
  private InstanceReader() {}

  static Instance read(SystemSpec spec) {
    SpecSection params = spec.params();
    only(params, Set.of("n", "L", "d", "m", "m1", "observeInvariants", "builtinEvents"));
    int d = params.positiveInteger("d");
    int m = params.positiveInteger("m");
    int m1 = params.positiveInteger("m1");
    Sizes.state(params, params.has("d") && d > m ? "d" : "m", Sizes.product(m1, m) + Sizes.product(3, m, d));
    CooccurrenceData data = readData(spec.data(), params, d);
    return readInit(spec.init(), data, m, m1);
  }

  /**
   * Whether to record the C1/C2 drift columns: opt-in (default false), since each row then costs
   * m²·(m1 + 3d/2) multiply-adds, more than the RHS at the paper sizes.
   */
  static boolean observeInvariants(SystemSpec spec) {
    return spec.params().bool("observeInvariants", false);
  }

  /**
   * The built-in events to locate: all of §7 unless {@code params.builtinEvents} lists a subset
   * (each detector costs dense-output interpolations of the whole state on every check, so
   * scaling sweeps and benchmarks keep only what they read).
   */
  static List<org.gradflow.spec.EventSpec> builtinEvents(SystemSpec spec, int m) {
    List<org.gradflow.spec.EventSpec> all = CooccurrenceEvents.all(m);
    SpecSection params = spec.params();
    if (!params.has("builtinEvents")) {
      return all;
    }
    SpecSection list = params.child("builtinEvents");
    if (!list.node().isArray()) {
      throw list.error("must be a list of event names");
    }
    List<org.gradflow.spec.EventSpec> chosen = new java.util.ArrayList<>();
    for (int i = 0; i < list.node().size(); i++) {
      String name = list.node().get(i).asText();
      org.gradflow.spec.EventSpec e = all.stream().filter(x -> x.name().equals(name)).findFirst()
          .orElseThrow(() -> list.error("unknown built-in event '" + name + "' (known: "
              + all.stream().map(org.gradflow.spec.EventSpec::name).toList() + ")"));
      chosen.add(e);
    }
    return chosen;
  }

  private static void only(SpecSection s, Set<String> allowed) {
    if (!s.isPresent()) {
      throw s.error("missing section");
    }
    s.allowOnly(allowed);
  }

  private static CooccurrenceData readData(SpecSection data, SpecSection params, int d) {
    only(data, Set.of("generator", "explicit"));
    if (data.has("generator") == data.has("explicit")) {
      throw data.error("give exactly one of 'generator' or 'explicit'");
    }
    if (data.has("explicit")) {
      SpecSection ex = data.child("explicit");
      only(ex, Set.of("tokens", "labels"));
      int[][] tokens = ex.child("tokens").integerRows();
      SpecSection lab = ex.child("labels");
      double[] raw = lab.vector(tokens.length);
      int[] labels = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] != 1 && raw[i] != -1) {
          throw lab.element(i).error("label must be 1 or -1, got " + raw[i]);
        }
        labels[i] = (int) raw[i];
      }
      if (tokens.length == 0) {
        throw ex.child("tokens").error("needs at least one sample");
      }
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].length != tokens[0].length) {
          throw ex.child("tokens").element(i).error("has " + tokens[i].length
              + " tokens, sample 0 has " + tokens[0].length);
        }
        for (int h = 0; h < tokens[i].length; h++) {
          if (tokens[i][h] < 0 || tokens[i][h] >= d) {
            throw ex.child("tokens").element(i).element(h).error("token id " + tokens[i][h]
                + " outside [0, d) with d = " + d + " (ids are 0-based: µ1 = 0, µ2 = 1, µ3 = 2)");
          }
        }
      }
      if (params.has("n") && params.integer("n") != tokens.length) {
        throw params.error("n", "is " + params.integer("n") + " but data.explicit.tokens has "
            + tokens.length + " samples");
      }
      if (params.has("L") && params.integer("L") != tokens[0].length) {
        throw params.error("L", "is " + params.integer("L") + " but the explicit samples have "
            + tokens[0].length + " tokens");
      }
      return new CooccurrenceData(tokens, labels, d);
    }
    SpecSection gen = data.child("generator");
    only(gen, Set.of("seed", "randomWords", "exactFractions"));
    int n = params.positiveInteger("n");
    int len = params.positiveInteger("L");
    Sizes.array(params, n > len ? "n" : "L", "the token sequences (n·L)", Sizes.product(n, len), 4);
    String words = gen.text("randomWords", "unique").toLowerCase(Locale.ROOT);
    DataGenerator.RandomWords mode = switch (words) {
      case "unique" -> DataGenerator.RandomWords.UNIQUE;
      case "replacement" -> DataGenerator.RandomWords.REPLACEMENT;
      default -> throw gen.error("randomWords", "must be 'unique' or 'replacement', got '" + words + "'");
    };
    boolean exact = gen.bool("exactFractions", true);
    if (len < 3) {
      throw params.error("L", "must be at least 3 (µ1, µ2, µ3), got " + len);
    }
    if (exact && n % 6 != 0) {
      throw params.error("n", "exact type fractions (Assumption 2.3(i)) need n divisible by 6, got " + n);
    }
    if (mode == DataGenerator.RandomWords.UNIQUE) {
      int need = CooccurrenceData.FIRST_RANDOM + DataGenerator.randomSlotsExact(n, len);
      if (exact && d < need) {
        throw params.error("d", "unique random words (Assumption 2.3(ii)) need d ≥ " + need
            + " for n = " + n + ", L = " + len + ", got " + d);
      }
    }
    try {
      return DataGenerator.generate(n, len, d, mode, exact, gen.integer("seed"));
    } catch (IllegalArgumentException e) {
      throw params.error(e.getMessage());
    }
  }

  private static Instance readInit(SpecSection init, CooccurrenceData data, int m, int m1) {
    only(init, Set.of("preset", "seed", "sigma0", "sigma1", "explicit", "a"));
    int d = data.vocabulary();
    if (init.has("explicit")) {
      for (String f : List.of("preset", "seed", "sigma0", "sigma1")) {
        if (init.has(f)) {
          throw init.error(f, "not allowed together with 'explicit'");
        }
      }
      if (!init.has("a")) {
        throw init.error("a", "required with explicit blocks (the fixed output weights, length m1 = " + m1 + ")");
      }
      double[] a = init.child("a").vector(m1);
      CooccurrenceFlow shape = new CooccurrenceFlow(data, a, m);
      ParameterLayout layout = shape.layout();
      double[] theta0 = BlockReader.read(init.child("explicit"), layout);
      return new Instance(data, a, m, theta0, "explicit", Double.NaN, Double.NaN);
    }
    if (!init.has("preset")) {
      throw init.error("preset", "required (ST, AS-u, AS-r, KN, TD or free), or give 'explicit' blocks");
    }
    InitPreset preset;
    try {
      preset = InitPreset.parse(init.text("preset", null));
    } catch (IllegalArgumentException e) {
      throw init.error("preset", e.getMessage());
    }
    int len = data.length();
    double s0 = preset.sigma0(len, d, m);
    double s1 = preset.sigma1(m, m1);
    if (preset == InitPreset.FREE) {
      s0 = positive(init, "sigma0");
      s1 = positive(init, "sigma1");
    } else if (init.has("sigma0") || init.has("sigma1")) {
      throw init.error(init.has("sigma0") ? "sigma0" : "sigma1",
          "only allowed with preset 'free' (preset " + preset.label() + " fixes the scales)");
    }
    SplittableRandom rng = new SplittableRandom(init.integer("seed"));
    double[] a = init.has("a") ? init.child("a").vector(m1) : Initializer.signs(m1, rng);
    double[] theta0 = Initializer.weights(m1, m, d, s0, s1, preset.uniform(), rng);
    return new Instance(data, a, m, theta0, preset.label(), s0, s1);
  }

  private static double positive(SpecSection s, String field) {
    double v = s.number(field);
    if (!(v > 0)) {
      throw s.error(field, "must be positive, got " + v);
    }
    return v;
  }
}
