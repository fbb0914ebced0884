package org.gradflow.validate;

import java.nio.file.Path;
import java.util.List;
import org.gradflow.models.RunResult;
import org.gradflow.spec.SystemSpec;

/**
 * What a check may ask of the suite runner: runs of systems (cached, so several checks share
 * one run; each run is written to its own folder under the suite's), the loaded spec, and a
 * folder for the check's own figures.
 */
public interface SuiteContext {

  /** Runs (or returns the cached run of) a system file with {@code --set}-style overrides. */
  RunResult run(String systemFile, List<String> overrides);

  /**
   * As {@link #run(String, List)} with the span ending at {@code tEnd} (the engine's options, not
   * an edit of the spec; run.json records the span run).
   */
  RunResult runTo(String systemFile, List<String> overrides, double tEnd);

  /** Loads a system spec (relative paths resolve against the repository / working dir). */
  SystemSpec spec(String systemFile, List<String> overrides);

  /** Folder for this suite's extra files (fits, figures). */
  Path outputDir();
}
