package org.gradflow.gd;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradflow.integrate.FlowIntegrator;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;

/**
 * The flow runs GD is compared with, done by the engine ({@link FlowIntegrator}) on a copy of the
 * spec whose t_end is K·η, sampled exactly at the recorded GD times.
 */
public final class ReferenceRuns {
  private ReferenceRuns() {}

  /** The spec with {@code integrator.tEnd} set (exactly, no decimal round trip). */
  public static SystemSpec withEnd(SystemSpec spec, double tEnd) {
    ObjectNode tree = spec.tree().deepCopy();
    SpecLoader.setPath(spec.file(), tree, "integrator.tEnd", DoubleNode.valueOf(tEnd));
    return SpecLoader.fromTree(spec.file(), tree, List.of());
  }

  /** The spec to t_end without events, stop conditions or extra observables (order checks). */
  public static SystemSpec bare(SystemSpec spec, double tEnd) {
    ObjectNode tree = spec.tree().deepCopy();
    tree.remove("events");
    tree.remove("outputs");
    if (tree.get("integrator") instanceof ObjectNode integrator) {
      integrator.remove("stopLossBelow");
      integrator.remove("stopGradientNormBelow");
    }
    SpecLoader.setPath(spec.file(), tree, "integrator.tEnd", DoubleNode.valueOf(tEnd));
    return SpecLoader.fromTree(spec.file(), tree, List.of());
  }

  /** The same flow and start without built-in events. */
  public static FlowSystem bare(FlowSystem system) {
    return new FlowSystem(system.flow(), system.initialState(), List.of(), null);
  }

  /** The system with its flow replaced by the first-order modified flow for step η. */
  public static FlowSystem modified(FlowSystem system, double eta) {
    return new FlowSystem(new ModifiedFlow(system.flow(), eta), system.initialState(), system.builtinEvents(), null);
  }

  /** Runs the flow of {@code system} to the last of {@code times}, sampled at {@code times}. */
  public static RunResult run(SystemSpec spec, FlowSystem system, double[] times, Progress progress) {
    return org.gradflow.validate.LossMonotonicity.check(
        FlowIntegrator.run(withEnd(spec, times[times.length - 1]), system, progress, times));
  }
}
