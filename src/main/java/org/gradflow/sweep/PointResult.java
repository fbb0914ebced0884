package org.gradflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a sweep keeps of one finished run ({@code point.json} in the point's folder): the
 * point's identity and spec hash, how the run ended, final loss and time, the first crossing of
 * every event, integrator statistics, and a SHA-256 of the final state's bits (equal hashes ⇔
 * bit-identical final states). {@code wallSeconds} is the only field that may differ between
 * two runs of the same point; it stays out of the aggregate table. {@code codeVersion} is the
 * SHA-256 of the code that ran it ({@link org.gradflow.io.BuildInfo#codeVersion()}): with the
 * spec hash, the key a resumed sweep reuses a result by.
 */
public record PointResult(
    String id,
    int index,
    String specHash,
    Map<String, JsonNode> assignments,
    String outcome,
    String reason,
    double finalTime,
    double finalLoss,
    Map<String, EventSummary> events,
    long steps,
    long rejectedSteps,
    long rhsEvaluations,
    int dimension,
    String finalStateSha256,
    List<String> warnings,
    double wallSeconds,
    String codeVersion) {

  public boolean failed() {
    return "FAILED".equals(outcome);
  }

  /** The same result, stamped with the code that produced it. */
  public PointResult withCodeVersion(String code) {
    return new PointResult(id, index, specHash, assignments, outcome, reason, finalTime, finalLoss, events, steps,
        rejectedSteps, rhsEvaluations, dimension, finalStateSha256, warnings, wallSeconds, code);
  }

  /** First crossing of one event: its time, whether it persisted to the end, how many crossings. */
  public record EventSummary(double time, boolean persisted, int count) {}
}
