package org.gradflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gradflow.io.InstanceExport;
import org.gradflow.io.NpzExport;
import org.gradflow.models.FlowSystem;
import org.gradflow.models.ModelRegistry;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;
import org.gradflow.spec.SystemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradflow export SPEC}: the system's instance in explicit form, checked to rebuild the
 * identical system before anything is presented (same θ0 bit for bit, same loss and gradient).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a system's exact instance: θ0 by block, the data and every fixed parameter.",
        "  instance.json  the explicit params, data and init sections (paste into a spec)",
        "  system.json    the whole spec with those sections: runs the identical instance",
        "  instance.npz   the same arrays for NumPy (θ0 by block, theta0 flat, negGrad0 = -∇L(θ0), loss0)",
        "Exit codes: 0 done, 2 bad input or an instance the family cannot rebuild (nothing written)."})
final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SPEC", description = "System spec (JSON)")
  Path spec;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a spec field (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Folder to create (default: outputs/<name>-instance); an existing non-empty one is refused.")
  Path out;

  @Override
  public Integer call() throws IOException {
    SystemSpec s = SpecLoader.load(spec, overrides);
    FlowSystem system = ModelRegistry.build(s);
    Path dir = out != null ? out : Path.of("outputs", s.name() + "-instance");
    refuseNonEmpty(dir);
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    double[] theta0 = system.initialState();
    double[] negGrad0 = new double[theta0.length];
    double loss0 = system.flow().negativeGradient(theta0, negGrad0);
    Path tmp = Files.createDirectory(parent.resolve("." + dir.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"));
    try {
      ObjectNode sections = InstanceExport.sections(s, system);
      Json.MAPPER.writeValue(tmp.resolve("instance.json").toFile(), sections);
      Json.MAPPER.writeValue(tmp.resolve("system.json").toFile(), InstanceExport.systemSpec(s, sections));
      NpzExport.write(tmp.resolve("instance.npz").toFile(), system.flow().layout(), theta0, negGrad0, loss0, sections);
      checkRebuilds(s, tmp.resolve("system.json"), dir.resolve("system.json"), theta0, negGrad0, loss0);
      Files.deleteIfExists(dir);
      Files.move(tmp, dir);
    } finally {
      deleteTree(tmp);
    }
    System.out.printf("wrote %s (instance.json, system.json, instance.npz): %s, dimension %d, loss0 %s%n",
        dir, s.model(), theta0.length, Double.toString(loss0));
    return 0;
  }

  /** The exported spec must give back θ0 bit for bit and the same −∇L(θ0), or nothing is written. */
  private static void checkRebuilds(SystemSpec original, Path written, Path label, double[] theta0,
      double[] negGrad0, double loss0) {
    FlowSystem again;
    try {
      again = ModelRegistry.build(SpecLoader.fromTree(label.toString(), SpecLoader.readTree(written), List.of()));
    } catch (SpecException e) {
      throw new SpecException(original.file(), "model", "'" + original.model()
          + "' cannot rebuild this instance from its explicit form (" + e.getMessage() + ")");
    }
    double[] g = new double[theta0.length];
    double loss = again.flow().negativeGradient(again.initialState(), g);
    if (!Arrays.equals(again.initialState(), theta0) || !Arrays.equals(g, negGrad0)
        || Double.compare(loss, loss0) != 0) {
      throw new SpecException(original.file(), "model", "'" + original.model()
          + "' rebuilds a different instance from its explicit form (θ0, loss or gradient differ)");
    }
  }

  private static void refuseNonEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isEmpty()) {
          return;
        }
      }
    }
    if (Files.exists(dir)) {
      throw new SpecException(dir.toString(), null, "exists and is not an empty folder (export never overwrites)");
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
