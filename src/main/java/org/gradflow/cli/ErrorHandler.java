package org.gradflow.cli;

import org.gradflow.spec.SpecException;
import picocli.CommandLine;

/** Bad input → one line on stderr and exit 2; anything else is a bug and shows its trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof SpecException) {
      cmd.getErr().println("gradflow: " + e.getMessage());
      return BAD_INPUT;
    }
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}
