package org.gradflow.models;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.core.GradientFlow;
import org.gradflow.integrate.RunResult;
import org.gradflow.spec.EventSpec;

/**
 * What a family builds from a spec: the flow, the initial state, the events the theory names
 * (added to the spec's own), an optional writer of model-specific artifacts (figures, tables)
 * called after every run, and the instance's generated data and fixed parameters in explicit
 * form ({@link ExplicitInputs}: what {@code gradflow export} and the state files write beside θ).
 */
public record FlowSystem(
    GradientFlow flow,
    double[] initialState,
    List<EventSpec> builtinEvents,
    ArtifactWriter artifacts,
    ExplicitInputs inputs) {

  public FlowSystem {
    if (initialState.length != flow.layout().dimension()) {
      throw new IllegalArgumentException("initial state has length " + initialState.length
          + " but the layout has dimension " + flow.layout().dimension());
    }
    builtinEvents = builtinEvents == null ? List.of() : List.copyOf(builtinEvents);
    artifacts = artifacts == null ? ArtifactWriter.NONE : artifacts;
    inputs = inputs == null ? ExplicitInputs.NONE : inputs;
  }

  public FlowSystem(GradientFlow flow, double[] initialState, List<EventSpec> builtinEvents,
      ArtifactWriter artifacts) {
    this(flow, initialState, builtinEvents, artifacts, ExplicitInputs.NONE);
  }

  /** The same system, declaring its generated data and fixed parameters. */
  public FlowSystem withInputs(ExplicitInputs explicitInputs) {
    return new FlowSystem(flow, initialState, builtinEvents, artifacts, explicitInputs);
  }

  public static FlowSystem of(GradientFlow flow, double[] initialState) {
    return new FlowSystem(flow, initialState, List.of(), null, null);
  }

  /** Writes model-specific files (plots, tables) into a finished run's folder. */
  @FunctionalInterface
  public interface ArtifactWriter {
    ArtifactWriter NONE = (result, runDir) -> List.of();

    /** Returns the report.md lines (markdown) describing what was written, may be empty. */
    List<String> write(RunResult result, Path runDir) throws java.io.IOException;
  }
}
