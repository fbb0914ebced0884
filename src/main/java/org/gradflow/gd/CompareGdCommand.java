package org.gradflow.gd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gradflow.integrate.Progress;
import org.gradflow.integrate.RunResult;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradflow compare-gd SYSTEM}: discrete GD (or an imported run) against the exact flow of
 * any registered system, optionally against the first-order modified flow, with an order check.
 * Exit codes: 0 done, 1 an order check failed, 2 bad input, 3 GD or the flow failed.
 */
@Command(name = "compare-gd", mixinStandardHelpOptions = true,
    description = "Compare gradient descent (run here or imported) with the gradient flow of a system.")
public final class CompareGdCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SYSTEM", description = "System spec (systems/*.json).")
  Path system;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec field (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--lr", description = "GD learning rate η (default: gd.learningRate of the spec).")
  Double learningRate;

  @Option(names = "--steps", description = "GD steps K (default: gd.steps, else round(tEnd/η)).")
  Long steps;

  @Option(names = "--record-log", description = "Log-spaced recorded steps (default: gd.record.log or 100).")
  Integer recordLog;

  @Option(names = "--record-linear", description = "Evenly spaced recorded steps (default: gd.record.linear or 100).")
  Integer recordLinear;

  @Option(names = "--event-stride", paramLabel = "S",
      description = "Check events (other than loss/gradNorm) every S steps, locating crossings on the stored iterates (default: gd.eventStride or 1).")
  Integer eventStride;

  @Option(names = "--modified", description = "Also compare with the first-order modified flow −∇(L + (η/4)|∇L|²).")
  boolean modified;

  @Option(names = "--order", paramLabel = "H",
      description = "Order check over η, η/2, …, η/2^H (H ≥ 2; default: gd.orderCheck.halvings, else off).")
  Integer halvings;

  @Option(names = "--order-steps", paramLabel = "K0",
      description = "Steps of the largest η in the order check, fixing t = K0·η (default: gd.orderCheck.steps, else --steps).")
  Long orderSteps;

  @Option(names = "--import", paramLabel = "PATH", description = "GD run made elsewhere: .npz, folder of .npy, or .csv.")
  Path importPath;

  @Option(names = "--import-format", defaultValue = "auto", description = "auto, npz, npy or csv (default: ${DEFAULT-VALUE}).")
  String importFormat;

  @Option(names = "--start-from-import", description = "Start the flow from the imported step-0 parameters.")
  boolean startFromImport;

  @Option(names = "--out", defaultValue = "outputs", description = "Folder for run folders (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    SystemSpec spec = SpecLoader.load(system, overrides);
    FlowSystem sys = ModelRegistry.build(spec);
    GdSettings settings = GdSettings.from(spec, learningRate, steps, recordLog, recordLinear, eventStride);
    SpecSection order = GdSettings.section(spec).child("orderCheck");
    // an imported run gets an order check only when asked for on the command line
    int h = halvings != null ? halvings : (importPath != null ? 0 : order.integer("halvings", 0));
    if (h == 1 || h < 0) {
      throw new SpecException(spec.file(), halvings != null ? "--order" : "gd.orderCheck.halvings",
          "needs at least 2 halvings (3 learning rates) for a fit, got " + h);
    }
    long k0 = orderSteps != null ? orderSteps : order.integer("steps", 0);
    ImportedRun imported = null;
    if (importPath != null) {
      imported = RunImporter.load(importPath, importFormat, sys.flow().layout());
      if (startFromImport) {
        if (!imported.hasStates() || imported.steps()[0] != 0) {
          throw new SpecException(importPath.toString(), "steps", "--start-from-import needs parameter snapshots with step 0");
        }
        sys = new FlowSystem(sys.flow(), imported.states()[0], sys.builtinEvents(), sys.artifacts());
      }
    }
    Progress progress = quiet ? Progress.NONE : new LogProgress(System.out, 2.0);
    long start = System.nanoTime();
    CompareGd.Result r = CompareGd.run(spec, sys, settings, new CompareGd.Options(modified, h, k0, imported), progress);
    Path dir = GdWriter.write(r, out);
    for (String line : GdReport.lines(r, List.of())) {
      if (line.startsWith("- ")) {
        System.out.println(line);
      }
    }
    System.out.printf(Locale.ROOT, "compare-gd: wrote %s (%.2f s)%n", dir, (System.nanoTime() - start) * 1e-9);
    if (r.orderFailure() != null) {
      System.err.println("compare-gd: order check not completed: " + r.orderFailure() + " (partial results in " + dir + ")");
    }
    if (r.flow().failed() || (r.gd() != null && r.gd().outcome() == RunResult.Outcome.FAILED) || r.orderFailure() != null) {
      return 3;
    }
    if (r.order() != null && (!r.order().flowFit().pass()
        || (r.order().modifiedFit() != null && !r.order().modifiedFit().pass()))) {
      return 1;
    }
    return 0;
  }
}
