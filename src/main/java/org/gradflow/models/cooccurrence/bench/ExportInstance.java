package org.gradflow.models.cooccurrence.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.models.cooccurrence.CooccurrenceFlow;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;

/**
 * Writes a cooccurrence system's exact instance (tokens, labels, a, m, θ0 flat in layout order,
 * and −∇L̂(θ0) as computed here) to JSON, so that scripts/cooccurrence_scipy.py integrates the
 * very same problem and can check its numpy RHS against this one before timing.
 * Usage: {@code java -cp ... org.gradflow.models.cooccurrence.bench.ExportInstance systems/x.json out.json}
 */
public final class ExportInstance {
  private ExportInstance() {}

  public static void main(String[] args) throws IOException {
    SystemSpec spec = SpecLoader.load(Path.of(args[0]), List.of());
    FlowSystem system = ModelRegistry.build(spec);
    CooccurrenceFlow flow = (CooccurrenceFlow) system.flow();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("system", args[0]);
    root.put("m", flow.m());
    root.put("m1", flow.m1());
    root.put("d", flow.data().vocabulary());
    root.put("tEnd", spec.integrator().tEnd());
    ArrayNode tokens = root.putArray("tokens");
    ArrayNode labels = root.putArray("labels");
    for (int i = 0; i < flow.data().n(); i++) {
      ArrayNode row = tokens.addArray();
      for (int t : flow.data().tokens(i)) {
        row.add(t);
      }
      labels.add(flow.data().label(i));
    }
    ArrayNode a = root.putArray("a");
    for (double x : flow.a()) {
      a.add(x);
    }
    double[] theta0 = system.initialState();
    double[] rhs = new double[theta0.length];
    root.put("loss0", flow.negativeGradient(theta0, rhs));
    ArrayNode th = root.putArray("theta0");
    ArrayNode r = root.putArray("rhs0");
    for (int i = 0; i < theta0.length; i++) {
      th.add(theta0[i]);
      r.add(rhs[i]);
    }
    Files.writeString(Path.of(args[1]), Json.MAPPER.writeValueAsString(root));
  }
}
