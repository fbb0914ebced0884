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
import org.gradflow.io.AtomicFiles;
import org.gradflow.io.BuildInfo;
import org.gradflow.spec.Json;

/**
 * The {@code points/} folder of a sweep. A point is complete iff {@code points/<id>/point.json}
 * exists and carries the point's spec hash. A point is written into a staging folder
 * {@code points/.<id>.tmp-<random>} (same directory, so the rename is atomic) and
 * {@code point.json} is written last; the folder is then renamed to {@code points/<id>} with
 * {@link StandardCopyOption#ATOMIC_MOVE}. A kill at any moment leaves either no folder or a
 * complete one; leftover staging folders are removed before the point is run again.
 *
 * <p>A result is reused only when it was produced by the same spec (hash) and the same code
 * ({@link BuildInfo#codeVersion()}), unless the store is told to accept any code, knowingly.
 * A stored point whose run FAILED is kept (its partial results) but is not complete: it is run
 * again on resume.
 */
public final class PointStore {
  static final String RESULT = "point.json";
  /** Accepts results of any code version (the user asked to reuse old results knowingly). */
  public static final String ANY_CODE = "*";
  private final Path root;
  private final String codeVersion;

  public PointStore(Path sweepDir) {
    this(sweepDir, BuildInfo.codeVersion());
  }

  public PointStore(Path sweepDir, String codeVersion) {
    this.root = sweepDir.resolve("points");
    this.codeVersion = codeVersion;
  }

  public Path folder(SweepPoint p) {
    return root.resolve(p.id());
  }

  /** A stored result that did not fail, of this spec and code: nothing to run. */
  public Optional<PointResult> complete(SweepPoint p) {
    return stored(p).filter(r -> !r.failed());
  }

  /** The stored result (completed or failed) if it has the point's spec hash and this code version. */
  public Optional<PointResult> stored(SweepPoint p) {
    Path f = folder(p).resolve(RESULT);
    try {
      PointResult r = Json.MAPPER.readValue(Files.readString(f), PointResult.class);
      boolean sameCode = ANY_CODE.equals(codeVersion) || codeVersion.equals(r.codeVersion());
      return p.hash().equals(r.specHash()) && sameCode ? Optional.of(r) : Optional.empty();
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
    AtomicFiles.write(staging.resolve(RESULT), Json.MAPPER.writeValueAsString(result.withCodeVersion(
        ANY_CODE.equals(codeVersion) ? BuildInfo.codeVersion() : codeVersion)));
    Path target = folder(p);
    if (Files.exists(target)) {
      moveAside(target, p.hash());
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + root + " cannot rename atomically; a sweep needs it", e);
    }
    return target;
  }

  /** Tagged by the old spec hash, or, for the same spec, by the code that produced it (or "failed"). */
  private static void moveAside(Path target, String newHash) throws IOException {
    String tag = "unknown";
    try {
      PointResult old = Json.MAPPER.readValue(Files.readString(target.resolve(RESULT)), PointResult.class);
      String code = String.valueOf(old.codeVersion());
      tag = !old.specHash().equals(newHash) ? old.specHash().substring(0, 8)
          : old.failed() ? "failed" : "code-" + code.substring(0, Math.min(8, code.length()));
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
