package org.gradflow.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Versions and the git commit, for run.json: a run must say what produced it. */
public final class BuildInfo {
  private static final Map<String, String> INFO = collect();

  private BuildInfo() {}

  public static Map<String, String> get() {
    return INFO;
  }

  private static Map<String, String> collect() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("gradflow", version(BuildInfo.class, "0.1.0"));
    m.put("java", System.getProperty("java.version"));
    m.put("hipparchus", version(org.hipparchus.ode.ODEIntegrator.class, "4.0.3"));
    m.put("ejml", version(org.ejml.data.DMatrixRMaj.class, "0.46.1"));
    m.put("gitCommit", gitCommit());
    return m;
  }

  private static String version(Class<?> c, String fallback) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? fallback : v;
  }

  private static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "unknown";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
