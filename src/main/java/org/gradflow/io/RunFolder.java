package org.gradflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A new, never-reused output folder {@code <root>/<name>-<timestamp>[-k]}. */
public final class RunFolder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunFolder() {}

  public static Path create(Path root, String name) {
    try {
      Files.createDirectories(root);
      String base = sanitize(name) + "-" + LocalDateTime.now().format(STAMP);
      for (int k = 1; ; k++) {
        Path p = root.resolve(k == 1 ? base : base + "-" + k);
        try {
          return Files.createDirectory(p); // atomic: fails if it exists, so nothing is overwritten
        } catch (FileAlreadyExistsException e) {
          // taken (another run in the same second): try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder under " + root, e);
    }
  }

  static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
