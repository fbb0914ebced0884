package org.gradflow.gd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecException;

/**
 * Loads an imported GD run onto a system's layout. Formats: {@code npz} (one archive),
 * {@code npy} (a folder of .npy files), {@code csv} (snapshots or a {@code step,loss} curve);
 * {@code auto} picks by the path (folder → npy, *.npz → npz, *.csv → csv).
 */
public final class RunImporter {
  private RunImporter() {}

  public static ImportedRun load(Path path, String format, ParameterLayout layout) {
    String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
    if (!Files.exists(path)) {
      throw new SpecException(path.toString(), null, "file not found");
    }
    if (f.equals("auto")) {
      String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (Files.isDirectory(path)) {
        f = "npy";
      } else if (name.endsWith(".npz")) {
        f = "npz";
      } else if (name.endsWith(".csv")) {
        f = "csv";
      } else {
        throw new SpecException(path.toString(), null, "cannot tell the format from the name; give --import-format npz|npy|csv");
      }
    }
    return switch (f) {
      case "npz" -> NpyImporter.npz(path, layout);
      case "npy" -> {
        if (!Files.isDirectory(path)) {
          throw new SpecException(path.toString(), null, "format npy expects a folder of <block>.npy files and steps.npy");
        }
        yield NpyImporter.folder(path, layout);
      }
      case "csv" -> CsvImporter.read(path, layout);
      default -> throw new SpecException(path.toString(), null, "unknown import format '" + format + "' (npz, npy, csv, auto)");
    };
  }
}
