package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gradflow.core.FieldObservable;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.Svd;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * Resolves observable names for one flow: the generic {@code loss} and {@code gradNorm}, the
 * flow's own observables, and matrix-spectrum observables written as {@code sigmaRatio(A)},
 * {@code sigmaRatio(A^T*B)} (σ2/σ1) and {@code effectiveRank(A*B)}. Each resolved observable
 * owns its workspace, so a catalog serves one integration at a time.
 */
public final class ObservableCatalog {
  private static final Pattern SPECTRAL = Pattern.compile("(sigmaRatio|effectiveRank)\\((.+)\\)");

  private final GradientFlow flow;
  private final Map<String, Observable> byName = new LinkedHashMap<>();

  public ObservableCatalog(GradientFlow flow) {
    this.flow = flow;
    add(new Loss(flow));
    add(new GradNorm(flow));
    for (Observable o : flow.observables()) {
      add(o);
    }
  }

  private void add(Observable o) {
    if (byName.putIfAbsent(o.name(), o) != null) {
      throw new IllegalStateException("observable '" + o.name() + "' is defined twice");
    }
  }

  /** The model's own observables in its order (trajectory columns after loss and gradNorm). */
  public List<Observable> defaults() {
    return new ArrayList<>(byName.values());
  }

  public boolean knows(String name) {
    return byName.containsKey(name) || SPECTRAL.matcher(name).matches();
  }

  /** The observable of that name; throws IllegalArgumentException naming the known ones. */
  public Observable resolve(String name) {
    Observable o = byName.get(name);
    if (o != null) {
      return o;
    }
    Matcher m = SPECTRAL.matcher(name.trim());
    if (m.matches()) {
      Observable s = spectral(name.trim(), m.group(1), m.group(2));
      byName.put(s.name(), s);
      return s;
    }
    throw new IllegalArgumentException("unknown observable '" + name + "' (known: "
        + String.join(", ", byName.keySet()) + ", sigmaRatio(A[^T][*B[^T]]), effectiveRank(...))");
  }

  private Observable spectral(String name, String kind, String expr) {
    BlockProduct product = BlockProduct.parse(expr, flow.layout());
    Svd sv = Svd.valuesOnly(product.rows(), product.cols());
    return kind.equals("sigmaRatio")
        ? Observable.of(name, theta -> sv.ratio(product.evaluate(theta)))
        : Observable.of(name, theta -> sv.effectiveRank(product.evaluate(theta)));
  }

  /** L̂(θ); in a field through the flow's field gradient. */
  private static final class Loss implements FieldObservable {
    private final GradientFlow flow;
    private final double[] work;

    Loss(GradientFlow flow) {
      this.flow = flow;
      this.work = new double[flow.layout().dimension()];
    }

    @Override
    public String name() {
      return "loss";
    }

    @Override
    public double value(double[] theta, double[] thetaDot) {
      return flow.negativeGradient(theta, work);
    }

    @Override
    public <T extends CalculusFieldElement<T>> T fieldValue(T[] theta, T[] thetaDot) {
      return flow.negativeGradient(theta, MathArrays.buildArray(theta[0].getField(), theta.length));
    }
  }

  /**
   * ‖∇L̂‖: in double the norm of the θ̇ it is given; in a field the norm of the flow's field
   * gradient at θ, recomputed, so that on the high-precision path a crossing's time carries all
   * the digits rather than those of the dense output's derivative.
   */
  private static final class GradNorm implements FieldObservable {
    private final GradientFlow flow;

    GradNorm(GradientFlow flow) {
      this.flow = flow;
    }

    @Override
    public String name() {
      return "gradNorm";
    }

    @Override
    public double value(double[] theta, double[] thetaDot) {
      return norm(thetaDot);
    }

    @Override
    public <T extends CalculusFieldElement<T>> T fieldValue(T[] theta, T[] thetaDot) {
      T[] out = MathArrays.buildArray(theta[0].getField(), theta.length);
      flow.negativeGradient(theta, out);
      T sum = theta[0].getField().getZero();
      for (T o : out) {
        sum = sum.add(o.multiply(o));
      }
      return sum.sqrt();
    }
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
