package org.gradflow.models.markov;

import java.math.BigDecimal;
import org.gradflow.core.FieldCache;
import org.gradflow.core.FieldDecimal;
import org.gradflow.core.FieldOrder;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.Field;

/**
 * A binary first-order Markov chain with switching probabilities p = P(1|0) and q = P(0|1)
 * (spec §1), started from its stationary law, and the reduced loss ℓ(Δ) = min_b L of every model
 * whose two logits differ by Δ (spec §3.2). All closed forms of the paper live here.
 *
 * <p>p and q are held as exact decimals too: the field path (Dfp) builds every coefficient — p,
 * q, π0, π1, |q − p|, 4pq, log 2p — in the field from those decimals, so a 40-digit run solves
 * the problem the spec states (q = 0.8, not the double 0.8000000000000000444…).
 */
public final class MarkovSource {
  private final double p;
  private final double q;
  private final BigDecimal pExact;
  private final BigDecimal qExact;
  private final FieldCache<Coefficients<?>> coefficients = new FieldCache<>();

  /** The source of two doubles, taken at their exact binary values on the field path. */
  public MarkovSource(double p, double q) {
    this(FieldDecimal.exact(p), FieldDecimal.exact(q));
  }

  /** The source of two decimals (spec literals); the double path uses their nearest doubles. */
  public MarkovSource(BigDecimal p, BigDecimal q) {
    this.p = p.doubleValue();
    this.q = q.doubleValue();
    if (!(this.p > 0 && this.p < 1) || !(this.q > 0 && this.q < 1)) {
      throw new IllegalArgumentException("p and q must lie in (0,1), got p=" + p + ", q=" + q);
    }
    if (Math.abs(this.p + this.q - 1) < 1e-12) {
      throw new IllegalArgumentException("p + q = 1 is the degenerate iid source (spec §1), excluded");
    }
    this.pExact = p;
    this.qExact = q;
  }

  public double p() {
    return p;
  }

  public double q() {
    return q;
  }

