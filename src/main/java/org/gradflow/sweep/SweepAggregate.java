package org.gradflow.sweep;

import org.gradflow.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradflow.plot.Charts;
import org.gradflow.spec.Json;
import org.gradflow.validate.CheckResult;
import org.gradflow.validate.Verdict;

/**
 * The sweep's table and verdicts over whatever points are complete: one row per finished point
 * (axes, outcome, final time and loss, first time of every event, integrator statistics,
 * per-point expectation values and verdicts, final-state hash), the points still missing, and
 * every expectation's result. Contains nothing that varies between runs (no wall times), so an
 * interrupted-and-resumed sweep writes byte-identical {@code aggregate.csv}/{@code aggregate.json}.
 */
public final class SweepAggregate {
  private final SweepSpec sweep;
  /** Every stored point, completed or failed, in point order: the rows of the table. */
  private final List<PointValues> finished;
  private final List<SweepPoint> missing;
  private final List<PointValues> failed;
  private final List<ExpectationResult> results;
  private final List<String> columns;

  private SweepAggregate(SweepSpec sweep, List<PointValues> finished, List<SweepPoint> missing) {
    this.sweep = sweep;
    this.finished = finished;
    this.missing = missing;
    this.failed = finished.stream().filter(p -> p.result().failed()).toList();
    List<PointValues> completed = finished.stream().filter(p -> !p.result().failed()).toList();
    this.results = new ArrayList<>();
    for (Expectation e : sweep.expectations()) {
      results.add(e.evaluate(completed)); // a failed run's numbers are not data
    }
    this.columns = columns();
  }

  public static SweepAggregate collect(SweepSpec sweep, List<SweepPoint> points, PointStore store) {
    List<PointValues> done = new ArrayList<>();
    List<SweepPoint> missing = new ArrayList<>();
    for (SweepPoint p : points) {
      Optional<PointResult> r = store.stored(p);
      if (r.isPresent()) {
        done.add(new PointValues(p, r.get()));
      } else {
        missing.add(p);
      }
    }
    return new SweepAggregate(sweep, done, missing);
  }

  public List<SweepPoint> missing() {
    return missing;
  }

  public List<PointValues> finished() {
    return finished;
  }

  /** Stored points whose run FAILED (rerun on resume). */
  public List<PointValues> failed() {
    return failed;
  }

  /** Every point ran and none failed. */
  public boolean complete() {
    return missing.isEmpty() && failed.isEmpty();
  }

  public List<ExpectationResult> results() {
    return results;
  }

  /** PASS when every point completed and every expectation passed. */
  public boolean allPassed() {
    return complete() && results.stream().allMatch(r -> r.check().verdict() != Verdict.FAIL);
  }

  private Set<String> eventNames() {
    Set<String> names = new LinkedHashSet<>();
    finished.forEach(p -> names.addAll(p.result().events().keySet()));
    return names;
  }

