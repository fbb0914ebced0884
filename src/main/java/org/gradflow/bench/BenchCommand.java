package org.gradflow.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradflow bench [REGEX]}: runs the JMH benchmarks of the jar (default: the engine's),
 * in one forked JVM, and for the quadratic prints RHS time, integration time per RHS
 * evaluation and their ratio, all from the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run JMH benchmarks (speed is measured here, never in unit tests).",
        "REGEX selects benchmarks, e.g. QuadraticBenchmark (default) or '.*' for all."})
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", defaultValue = "QuadraticBenchmark", paramLabel = "REGEX")
  String include;

  @Option(names = "--quick", description = "1 warm-up and 3 measurement iterations of 1 s (default: 3 and 5).")
  boolean quick;

  @Option(names = "--forks", defaultValue = "1", description = "JVM forks (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--alternate", paramLabel = "SPEC",
      description = "Instead of JMH: bare DP853 flows of SPEC, stock Hipparchus and the engine alternately.")
  java.nio.file.Path alternate;

  @Option(names = "--rounds", defaultValue = "4", description = "Rounds of --alternate (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Spec override for --alternate (repeatable).")
  java.util.List<String> overrides = new java.util.ArrayList<>();

  @Override
  public Integer call() throws RunnerException {
    if (alternate != null) {
      AlternatingFlowTiming.run(alternate, overrides, rounds);
      return 0;
    }
    ChainedOptionsBuilder o = new OptionsBuilder().include(include).forks(forks)
        .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .jvmArgsAppend("-Djava.awt.headless=true");
    Collection<RunResult> results = new Runner(o.build()).run();
    summarizeQuadratic(results);
    OverheadSummary.print(results);
    return 0;
  }

  private static void summarizeQuadratic(Collection<RunResult> results) {
    Double rhs = null;
    Double integrate = null;
    String system = null;
    String tEnd = null;
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      if (label.endsWith("QuadraticBenchmark.rhs")) {
        rhs = r.getPrimaryResult().getScore();
      } else if (label.endsWith("QuadraticBenchmark.integrate")) {
        integrate = r.getPrimaryResult().getScore();
        system = r.getParams().getParam("system");
        tEnd = r.getParams().getParam("tEnd");
      }
    }
    if (rhs == null || integrate == null) {
      return;
    }
    long evals = QuadraticBenchmark.evaluationsPerIntegration(system, tEnd);
    double perEval = integrate / evals;
    System.out.printf(Locale.ROOT, "%nquadratic (%s, t_end %s): RHS %.2f µs; integration %.1f µs for %d RHS evaluations"
        + " = %.2f µs per evaluation; integrator overhead = %.2f× the RHS alone%n",
        system, tEnd, rhs, integrate, evals, perEval, perEval / rhs);
  }
}
