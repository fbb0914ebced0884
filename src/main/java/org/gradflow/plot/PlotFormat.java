package org.gradflow.plot;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The file formats a figure is written in: PNG for report.md, SVG and PDF (vector, fonts
 * embedded in the PDF) for papers. Spelled in lower case in specs ({@code outputs.formats}).
 */
public enum PlotFormat {
  PNG, SVG, PDF;

  /** PNG for the report and PDF for a paper. */
  public static final Set<PlotFormat> DEFAULT = Set.copyOf(EnumSet.of(PNG, PDF));

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format spelled {@code name} (case-insensitive); the message lists the valid names. */
  public static PlotFormat parse(String name) {
    for (PlotFormat f : values()) {
      if (f.extension().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "' (expected one of "
        + Arrays.stream(values()).map(PlotFormat::extension).collect(Collectors.joining(", ")) + ")");
  }
}