  @Override
  public String toString() {
    return "MarkovSource[p=" + pExact.stripTrailingZeros().toPlainString() + ", q="
        + qExact.stripTrailingZeros().toPlainString() + "]";
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

  /** Cross-entropy loss of the two logits (f0, f1), the canonical population loss (spec §3.1). */
  public double loss(double f0, double f1) {
    return -pi0() * (p * logSigmoid(f0) + (1 - p) * logSigmoid(-f0))
        - pi1() * ((1 - q) * logSigmoid(f1) + q * logSigmoid(-f1));
  }

  /**
   * The same loss over any field, in the form −π0[log σ(f0) − (1−p) f0] − π1[log σ(f1) − q f1]
   * (log σ(−x) = log σ(x) − x): two log-sigmoids instead of four.
   */
  public <T extends CalculusFieldElement<T>> T loss(T f0, T f1) {
    Coefficients<T> c = in(f0.getField());
    return logSigmoid(c, f0, f0.exp()).subtract(f0.multiply(c.oneMinusP)).multiply(c.pi0)
        .add(logSigmoid(c, f1, f1.exp()).subtract(f1.multiply(c.q)).multiply(c.pi1)).negate();
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

  /** ℓ'(Δ) = g1 at the optimal bias. */
  public double reducedSlope(double delta) {
    return dLossDf1(optimalLogitAtZero(delta) + delta);
  }

  public <T extends CalculusFieldElement<T>> T reducedLoss(T delta) {
    return reduced(delta).loss();
  }

  /** ℓ'(Δ) = π1(σ(f1) − (1−q)) over any field: one exp and one sqrt, no logarithm. */
  public <T extends CalculusFieldElement<T>> T reducedSlope(T delta) {
    Coefficients<T> c = in(delta.getField());
    T u = expLogits(c, delta).u();
    return u.divide(u.add(c.one)).subtract(c.oneMinusQ).multiply(c.pi1);
  }

  /** The reduced loss ℓ(Δ) and its slope ℓ'(Δ) at one Δ. */
  public record Reduced<T>(T loss, T slope) {}

  /** ℓ(Δ) and ℓ'(Δ) together over any field, sharing the optimal logits. */
  public <T extends CalculusFieldElement<T>> Reduced<T> reduced(T delta) {
    Coefficients<T> c = in(delta.getField());
    ExpLogits<T> x = expLogits(c, delta);
    T f0 = x.z().log();
    T f1 = f0.add(delta);
    T loss = logSigmoid(c, f0, x.z()).subtract(f0.multiply(c.oneMinusP)).multiply(c.pi0)
        .add(logSigmoid(c, f1, x.u()).subtract(f1.multiply(c.q)).multiply(c.pi1)).negate();
    return new Reduced<>(loss, x.u().divide(x.u().add(c.one)).subtract(c.oneMinusQ).multiply(c.pi1));
  }

  /** z = e^{f0*} and u = e^{f1} = z e^Δ at the optimal bias. */
  private record ExpLogits<T>(T z, T u) {}

  /**
   * e^{f0*} and e^{f1} over a field, from the same root as the double
   * {@link #optimalLogitAtZero(double)} (z = 2p / (d + √(d² + 4pq e^Δ)) for q ≥ p, with e^{Δ/2}
   * factored out for Δ &gt; 0) but without logarithms: on Dfp(40) the transcendentals are the
   * whole cost of the flow, and the slope needs none but one exp and one sqrt.
   */
  private static <T extends CalculusFieldElement<T>> ExpLogits<T> expLogits(Coefficients<T> c, T delta) {
    if (FieldOrder.positive(delta)) {
      T h = delta.multiply(c.minusHalf).exp();  // e^{-Δ/2}
      T r = h.multiply(c.d).add(h.square().multiply(c.dSquared).add(c.fourPq).sqrt());
      T z = c.qAtLeastP ? c.twoP.multiply(h).divide(r) : r.multiply(h).divide(c.twoQ);
      return new ExpLogits<>(z, z.divide(h.square()));
    }
    T e = delta.exp();
    T s = e.multiply(c.fourPq).add(c.dSquared).sqrt().add(c.d);
    T z = c.qAtLeastP ? c.twoP.divide(s) : s.divide(c.twoQ.multiply(e));
    return new ExpLogits<>(z, z.multiply(e));
  }

  /** log σ(f) from f and e^f: f − log(1 + e^f), or −log(1 + e^{−f}) where e^f &gt; 1 (no cancellation). */
  private static <T extends CalculusFieldElement<T>> T logSigmoid(Coefficients<T> c, T f, T expF) {
    return FieldOrder.lessThan(c.one, expF) ? expF.reciprocal().log1p().negate() : f.subtract(expF.log1p());
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
    T one = x.getField().getOne();
    if (!FieldOrder.lessThan(x, x.getField().getZero())) {
      return x.negate().exp().add(one).reciprocal();
    }
    T e = x.exp();
    return e.divide(e.add(one));
  }

  public static <T extends CalculusFieldElement<T>> T logSigmoid(T x) {
    return !FieldOrder.lessThan(x, x.getField().getZero())
        ? x.negate().exp().log1p().negate() : x.subtract(x.exp().log1p());
  }

  /** h(t) = −t log t − (1−t) log(1−t). */
  public static double binaryEntropy(double t) {
    return -t * Math.log(t) - (1 - t) * Math.log1p(-t);
  }

  @SuppressWarnings("unchecked")
  private <T extends CalculusFieldElement<T>> Coefficients<T> in(Field<T> field) {
    return (Coefficients<T>) coefficients.in(field, () -> new Coefficients<>(field, pExact, qExact));
  }

  /** Every coefficient of the field path, built in the field from the exact p and q. */
  private static final class Coefficients<T extends CalculusFieldElement<T>> {
    final T one;
    final T q;
    final T twoP;
    final T twoQ;
    final T oneMinusP;
    final T oneMinusQ;
    final T pi0;
    final T pi1;
    final T d;
    final T dSquared;
    final T fourPq;
    final T minusHalf;
    final boolean qAtLeastP;

    Coefficients(Field<T> field, BigDecimal pExact, BigDecimal qExact) {
      this.one = field.getOne();
      T p = FieldDecimal.of(field, pExact);
      this.q = FieldDecimal.of(field, qExact);
      this.twoP = p.multiply(2);
      this.twoQ = q.multiply(2);
      this.oneMinusP = one.subtract(p);
      this.oneMinusQ = one.subtract(q);
      this.pi0 = q.divide(p.add(q));
      this.pi1 = p.divide(p.add(q));
      this.d = q.subtract(p).abs();
      this.dSquared = d.square();
      this.fourPq = p.multiply(q).multiply(4);
      this.minusHalf = one.divide(one.multiply(-2));
      this.qAtLeastP = qExact.compareTo(pExact) >= 0;
    }
  }
}