  private List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("id");
    Set<String> paths = new LinkedHashSet<>();
    finished.forEach(p -> paths.addAll(p.point().assignments().keySet()));
    c.addAll(paths);
    c.addAll(List.of("outcome", "finalTime", "finalLoss"));
    eventNames().forEach(n -> c.add("event:" + n));
    c.addAll(List.of("steps", "rejectedSteps", "rhsEvaluations", "dimension"));
    for (ExpectationResult r : results) {
      if (!r.perPoint().isEmpty()) {
        c.add(r.check().id() + ":value");
        c.add(r.check().id() + ":verdict");
      }
    }
    c.add("finalStateSha256");
    return c;
  }

  /** One row as column → value (numbers stay numbers). */
  private Map<String, Object> row(PointValues p) {
    PointResult r = p.result();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    p.point().assignments().forEach((k, v) -> m.put(k, v.isNumber() ? (Object) v.numberValue() : v.asText()));
    m.put("outcome", r.outcome());
    m.put("finalTime", r.finalTime());
    m.put("finalLoss", r.finalLoss());
    for (String n : eventNames()) {
      PointResult.EventSummary e = r.events().get(n);
      m.put("event:" + n, e == null ? Double.NaN : e.time());
    }
    m.put("steps", r.steps());
    m.put("rejectedSteps", r.rejectedSteps());
    m.put("rhsEvaluations", r.rhsEvaluations());
    m.put("dimension", r.dimension());
    for (ExpectationResult x : results) {
      if (!x.perPoint().isEmpty()) {
        m.put(x.check().id() + ":value", x.perPoint().get(r.id()));
        m.put(x.check().id() + ":verdict", x.perPointVerdict().get(r.id()));
      }
    }
    m.put("finalStateSha256", r.finalStateSha256());
    return m;
  }

  public String csv() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", columns.stream().map(SweepAggregate::csvCell).toList())).append('\n');
    for (PointValues p : finished) {
      Map<String, Object> m = row(p);
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        Object v = m.get(c);
        cells.add(v == null ? "" : csvCell(String.valueOf(v)));
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  public ObjectNode json() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", sweep.name());
    o.put("points", finished.size() + missing.size());
    o.put("complete", complete());
    o.put("finished", finished.size() - failed.size());
    ArrayNode fail = o.putArray("failed");
    failed.forEach(p -> fail.add(p.id()));
    ArrayNode miss = o.putArray("missing");
    missing.forEach(p -> miss.add(p.id()));
    o.put("verdict", !complete() ? "INCOMPLETE" : allPassed() ? "PASS" : "FAIL");
    ArrayNode cols = o.putArray("columns");
    columns.forEach(cols::add);
    ArrayNode rows = o.putArray("rows");
    for (PointValues p : finished) {
      rows.add(Json.MAPPER.<JsonNode>valueToTree(row(p)));
    }
    ArrayNode ex = o.putArray("expectations");
    for (ExpectationResult r : results) {
      ObjectNode e = Json.MAPPER.valueToTree(r.check());
      e.set("details", Json.MAPPER.valueToTree(r.details()));
      ex.add(e);
    }
    return o;
  }

  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Sweep ").append(sweep.name()).append("\n\n");
    if (!sweep.description().isEmpty()) {
      sb.append(sweep.description()).append("\n\n");
    }
    sb.append(String.format(Locale.ROOT, "Base system: `%s`. Points: %d completed, %d failed, %d not run, of %d.%n%n",
        sweep.baseFile(), finished.size() - failed.size(), failed.size(), missing.size(),
        finished.size() + missing.size()));
    if (!complete()) {
      sb.append("**INCOMPLETE**: the verdicts below use only the completed points.\n\n");
    }
    if (!failed.isEmpty()) {
      sb.append("Failed (rerun on resume): ").append(String.join(", ", failed.stream().map(p -> p.id() + " ("
          + p.result().reason() + ")").toList())).append("\n\n");
    }
    if (!missing.isEmpty()) {
      sb.append("Not run: ").append(String.join(", ", missing.stream().map(SweepPoint::id).toList())).append("\n\n");
    }
    if (!results.isEmpty()) {
      sb.append("| id | check | source | predicted | measured | tolerance | verdict | note |\n");
      sb.append("|---|---|---|---|---|---|---|---|\n");
      for (ExpectationResult r : results) {
        CheckResult c = r.check();
        sb.append(String.join(" | ", "| " + c.id(), c.title(), c.source(), c.predicted(), c.measured(),
            c.tolerance(), "**" + c.verdict() + "**", c.note() + " |")).append('\n');
        if (r.chart() != null) {
          sb.append("\n![").append(c.id()).append("](plots/").append(fileName(c.id())).append(")\n\n");
        }
      }
      sb.append('\n');
    }
    sb.append("Full table: `aggregate.csv` / `aggregate.json`; wall times: `timings.csv`.\n");
    return sb.toString();
  }

  /** Wall time per finished point (kept out of the aggregate: it differs between runs). */
  public String timingsCsv() {
    StringBuilder sb = new StringBuilder("id,wallSeconds,rhsEvaluations\n");
    for (PointValues p : finished) {
      sb.append(p.id()).append(',').append(p.result().wallSeconds()).append(',')
          .append(p.result().rhsEvaluations()).append('\n');
    }
    return sb.toString();
  }

  /** Writes aggregate.csv, aggregate.json, report.md, timings.csv and plots/<expectation>.png. */
  public void write(Path dir) throws IOException {
    AtomicFiles.write(dir.resolve("aggregate.csv"), csv());
    AtomicFiles.write(dir.resolve("aggregate.json"), Json.MAPPER.writeValueAsString(json()));
    AtomicFiles.write(dir.resolve("timings.csv"), timingsCsv());
    for (ExpectationResult r : results) {
      if (r.chart() != null) {
        Charts.save(r.chart(), dir.resolve("plots").resolve(fileName(r.check().id())));
      }
    }
    AtomicFiles.write(dir.resolve("report.md"), markdown());
  }

  private static String fileName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
  }
}
