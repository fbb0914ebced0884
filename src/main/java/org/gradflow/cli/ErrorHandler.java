package org.gradflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.gradflow.spec.SpecException;
import picocli.CommandLine;

/**
 * Nothing reaches a user as a stack trace. Bad input → one line naming file and field, exit 2;
 * a file that cannot be read or written → one line, exit 1; anything else is a bug: one line
 * saying so (with where it happened), exit 1, and the trace only with GRADFLOW_DEBUG=1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int ERROR = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    return report(e, cmd.getErr());
  }

  static int report(Throwable e, java.io.PrintWriter err) {
    if (e instanceof SpecException) {
      err.println("gradflow: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof OutOfMemoryError) {
      err.println("gradflow: out of memory (this JVM may use " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB): choose a smaller system, or raise the heap with GRADFLOW_JAVA_OPTS=-Xmx<size>");
      return BAD_INPUT;
    }
    if (e instanceof UncheckedIOException || e instanceof IOException) {
      Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
      err.println("gradflow: " + (e.getMessage() == null ? "" : e.getMessage() + ": ") + io);
      return ERROR;
    }
    StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
    err.println("gradflow: internal error (a bug, please report it): " + e + (at == null ? "" : " at " + at));
    if ("1".equals(System.getenv("GRADFLOW_DEBUG"))) {
      e.printStackTrace(err);
    }
    return ERROR;
  }
}
