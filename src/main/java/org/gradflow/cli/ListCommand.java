package org.gradflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gradflow.models.ModelFamily;
import org.gradflow.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the registered model families and the ready-to-run systems. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List registered model families and the systems/ files.")
final class ListCommand implements Runnable {
  @Option(names = "--systems", defaultValue = "systems", description = "Folder of system specs (default: ${DEFAULT-VALUE}).")
  Path systems;

  @Override
  public void run() {
    System.out.println("Model families:");
    for (ModelFamily f : ModelRegistry.families().values()) {
      System.out.printf("  %-22s %s%n", f.name(), f.summary());
    }
    System.out.println("Systems (" + systems + "):");
    if (Files.isDirectory(systems)) {
      try (Stream<Path> s = Files.list(systems)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted()
            .forEach(p -> System.out.println("  " + p));
      } catch (IOException e) {
        System.out.println("  (cannot list: " + e.getMessage() + ")");
      }
    }
  }
}
