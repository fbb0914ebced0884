package org.gradflow.sweep;

import java.nio.file.Path;

/**
 * Runs one sweep point, writing whatever files it produces into {@code folder} (a fresh staging
 * folder the executor later renames into place), and returns the point's summary. The real
 * runner calls the engine ({@link EnginePointRunner}); tests use fakes. Must be deterministic:
 * the same point gives the same result, and safe to call from several threads at once.
 */
@FunctionalInterface
public interface PointRunner {
  PointResult run(SweepPoint point, Path folder) throws Exception;
}
