package org.gradflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradflow.integrate.RunResult;
import org.gradflow.io.RunFolder;
import org.gradflow.io.RunWriter;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.plot.PlotWarmUp;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import org.gradflow.validate.LossMonotonicity;
import org.gradflow.validate.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradflow run SPEC}: integrate one system and write its run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Integrate one system and write outputs/<name>-<timestamp>/.",
        "Exit codes: 0 done, 2 bad input (nothing written), 3 integration failed (partial results written)."})
final class RunCommand implements Callable<Integer> {
  static final int RUN_FAILED = 3;

  @Parameters(index = "0", paramLabel = "SPEC", description = "System spec (JSON), e.g. systems/linear-network-saxe.json")
  Path spec;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec field, e.g. --set integrator.rtol=1e-12 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-o", "--outputs"}, defaultValue = "outputs", description = "Root folder: the run lands in <root>/<name>-<timestamp>/ (default: ${DEFAULT-VALUE}).")
  Path outputs;

  @Option(names = "--run-dir", paramLabel = "DIR", description = "Write the run exactly into DIR (created; an existing non-empty folder is refused). Overrides -o.")
  Path runDir;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Option(names = "--dry-run", description = "Only check: read the spec, build the system, check tolerances and observables; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    SystemSpec s = SpecLoader.load(spec, overrides);
    FlowSystem system = ModelRegistry.build(s);
    Preflight.check(s, system);
    if (dryRun) {
      System.out.println("ok: " + spec + " (" + s.model() + ", dimension " + system.flow().layout().dimension() + ")");
      return 0;
    }
    // where the results go is checked before the integration, not found wanting after it
    if (runDir != null) {
      RunFolder.requireUsableRunDir(runDir);
    } else {
      RunFolder.requireWritable(outputs);
    }
    PlotWarmUp.start(s.outputs().plotFormats());
    RunResult r = LossMonotonicity.run(s, system, quiet ? org.gradflow.integrate.Progress.NONE : new ConsoleProgress(System.err));
    Path dir = RunWriter.writeInto(r, runDir != null ? RunFolder.createExact(runDir) : RunFolder.create(outputs, s.name()));
    r.warnings().forEach(w -> System.err.println("warning: " + w));
    System.out.println("wrote " + dir);
    if (r.failed()) {
      System.err.println("gradflow: run failed: " + r.reason() + " (partial results in " + dir + ")");
      return RUN_FAILED;
    }
    return 0;
  }
}
