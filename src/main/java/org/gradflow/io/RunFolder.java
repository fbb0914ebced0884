package org.gradflow.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.gradflow.spec.SpecException;

/**
 * Output folders: a new, never-reused {@code <root>/<name>-<timestamp>[-k]}, or exactly the
 * folder asked for ({@code --run-dir}). A folder being written carries an {@value #MARKER} file,
 * written first and removed last: a folder that has one is not complete, whatever else it holds
 * (the job is still running, or was killed).
 */
public final class RunFolder {
  public static final String MARKER = "INCOMPLETE";
  /** Below this much free space an output root is refused before any integration starts. */
  static final long MIN_FREE_BYTES = 64L << 20;
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

  /** Refuses an existing {@code dir} that is not an empty folder; checks its parent is writable. Creates nothing. */
  public static void requireUsableRunDir(Path dir) {
    if (Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
      throw new SpecException(dir.toString(), "--run-dir", "exists and is not an empty folder; nothing is overwritten");
    }
    requireWritable(dir.toAbsolutePath().getParent());
  }

  /** Exactly {@code dir} (created with its parents); an existing non-empty folder is refused. */
  public static Path createExact(Path dir) {
    requireUsableRunDir(dir);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SpecException(dir.toString(), "--run-dir", "cannot create: " + e.getMessage());
    }
  }

  /**
   * The root must be a writable folder, or creatable in one, with some free space: checked
   * before an integration starts rather than found out after it, when the results would be
   * lost. Creates nothing (bad input later still leaves nothing behind).
   */
  public static void requireWritable(Path root) {
    Path existing = root.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new SpecException(root.toString(), null, "output folder is not writable"
          + (existing == null ? "" : " (" + existing + (Files.isDirectory(existing) ? " is read-only)" : " is not a folder)")));
    }
    try {
      long free = Files.getFileStore(existing).getUsableSpace();
      if (free < MIN_FREE_BYTES) {
        throw new SpecException(root.toString(), null, "only " + (free >> 20) + " MB free; a run needs at least "
            + (MIN_FREE_BYTES >> 20) + " MB");
      }
    } catch (IOException e) {
      throw new SpecException(root.toString(), null, "cannot read the free space of the output folder: " + e);
    }
  }

  /** Marks a folder as being written (what is happening, in words); the first file written there. */
  public static void markIncomplete(Path dir, String what) {
    try {
      AtomicFiles.write(dir.resolve(MARKER), "INCOMPLETE: " + what + "\n"
          + "This folder is still being written, or the job writing it was killed. Do not trust it.\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MARKER), e);
    }
  }

  /** Removes the marker: the last thing done to a complete folder. */
  public static void markComplete(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(MARKER));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(MARKER), e);
    }
  }

  public static boolean isIncomplete(Path dir) {
    return Files.exists(dir.resolve(MARKER));
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
