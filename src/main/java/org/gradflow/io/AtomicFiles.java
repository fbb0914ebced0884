package org.gradflow.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gradflow.spec.Json;

/**
 * Whole-file writes that a kill cannot leave half done: a temporary name in the same folder,
 * flushed to disk, then renamed over the target. A reader sees the old file, or the new one
 * whole; never a prefix. Every file of a run, suite or sweep folder is written through here.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a file's bytes. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static Path write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
           OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static Path write(Path file, String content) throws IOException {
    return write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** A text file written through a Writer (UTF-8). */
  public static Path writeText(Path file, TextContent content) throws IOException {
    return write(file, out -> {
      Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
      content.writeTo(w);
      w.flush();
    });
  }

  /** What writes a text file's characters. */
  @FunctionalInterface
  public interface TextContent {
    void writeTo(Writer out) throws IOException;
  }

  /** A value as indented JSON. */
  public static Path writeJson(Path file, Object value) throws IOException {
    return write(file, out -> Json.MAPPER.writer()
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value));
  }
}
