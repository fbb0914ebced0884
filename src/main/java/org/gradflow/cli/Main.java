package org.gradflow.cli;

import org.gradflow.io.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code gradflow <command>}. */
@Command(
    name = "gradflow",
    mixinStandardHelpOptions = true,
    version = "gradflow 0.1.0",
    description = "Exact gradient-flow integration of small transformer and MLP models.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      CheckGradientCommand.class,
      ExportCommand.class,
      org.gradflow.bench.BenchCommand.class,
      ListCommand.class,
      org.gradflow.gd.CompareGdCommand.class,
      org.gradflow.models.markov.PortraitCommand.class,
      org.gradflow.sweep.SweepCommand.class,
      CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    BuildInfo.start();
    System.exit(execute(args));
  }

  /** Runs the CLI and returns the exit code (0 ok, 1 check failed, 2 bad input, 3 run failed). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorHandler());
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // Errors pass picocli's handler; they still end in one line, not a trace
      return ErrorHandler.report(e, cli.getErr());
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
