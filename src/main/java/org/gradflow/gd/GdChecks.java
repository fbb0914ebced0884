package org.gradflow.gd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.Check;
import org.gradflow.validate.CheckConfig;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/**
 * Suite check types for GD against the flow, on any system:
 * <ul>
 *   <li>{@code gd.order}: slope of log‖θ_GD − θ_flow‖ at fixed t against log η over η, η/2, …,
 *       η/2^halvings: PASS when 1 ± 0.05 (flow) and 2 ± 0.1 (modified flow);
 *   <li>{@code gd.compare}: the full compare-gd session (written as a run folder under the
 *       suite's), reported as max deviation, deviation at the end and event-time shifts per pair
 *       (REPORT lines), plus a PASS/FAIL line that GD and the flow both completed.
 * </ul>
 * Fields: {@code learningRate} and {@code steps} (default: the system's gd section),
 * {@code halvings} (order, default 3), {@code modified} (default true), {@code record}
 * ({@code {"log": n, "linear": n}}, compare).
 */
public final class GdChecks implements CheckProvider {

  @Override
  public List<CheckType> checkTypes() {
    return List.of(GenericChecks.type("gd.order", GdChecks::order), GenericChecks.type("gd.compare", GdChecks::compare));
  }

  private static GdSettings settings(SpecSection c, SystemSpec spec) {
    Double lr = c.has("learningRate") ? c.number("learningRate") : null;
    Long steps = c.has("steps") ? (long) c.positiveInteger("steps") : null;
    SpecSection rec = c.child("record");
    return GdSettings.from(spec, lr, steps, rec.has("log") ? rec.integer("log") : null,
        rec.has("linear") ? rec.integer("linear") : null);
  }

  private static Check order(SpecSection c) {
    CheckConfig.allowOnly(c, "learningRate", "steps", "halvings", "modified", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    int halvings = c.integer("halvings", 3);
    if (halvings < 2) {
      throw c.error("halvings", "needs at least 2 (3 learning rates), got " + halvings);
    }
    boolean modified = c.bool("modified", true);
    String id = c.text("id", "gd.order");
    String source = c.text("source", "GD is a first-order method; O(η²) to the modified equation (backward error analysis)");
    return ctx -> {
      SystemSpec spec = ctx.spec(system, set);
      FlowSystem sys = ModelRegistry.build(spec);
      GdSettings s = settings(c, spec);
      OrderCheck.OrderResult o = OrderCheck.run(spec, sys, s.learningRate(), s.steps(), halvings, modified, Progress.NONE);
      writeOrder(o, ctx.outputDir(), id);
      List<CheckResult> out = new ArrayList<>();
      out.add(slope(id + ":flow", "order of GD vs the flow (slope of log deviation vs log η)", source, o.flowFit(), o, o.deviationFromFlow()));
      if (o.modifiedFit() != null) {
        out.add(slope(id + ":modified", "order of GD vs the modified flow −∇(L + (η/4)‖∇L‖²)", source, o.modifiedFit(), o,
            o.deviationFromModified()));
      }
      return out;
    };
  }

  private static CheckResult slope(String id, String title, String source, OrderCheck.Fit f, OrderCheck.OrderResult o,
      double[] devs) {
    String note = String.format(Locale.ROOT, "t = %s, η = %s…%s (%d rates), deviations %s…%s, R² %.6f, slope std err %.2e, local slopes %s, %.2f s",
        CheckResult.fmt(o.time()), CheckResult.fmt(o.learningRates()[0]), CheckResult.fmt(o.learningRates()[o.learningRates().length - 1]),
        o.learningRates().length, CheckResult.fmt(devs[0]), CheckResult.fmt(devs[devs.length - 1]), f.rSquared(), f.slopeStdErr(),
        java.util.Arrays.toString(f.localSlopes()), o.wallSeconds());
    return CheckResult.absolute(id, title, source, f.expected(), f.slope(), f.tolerance(), note);
  }

  private static void writeOrder(OrderCheck.OrderResult o, Path dir, String id) {
    try {
      GdPlots.order(o, dir, id.replaceAll("[^A-Za-z0-9._-]", "_") + "-order.png");
    } catch (IOException | RuntimeException e) {
      // a missing figure must not cost the verdict; the numbers are in the report line
    }
  }

  private static Check compare(SpecSection c) {
    CheckConfig.allowOnly(c, "learningRate", "steps", "record", "modified", "source");
    String system = CheckConfig.system(c);
    List<String> set = CheckConfig.overrides(c);
    boolean modified = c.bool("modified", false);
    String id = c.text("id", "gd.compare");
    String source = c.text("source", "GD with step η vs the flow at t = kη");
    return ctx -> {
      SystemSpec spec = ctx.spec(system, set);
      FlowSystem sys = ModelRegistry.build(spec);
      GdSettings s = settings(c, spec);
      long start = System.nanoTime();
      CompareGd.Result r = CompareGd.run(spec, sys, s, new CompareGd.Options(modified, 0, 0, null), Progress.NONE);
      double wall = (System.nanoTime() - start) * 1e-9;
      Path dir;
      try {
        dir = GdWriter.write(r, ctx.outputDir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<CheckResult> out = new ArrayList<>();
      boolean ok = r.gd().outcome() != RunResult.Outcome.FAILED && !r.flow().failed();
      out.add(CheckResult.condition(id + ":completes", String.format(Locale.ROOT, "GD (lr %s, %d steps) and the flow both complete",
          CheckResult.fmt(s.learningRate()), s.steps()), source, "both complete",
          "GD " + r.gd().outcome() + ", flow " + r.flow().outcome(), ok,
          String.format(Locale.ROOT, "wall: GD %.2f s, flow %.2f s (%d RHS), total %.2f s; folder %s", r.gd().wallSeconds(),
              r.flow().stats().wallSeconds(), r.flow().stats().rhsEvaluations(), wall, dir.getFileName())));
      for (Comparison cmp : r.comparisons()) {
        Comparison.Summary sum = cmp.summary(r.gdEvents());
        out.add(CheckResult.report(id + ":" + cmp.label(), "GD vs " + cmp.label() + ": deviation ‖θ_GD(k) − θ(kη)‖", source,
            cmp.label().equals("flow") ? "O(η)" : "O(η²)",
            String.format(Locale.ROOT, "max %s (t = %s), end %s (relative %s)", CheckResult.fmt(sum.maxDeviation()),
                CheckResult.fmt(sum.timeOfMaxDeviation()), CheckResult.fmt(sum.finalDeviation()),
                CheckResult.fmt(sum.finalRelativeDeviation())),
            "max |loss diff| " + CheckResult.fmt(sum.maxLossDifference())));
        for (Comparison.EventShift e : sum.eventShifts()) {
          out.add(CheckResult.report(id + ":" + cmp.label() + ":" + e.event() + "#" + e.occurrence(),
              "event-time shift t_GD − t_" + cmp.label() + " of '" + e.event() + "'", source,
              "t_" + cmp.label() + " = " + CheckResult.fmt(e.referenceTime()),
              "t_GD = " + CheckResult.fmt(e.gdTime()) + " (shift " + CheckResult.fmt(e.shift()) + ")",
              "GD events are located between steps by linear interpolation"));
        }
      }
      return out;
    };
  }
}
