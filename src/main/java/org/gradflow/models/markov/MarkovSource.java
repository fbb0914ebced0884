package org.gradflow.models.markov;

import org.hipparchus.CalculusFieldElement;

/**
 * A binary first-order Markov chain with switching probabilities p = P(1|0) and q = P(0|1)
 * (spec §1), started from its stationary law, and the reduced loss ℓ(Δ) = min_b L of every model
 * whose two logits differ by Δ (spec §3.2). All closed forms of the paper live here.
 */
public record MarkovSource(double p, double q) {

  public MarkovSource {
    if (!(p > 0 && p < 1) || !(q > 0 && q < 1)) {
      throw new IllegalArgumentException("p and q must lie in (0,1), got p=" + p + ", q=" + q);
    }
    if (Math.abs(p + q - 1) < 1e-12) {
      throw new IllegalArgumentException("p + q = 1 is the degenerate iid source (spec §1), excluded");
    }
  }

  public double pi0() {
    return q / (p + q);
  }

  public double pi1() {
    return p / (p + q);
  }

  /** P(x_{n+1} = 1 | x_n = x). */
  public double nextIsOne(int x) {
    return x == 0 ? p : 1 - q;
  }

  /** Local-minimum value: the unigram (stationary) entropy H(π). */
  public double unigramEntropy() {
    return binaryEntropy(pi1());
  }

  /** Global-minimum value: the entropy rate π0 h(p) + π1 h(q). */
  public double entropyRate() {
    return pi0() * binaryEntropy(p) + pi1() * binaryEntropy(q);
  }

  /** Δ* = log[(1−p)(1−q)/(pq)], the unique minimiser of ℓ; positive iff p + q &lt; 1. */
  public double deltaStar() {
    return Math.log((1 - p) * (1 - q) / (p * q));
  }

  /** ℓ'(0) = pq(p+q−1)/(p+q)². */
  public double slopeAtZero() {
    double s = p + q;
    return p * q * (s - 1) / (s * s);
  }

  /** ℓ''(Δ*) = pq(1−p)(1−q)/((p+q)(2−p−q)). */
  public double curvatureAtMinimum() {
    return p * q * (1 - p) * (1 - q) / ((p + q) * (2 - p - q));
  }

  /** True when p + q &lt; 1 (Δ* &gt; 0; the origin is attracted to the global minimum). */
  public boolean subcritical() {
    return p + q < 1;
  }

  /**
   * f0* = log z = the optimal logit at x = 0 for logit gap Δ, i.e. the positive root of
   * q e^Δ z² + (q−p) z − p = 0, computed without cancellation (spec §8): the form is chosen by
   * the sign of p − q and e^{Δ/2} is factored out of the square root for Δ &gt; 0.
   */
  public double optimalLogitAtZero(double delta) {
    double d = Math.abs(q - p);
    double logRoot; // log( d + sqrt(d² + 4pq e^Δ) )
    if (delta > 0) {
      double h = Math.exp(-delta / 2);
      logRoot = delta / 2 + Math.log(d * h + Math.sqrt(d * d * h * h + 4 * p * q));
    } else {
      logRoot = Math.log(d + Math.sqrt(d * d + 4 * p * q * Math.exp(delta)));
    }
    return q >= p ? Math.log(2 * p) - logRoot : logRoot - Math.log(2 * q) - delta;
  }

  /** The same f0* over any field (AD and Dfp paths). */
  public <T extends CalculusFieldElement<T>> T optimalLogitAtZero(T delta) {
    double d = Math.abs(q - p);
    T logRoot;
    if (delta.getReal() > 0) {
      T h = delta.multiply(-0.5).exp();
      logRoot = delta.multiply(0.5).add(
          h.multiply(d).add(h.square().multiply(d * d).add(4 * p * q).sqrt()).log());
    } else {
      logRoot = delta.exp().multiply(4 * p * q).add(d * d).sqrt().add(d).log();
    }
    T two = delta.getField().getOne().multiply(2);
    return q >= p
        ? two.multiply(p).log().subtract(logRoot)
        : logRoot.subtract(two.multiply(q).log()).subtract(delta);
  }

  /** Cross-entropy loss of the two logits (f0, f1), the canonical population loss (spec §3.1). */
  public double loss(double f0, double f1) {
    return -pi0() * (p * logSigmoid(f0) + (1 - p) * logSigmoid(-f0))
        - pi1() * ((1 - q) * logSigmoid(f1) + q * logSigmoid(-f1));
  }

  public <T extends CalculusFieldElement<T>> T loss(T f0, T f1) {
    T a = logSigmoid(f0).multiply(p).add(logSigmoid(f0.negate()).multiply(1 - p)).multiply(-pi0());
    T b = logSigmoid(f1).multiply(1 - q).add(logSigmoid(f1.negate()).multiply(q)).multiply(-pi1());
    return a.add(b);
  }

  /** g0 = ∂L/∂f0 = π0(σ(f0) − p). */
  public double dLossDf0(double f0) {
    return pi0() * (sigmoid(f0) - p);
  }

  /** g1 = ∂L/∂f1 = π1(σ(f1) − (1−q)). */
  public double dLossDf1(double f1) {
    return pi1() * (sigmoid(f1) - (1 - q));
  }

  /** ℓ(Δ) = min_b L: the reduced loss; strictly convex with minimum the entropy rate at Δ*. */
  public double reducedLoss(double delta) {
    double f0 = optimalLogitAtZero(delta);
    return loss(f0, f0 + delta);
  }

  public <T extends CalculusFieldElement<T>> T reducedLoss(T delta) {
    T f0 = optimalLogitAtZero(delta);
    return loss(f0, f0.add(delta));
  }

  /** ℓ'(Δ) = g1 at the optimal bias. */
  public double reducedSlope(double delta) {
    return dLossDf1(optimalLogitAtZero(delta) + delta);
  }

  public <T extends CalculusFieldElement<T>> T reducedSlope(T delta) {
    T f1 = optimalLogitAtZero(delta).add(delta);
    return sigmoid(f1).subtract(1 - q).multiply(pi1());
  }

  /** ℓ''(Δ) = π0π1 σ'(f0)σ'(f1)/(π0σ'(f0) + π1σ'(f1)). */
  public double reducedCurvature(double delta) {
    double f0 = optimalLogitAtZero(delta);
    double s0 = sigmoid(f0) * sigmoid(-f0);
    double s1 = sigmoid(f0 + delta) * sigmoid(-f0 - delta);
    return pi0() * pi1() * s0 * s1 / (pi0() * s0 + pi1() * s1);
  }

  // ----- stable primitives (spec §8) -----

  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  public static double logSigmoid(double x) {
    return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
  }

  public static <T extends CalculusFieldElement<T>> T sigmoid(T x) {
    if (x.getReal() >= 0) {
      return x.negate().exp().add(1).reciprocal();
    }
    T e = x.exp();
    return e.divide(e.add(1));
  }

  public static <T extends CalculusFieldElement<T>> T logSigmoid(T x) {
    return x.getReal() >= 0 ? x.negate().exp().log1p().negate() : x.subtract(x.exp().log1p());
  }

  /** h(t) = −t log t − (1−t) log(1−t). */
  public static double binaryEntropy(double t) {
    return -t * Math.log(t) - (1 - t) * Math.log1p(-t);
  }
}
