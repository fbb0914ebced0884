package org.gradflow.sweep;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.gradflow.spec.Json;

/**
 * The {@code points/} folder of a sweep. A point is complete iff {@code points/<id>/point.json}
 * exists and carries the point's spec hash. A point is written into a staging folder
 * {@code points/.<id>.tmp-<random>} (same directory, so the rename is atomic) and
 * {@code point.json} is written last; the folder is then renamed to {@code points/<id>} with
 * {@link StandardCopyOption#ATOMIC_MOVE}. A kill at any moment leaves either no folder or a
 * complete one; leftover staging folders are removed before the point is run again.
 */
public final class PointStore {
  static final String RESULT = "point.json";
  private final Path root;

  public PointStore(Path sweepDir) {
    this.root = sweepDir.resolve("points");
  }

  public Path folder(SweepPoint p) {
    return root.resolve(p.id());
  }

  /** The stored result if the point's folder is complete and has the same spec hash. */
  public Optional<PointResult> complete(SweepPoint p) {
    Path f = folder(p).resolve(RESULT);
    try {
      PointResult r = Json.MAPPER.readValue(Files.readString(f), PointResult.class);
      return p.hash().equals(r.specHash()) ? Optional.of(r) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // unreadable point.json cannot come from this writer (it is renamed in whole): treat as stale
      return Optional.empty();
    }
  }

  /** Removes this point's leftover staging folders (from a killed run) and makes a fresh one. */
  public Path stage(SweepPoint p) throws IOException {
    Files.createDirectories(root);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "." + p.id() + ".tmp-*")) {
      for (Path old : ds) {
        deleteTree(old);
      }
    }
    return Files.createDirectory(root.resolve("." + p.id() + ".tmp-" + UUID.randomUUID()));
  }

  /**
   * Writes the result last, then renames staging → {@code points/<id>}. A folder already there
   * with another spec hash (the sweep changed) is renamed aside to {@code <id>.stale-<hash8>},
   * never deleted.
   */
  public Path commit(SweepPoint p, Path staging, PointResult result) throws IOException {
    Path tmp = staging.resolve(RESULT + ".tmp");
    Files.writeString(tmp, Json.MAPPER.writeValueAsString(result));
    Files.move(tmp, staging.resolve(RESULT), StandardCopyOption.ATOMIC_MOVE);
    Path target = folder(p);
    if (Files.exists(target)) {
      moveAside(target);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + root + " cannot rename atomically; a sweep needs it", e);
    }
    return target;
  }

  private static void moveAside(Path target) throws IOException {
    String tag = "unknown";
    try {
      PointResult old = Json.MAPPER.readValue(Files.readString(target.resolve(RESULT)), PointResult.class);
      tag = old.specHash().substring(0, 8);
    } catch (IOException e) {
      tag = "incomplete";
    }
    Path aside = target.resolveSibling(target.getFileName() + ".stale-" + tag);
    for (int i = 1; Files.exists(aside); i++) {
      aside = target.resolveSibling(target.getFileName() + ".stale-" + tag + "-" + i);
    }
    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
