package org.gradflow.sweep;

import org.gradflow.io.AtomicFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;

/**
 * A sweep folder is self-contained: {@code sweep.json} (the sweep with its base system inlined),
 * {@code plan.json} (the points: index, id, spec hash, assignments), {@code specs/<id>.json}
 * (each point's full system spec, runnable with {@code gradflow run}), and {@code points/}.
 * Slurm array tasks and {@code sweep collect} need nothing but this folder.
 */
public final class SweepPlan {
  static final String SWEEP = "sweep.json";

  private SweepPlan() {}

  public static void write(Path dir, SweepSpec sweep, List<SweepPoint> points) throws IOException {
    Files.createDirectories(dir.resolve("specs"));
    AtomicFiles.write(dir.resolve(SWEEP), Json.MAPPER.writeValueAsString(sweep.tree()));
    ObjectNode plan = Json.MAPPER.createObjectNode();
    plan.put("name", sweep.name());
    plan.put("source", sweep.file());
    plan.put("base", sweep.baseFile());
    ArrayNode arr = plan.putArray("points");
    for (SweepPoint p : points) {
      ObjectNode o = arr.addObject();
      o.put("index", p.index());
      o.put("id", p.id());
      o.put("specHash", p.hash());
      o.set("assignments", Json.MAPPER.valueToTree(p.assignments()));
      Path spec = dir.resolve("specs").resolve(p.id() + ".json");
      String text = Json.MAPPER.writeValueAsString(p.tree());
      if (!Files.exists(spec) || !Files.readString(spec).equals(text)) {
        AtomicFiles.write(spec, text);
      }
    }
    AtomicFiles.write(dir.resolve("plan.json"), Json.MAPPER.writeValueAsString(plan));
  }

  /** Re-reads the sweep of a folder written by {@link #write}. */
  public static SweepSpec read(Path dir) {
    Path f = dir.resolve(SWEEP);
    if (!Files.isRegularFile(f)) {
      throw new SpecException(dir.toString(), null, "not a sweep folder (no " + SWEEP + ")");
    }
    return SweepSpecLoader.fromTree(f.toString(), SpecLoader.readTree(f), dir.toAbsolutePath());
  }
}
