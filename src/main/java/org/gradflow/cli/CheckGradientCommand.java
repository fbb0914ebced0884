package org.gradflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradflow.core.GradientCheck;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradflow check-gradient SPEC}: analytic gradient vs central differences (and AD). */
@Command(name = "check-gradient", mixinStandardHelpOptions = true,
    description = {"Compare the analytic gradient at θ0 of a system with central differences and,",
        "for dimension ≤ --ad-max, with Hipparchus automatic differentiation. Prints the max relative",
        "error per block; exit 1 if any exceeds --tol."})
final class CheckGradientCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC")
  Path spec;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec field (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--tol", defaultValue = "1e-6", description = "Largest acceptable relative error (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--per-block", defaultValue = "400", description = "Components per block checked by differences; 0 = all (default: ${DEFAULT-VALUE}).")
  int perBlock;

  @Option(names = "--ad-max", defaultValue = "3000", description = "Largest dimension for the AD comparison (O(dim²)) (default: ${DEFAULT-VALUE}).")
  int adMax;

  @Override
  public Integer call() {
    SystemSpec s = SpecLoader.load(spec, overrides);
    FlowSystem system = ModelRegistry.build(s);
    double[] theta = system.initialState();
    System.out.printf("%s (%s, dimension %d), at θ0%n", s.name(), s.model(), theta.length);
    boolean ok = report("central differences", GradientCheck.centralDifferences(system.flow(), theta, perBlock));
    if (theta.length <= adMax) {
      ok &= report("automatic differentiation", GradientCheck.automatic(system.flow(), theta));
    } else {
      System.out.printf("automatic differentiation: skipped (dimension %d > --ad-max %d)%n", theta.length, adMax);
    }
    System.out.println(ok ? "OK" : "FAILED: some block exceeds " + tol);
    return ok ? 0 : 1;
  }

  private boolean report(String method, Map<String, Double> errors) {
    System.out.println(method + ":");
    boolean ok = true;
    for (var e : errors.entrySet()) {
      boolean good = e.getValue() <= tol;
      ok &= good;
      System.out.printf("  %-10s max relative error %.3e %s%n", e.getKey(), e.getValue(), good ? "" : "  > tol");
    }
    return ok;
  }
}
