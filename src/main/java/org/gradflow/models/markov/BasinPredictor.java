package org.gradflow.models.markov;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;

/**
 * The basin characterisation (spec §3.5) and the exact limit points (§3.6) of the 2-D flow,
 * computed without integrating: the limit lies on the start's energy level set, either where it
 * meets e = 0 (local basin) or where it meets the global-minimum curve Δ = Δ* (global basin).
 * Roots are found with Hipparchus' bracketing Brent solver on brackets this class builds by
 * marching from w0 in the direction the flow moves w (w is monotone along a trajectory because
 * Δ never crosses Δ*).
 */
public final class BasinPredictor {
  private static final double ROOT_TOL = 1e-15;
  private static final int MAX_EVAL = 500;

  private final MarkovSource source;
  private final BracketedUnivariateSolver<UnivariateFunction> solver =
      new BracketingNthOrderBrentSolver(1e-15, ROOT_TOL, 1e-300, 5);

  public BasinPredictor(MarkovSource source) {
    this.source = source;
  }

  /** The basin of (e0, w0) by the region formulas of §3.5 (energy compared with E_s). */
  public Basin basin(double e0, double w0) {
    if (e0 == 0) {
      return Basin.FIXED;
    }
    if (w0 == 0) {
      return source.subcritical() ? Basin.GLOBAL : Basin.LOCAL;
    }
    double energy = Energy.of(e0, w0);
    double s = Energy.SADDLE_W;
    if (source.subcritical()) {
      if (w0 < s) {
        if (energy == Energy.SADDLE_ENERGY) {
          return Basin.SEPARATRIX;
        }
        return energy < Energy.SADDLE_ENERGY ? Basin.LOCAL : Basin.GLOBAL;
      }
      return Basin.GLOBAL;
    }
    if (w0 > 0) {
      return Basin.LOCAL;
    }
    if (w0 < s) {
      return Basin.GLOBAL;
    }
    if (energy == Energy.SADDLE_ENERGY && w0 > s) {
      return Basin.SEPARATRIX;
    }
    return energy < Energy.SADDLE_ENERGY ? Basin.LOCAL : Basin.GLOBAL;
  }

  /** Basin, limit point and limit loss of (e0, w0). */
  public LimitPrediction predict(double e0, double w0) {
    Basin basin = basin(e0, w0);
    double energy = Energy.of(e0, w0);
    return switch (basin) {
      case FIXED -> new LimitPrediction(basin, 0, w0, source.unigramEntropy(), energy);
      case SEPARATRIX -> new LimitPrediction(basin, 0, Energy.SADDLE_W, source.unigramEntropy(), energy);
      case LOCAL -> w0 == 0
          ? new LimitPrediction(basin, 0, 0, source.unigramEntropy(), energy)
          : new LimitPrediction(basin, 0, localLimitW(energy, w0), source.unigramEntropy(), energy);
      case GLOBAL -> w0 == 0
          ? new LimitPrediction(basin, Math.copySign(Math.sqrt(source.deltaStar()), e0), 0,
              source.entropyRate(), energy)
          : globalLimit(e0, w0, energy);
    };
  }

  /** w∞ where the level set meets e = 0, on the side of 1/√2 that w0 is on (§3.6). */
  double localLimitW(double energy, double w0) {
    if (w0 > 0) {
      // w² + log w = −E, increasing in w
      UnivariateFunction f = w -> w * w + Math.log(w) + energy;
      double lo = w0;
      while (f.value(lo) > 0) {
        lo /= 2;
      }
      double hi = w0;
      while (f.value(hi) < 0) {
        hi *= 2;
      }
      return solve(f, lo, hi);
    }
    // r² − log r = −E with r = |w|; decreasing on (0, 1/√2), increasing on (1/√2, ∞)
    UnivariateFunction f = r -> r * r - Math.log(r) + energy;
    double half = -Energy.SADDLE_W;
    double r0 = -w0;
    if (r0 > half) {
      double hi = r0;
      while (f.value(hi) < 0) {
        hi *= 2;
      }
      return -solve(f, half, hi);
    }
    double lo = r0;
    while (f.value(lo) < 0) {
      lo /= 2;
    }
    return -solve(f, lo, half);
  }

  private LimitPrediction globalLimit(double e0, double w0, double energy) {
    double target = source.deltaStar();
    // F(w) = Δ on the level set − Δ*; F(w0) = Δ0 − Δ*
    UnivariateFunction f = w -> {
      double e2 = Energy.eSquaredOnLevel(energy, w);
      return e2 * (1 + 2 * w * Math.abs(w)) - target;
    };
    double f0 = f.value(w0);
    if (f0 == 0) {
      return new LimitPrediction(Basin.GLOBAL, e0, w0, source.entropyRate(), energy);
    }
    // w moves opposite to ℓ'(Δ0): ẇ = −4e²|w|ℓ'(Δ)
    double direction = -Math.signum(source.reducedSlope(CanonicalFlow.delta(e0, w0)));
    double prev = w0;
    double h = 1e-3 * Math.max(1, Math.abs(w0));
    for (int i = 0; i < 100_000; i++) {
      double cand = prev + direction * h;
      if (Math.signum(cand) != Math.signum(w0)) {
        cand = prev / 2; // approach w = 0 geometrically: w keeps its sign
      }
      if (Energy.eSquaredOnLevel(energy, cand) < 0) {
        h /= 2; // approaching the end w_min of the branch
        if (h < 1e-300) {
          break;
        }
        continue;
      }
      if (Math.signum(f.value(cand)) != Math.signum(f0)) {
        double w = solve(f, Math.min(prev, cand), Math.max(prev, cand));
        double e = Math.copySign(Math.sqrt(Energy.eSquaredOnLevel(energy, w)), e0);
        return new LimitPrediction(Basin.GLOBAL, e, w, source.entropyRate(), energy);
      }
      prev = cand;
      h *= 2;
    }
    throw new IllegalStateException("no global limit found on the level set E=" + energy
        + " from (" + e0 + ", " + w0 + "): the basin formulas and the level-set geometry disagree");
  }

  private double solve(UnivariateFunction f, double lo, double hi) {
    return solver.solve(MAX_EVAL, f, lo, hi);
  }
}
