package org.gradflow.integrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.Observable;
import org.gradflow.core.Svd;

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
    double[] work = new double[flow.layout().dimension()];
    add(Observable.of("loss", theta -> flow.negativeGradient(theta, work)));
    add(Observable.ofFlow("gradNorm", (theta, thetaDot) -> norm(thetaDot)));
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

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
