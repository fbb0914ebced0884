package org.gradflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradflow.integrate.Progress;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.SuiteRunner;
import org.gradflow.validate.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradflow validate SUITE}: run a validation suite; exit 1 if any check fails. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Run a validation suite (validation/*.json): predicted vs measured, PASS/FAIL.",
        "Exit codes: 0 all checks pass, 1 a check failed, 2 bad input."})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SUITE", description = "Suite file, e.g. validation/engine-closed-forms.json")
  Path suite;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override applied to every system the suite runs (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-o", "--outputs"}, defaultValue = "outputs", description = "Root folder (default: ${DEFAULT-VALUE}).")
  Path outputs;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Option(names = "--only", split = ",", paramLabel = "CHECK", description = "Run only these checks (id, type, or the type's last part, e.g. V4,V14); the report says so.")
  List<String> only = new ArrayList<>();

  @Option(names = "--skip", split = ",", paramLabel = "CHECK", description = "Skip these checks (same selectors as --only); the report says so.")
  List<String> skip = new ArrayList<>();

  @Override
  public Integer call() {
    SuiteRunner.Outcome o = SuiteRunner.run(suite, overrides, outputs,
        name -> quiet ? Progress.NONE : new ConsoleProgress(System.err), only, skip);
    for (CheckResult r : o.results()) {
      System.out.printf("%-6s %s: %s | predicted %s | measured %s | %s%n", r.verdict(), r.id(), r.title(),
          r.predicted(), r.measured(), r.tolerance());
    }
    long failed = o.results().stream().filter(r -> r.verdict() == Verdict.FAIL).count();
    System.out.println((failed == 0 ? "PASSED" : "FAILED (" + failed + " checks)") + ": report in "
        + o.folder().resolve("report.md"));
    return failed == 0 ? 0 : 1;
  }
}
