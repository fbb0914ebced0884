package org.gradflow.spec;

import java.util.List;

/**
 * What a run records beyond the model's own observables: extra generic observables (e.g.
 * {@code sigmaRatio(W_K^T*W_Q)}), and extra plots, each a list of observables over t.
 */
public record OutputSpec(List<String> observables, List<PlotSpec> plots, Boolean finalState) {

  /** One extra plot: these observables against t. */
  public record PlotSpec(String name, List<String> observables, Boolean logX, Boolean logY) {
    public PlotSpec {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("plot name is required");
      }
      if (observables == null || observables.isEmpty()) {
        throw new IllegalArgumentException("plot '" + name + "' needs observables");
      }
      logX = logX == null || logX;
      logY = logY != null && logY;
    }
  }

  public OutputSpec {
    observables = observables == null ? List.of() : List.copyOf(observables);
    plots = plots == null ? List.of() : List.copyOf(plots);
    finalState = finalState == null || finalState;
  }

  public static OutputSpec defaults() {
    return new OutputSpec(null, null, null);
  }
}
