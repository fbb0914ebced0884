package org.gradflow.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What produced a result, for run.json and sweep keys: versions, the git commit and whether the
 * working tree had uncommitted changes, and {@link #codeVersion()}, a SHA-256 of the code that
 * is running (the jar, or every class file of a classes folder).
 */
public final class BuildInfo {
  /**
   * Collected on a background thread from the first use of this class (the CLI touches it at
   * start, {@link #start()}): hashing the 15 MB jar and asking git take 0.2–0.5 s of a cold run,
   * which then overlap the run instead of following it.
   */
  private static final CompletableFuture<Map<String, Object>> INFO =
      CompletableFuture.supplyAsync(BuildInfo::collect, task -> {
        Thread t = new Thread(task, "build-info");
        t.setDaemon(true);
        t.start();
      });

  private BuildInfo() {}

  /** Starts collecting (a no-op after the first call). */
  public static void start() {
    INFO.isDone();
  }

  public static Map<String, Object> get() {
    return INFO.join();
  }

  /** SHA-256 of the running code: a rebuilt binary with any change gets another value. */
  public static String codeVersion() {
    return (String) get().get("codeSha256");
  }

  private static Map<String, Object> collect() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gradflow", version(BuildInfo.class, "0.1.0"));
    m.put("java", System.getProperty("java.version"));
    m.put("hipparchus", version(org.hipparchus.ode.ODEIntegrator.class, "4.0.3"));
    m.put("ejml", version(org.ejml.data.DMatrixRMaj.class, "0.46.1"));
    String commit = git("rev-parse", "HEAD");
    m.put("gitCommit", commit == null ? "unknown" : commit);
    String status = commit == null ? null : git("status", "--porcelain", "--untracked-files=no");
    m.put("gitDirty", status == null ? null : !status.isEmpty());
    m.put("codeSha256", codeSha256());
    return m;
  }

  private static String version(Class<?> c, String fallback) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? fallback : v;
  }

  private static String codeSha256() {
    try {
      Path where = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> files;
      if (Files.isDirectory(where)) {
        try (Stream<Path> s = Files.walk(where)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        }
      } else {
        files = List.of(where);
      }
      for (Path f : files) {
        md.update(where.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException | java.net.URISyntaxException | SecurityException e) {
      return "unknown";
    }
  }

  /** A git command's trimmed output, or null when git is missing or fails. */
  private static String git(String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
