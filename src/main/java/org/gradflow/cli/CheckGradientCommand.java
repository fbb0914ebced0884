package org.gradflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradflow.core.GradientCheck;
import org.gradflow.core.GradientFlow;
import org.gradflow.core.ad.TapeFullException;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradflow check-gradient SPEC}: analytic kernel vs reverse AD vs central differences (vs forward AD). */
@Command(name = "check-gradient", mixinStandardHelpOptions = true,
    description = {"Compare the gradient of a system at θ0 three ways, per block: the analytic kernel (if the",
        "model has one) against the reverse-mode sweep of its generic loss, every entry; the gradient against",
        "central differences on up to --per-block distinct entries per block (seeded); and, for dimension",
        "≤ --forward-max, against Hipparchus forward-mode AD. Memory: θ, three gradients and one reverse tape",
        "(its size is printed); forward mode needs dimension² doubles and is skipped above the bound.",
        "Exit 1 if a comparison exceeds its tolerance or a block could be checked by no method."})
final class CheckGradientCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC")
  Path spec;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec field (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--tol", defaultValue = "1e-6",
      description = "Largest acceptable relative error against differences (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--ad-tol", defaultValue = "1e-12",
      description = "Largest acceptable relative error between AD and the analytic kernel (default: ${DEFAULT-VALUE}).")
  double adTol;

  @Option(names = "--per-block", defaultValue = "400",
      description = "Entries per block checked by differences; 0 = all (default: ${DEFAULT-VALUE}).")
  int perBlock;

  @Option(names = "--forward-max", defaultValue = "1500",
      description = "Largest dimension for the forward-mode comparison, O(dim²) (default: ${DEFAULT-VALUE}).")
  int forwardMax;

  @Option(names = "--tape-max-mb", defaultValue = "2000",
      description = "Memory bound of the reverse-AD tape in MB; above it reverse AD is skipped (default: ${DEFAULT-VALUE}).")
  long tapeMaxMb;

  @Override
  public Integer call() {
    SystemSpec s = SpecLoader.load(spec, overrides);
    FlowSystem system = ModelRegistry.build(s);
    GradientFlow flow = system.flow();
    double[] theta = system.initialState();
    boolean analytic = GradientFlow.hasAnalyticGradient(flow);
    System.out.printf("%s (%s, dimension %d), at θ0; gradient: %s%n", s.name(), s.model(), theta.length,
        analytic ? "analytic kernel" : "reverse AD of the loss (the model has no analytic kernel)");
    Map<String, Double> vsReverse = null;
    try {
      GradientCheck.Reverse rev = GradientCheck.reverse(flow, theta, tapeMaxMb * 1_000_000L);
      System.out.printf(Locale.ROOT, "reverse AD: %d operations recorded, tape %.1f MB%n",
          rev.operations(), rev.tapeBytes() / 1e6);
      vsReverse = analytic ? GradientCheck.againstReverse(flow, theta, rev.gradient()) : null;
    } catch (TapeFullException e) {
      if (!analytic) {
        throw e; // the model's only gradient is the reverse sweep: nothing to check without it
      }
      System.out.println("reverse AD: skipped, " + e.getMessage() + " (raise --tape-max-mb)");
    }
    Map<String, GradientCheck.BlockError> fd = GradientCheck.centralDifferences(flow, theta, perBlock);
    Map<String, Double> forward = theta.length <= forwardMax ? GradientCheck.automatic(flow, theta) : null;
    boolean ok = true;
    System.out.printf("  %-10s %-24s %-50s %s%n", "block", "analytic vs reverse AD", "central differences", "forward AD");
    for (var e : fd.entrySet()) {
      String block = e.getKey();
      GradientCheck.BlockError b = e.getValue();
      String checked = b.sampled() ? String.format(Locale.ROOT, " (%d of %d entries, seeded)", b.checked(), b.size())
          : String.format(Locale.ROOT, " (all %d)", b.size());
      String fdText = b.resolved()
          ? String.format(Locale.ROOT, "%.3e%s%s", b.error(), b.error() <= tol ? "" : " > tol", checked)
          : String.format(Locale.ROOT, "unresolved (|∇| %.1e, rounding %.1e)", b.scale(), b.resolution());
      String revText = vsReverse == null ? (analytic ? "skipped" : "- (no analytic kernel)") : verdict(vsReverse.get(block), adTol);
      String fwdText = forward == null ? "skipped (dimension > --forward-max)" : verdict(forward.get(block), adTol);
      boolean byAd = vsReverse != null || forward != null;
      boolean good = (!b.resolved() || b.error() <= tol)
          && (vsReverse == null || vsReverse.get(block) <= adTol)
          && (forward == null || forward.get(block) <= adTol)
          && (b.resolved() || byAd);
      ok &= good;
      System.out.printf("  %-10s %-24s %-50s %s%s%n", block, revText, fdText, fwdText,
          b.resolved() || byAd ? "" : "  NOT CHECKED");
    }
    System.out.println(ok ? "OK: every block agrees (differences to " + tol + ", AD to " + adTol + ")"
        : "FAILED: a block exceeds its tolerance or could be checked by no method (try --set to move θ0, or raise --forward-max)");
    return ok ? 0 : 1;
  }

  private static String verdict(double err, double tol) {
    return String.format(Locale.ROOT, "%.3e%s", err, err <= tol ? "" : " > tol");
  }
}
