package org.gradflow.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gradflow.io.AtomicFiles;
import org.gradflow.io.BuildInfo;
import org.gradflow.spec.Json;
import org.gradflow.spec.SpecException;
import org.gradflow.spec.SpecLoader;

/**
 * A sweep folder, owned: before anything in it is touched, the folder must be empty or a folder
 * of this very sweep (same canonical sweep.json), and its lock ({@code .lock}, an OS file lock
 * held for the life of the command) must be free. A sweep that runs points locally takes it
 * exclusively; Slurm array tasks and {@code collect} share it, so they run side by side but
 * never beside a local sweep. {@code owner.json} says who holds (or last held) it.
 */
final class SweepFolder implements AutoCloseable {
  static final String LOCK = ".lock";
  static final String OWNER = "owner.json";
  private final FileChannel channel;
  private final FileLock lock;

  private SweepFolder(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Checks ownership, then locks; {@code exclusive} for a local run, shared for tasks and collect. */
  static SweepFolder claim(Path dir, SweepSpec sweep, boolean exclusive) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new SpecException(dir.toString(), "--out", "exists and is not a folder");
      }
      if (!isEmpty(dir)) {
        requireSameSweep(dir, sweep);
      }
    }
    Files.createDirectories(dir);
    FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock(0, Long.MAX_VALUE, !exclusive);
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new SpecException(dir.toString(), "--out", "is in use by another sweep (" + owner(dir)
          + "); wait for it or choose another folder");
    }
    if (exclusive) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("sweep", sweep.name());
      o.put("pid", ProcessHandle.current().pid());
      o.put("host", host());
      o.put("started", java.time.Instant.now().toString());
      o.put("codeSha256", BuildInfo.codeVersion());
      AtomicFiles.writeJson(dir.resolve(OWNER), o);
    }
    return new SweepFolder(ch, l);
  }

  private static void requireSameSweep(Path dir, SweepSpec sweep) {
    Path f = dir.resolve(SweepPlan.SWEEP);
    if (!Files.isRegularFile(f)) {
      throw new SpecException(dir.toString(), "--out", "is not a sweep folder (no " + SweepPlan.SWEEP
          + "); refusing to write into it");
    }
    String theirs = SpecHash.canonical(SpecLoader.readTree(f));
    if (!theirs.equals(SpecHash.canonical(sweep.tree()))) {
      throw new SpecException(dir.toString(), "--out", "holds another sweep (its " + SweepPlan.SWEEP
          + " differs from " + sweep.file() + "); refusing to take it over");
    }
  }

  private static String owner(Path dir) {
    try {
      var o = Json.MAPPER.readTree(Files.readString(dir.resolve(OWNER)));
      return "pid " + o.path("pid").asText() + " on " + o.path("host").asText() + " since " + o.path("started").asText();
    } catch (IOException | RuntimeException e) {
      return "owner unknown";
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Empty but for a sweep's own bookkeeping (a start killed before sweep.json was written). */
  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .allMatch(n -> n.equals(LOCK) || n.equals(OWNER) || n.equals(org.gradflow.io.RunFolder.MARKER)
              || (n.startsWith(".") && n.endsWith(".tmp")));
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
