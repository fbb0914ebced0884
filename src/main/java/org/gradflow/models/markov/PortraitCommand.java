package org.gradflow.models.markov;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradflow.plot.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gradflow portrait}: the Fig. 1 analog of the canonical Markov flow as a PNG. */
@Command(name = "portrait", mixinStandardHelpOptions = true,
    description = "Phase portrait of the canonical Markov flow (e, w): basins, flow field, "
        + "separatrix through the saddle, global-minimum curve and trajectories (paper Fig. 1 analog).")
public final class PortraitCommand implements Callable<Integer> {
  @Option(names = "--p", defaultValue = "0.2", description = "P(1|0) (default ${DEFAULT-VALUE}).")
  double p;

  @Option(names = "--q", defaultValue = "0.3", description = "P(0|1) (default ${DEFAULT-VALUE}).")
  double q;

  @Option(names = "--range", defaultValue = "3", description = "Plot [-r, r]² in (w, e) (default ${DEFAULT-VALUE}).")
  double range;

  @Option(names = "--cells", defaultValue = "150", description = "Basin colouring cells per axis (default ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--arrows", defaultValue = "25", description = "Arrows per axis (default ${DEFAULT-VALUE}).")
  int arrows;

  @Option(names = "--start", split = ";", description = "Trajectory starts 'e,w' (repeatable or ';'-separated; "
      + "default: six starts spread over both basins).")
  List<String> starts = new ArrayList<>();

  @Option(names = "--t-end", defaultValue = "60", description = "Trajectory length (default ${DEFAULT-VALUE}).")
  double tEnd;

  @Option(names = {"-o", "--out"}, description = "PNG file to write (default outputs/portrait-p<p>-q<q>.png).")
  Path out;

  @Override
  public Integer call() throws Exception {
    MarkovSource source;
    try {
      source = new MarkovSource(p, q);
    } catch (IllegalArgumentException e) {
      throw new org.gradflow.spec.SpecException("command line", "--p/--q", e.getMessage());
    }
    if (!(range > 0) || cells < 2 || arrows < 2 || !(tEnd > 0)) {
      throw new org.gradflow.spec.SpecException("command line", "--range/--cells/--arrows/--t-end",
          "need range > 0, cells >= 2, arrows >= 2, t-end > 0");
    }
    List<double[]> s = new ArrayList<>();
    for (String t : starts) {
      String[] parts = t.split(",");
      if (parts.length != 2) {
        throw new org.gradflow.spec.SpecException("command line", "--start", "expected 'e,w', got '" + t + "'");
      }
      s.add(new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())});
    }
    if (s.isEmpty()) {
      s = defaultStarts();
    }
    Path file = out != null ? out : Path.of(String.format(java.util.Locale.ROOT, "outputs/portrait-p%s-q%s.png", p, q));
    Path written = Charts.save(new PhasePortrait(source, range).draw(cells, arrows, s, tEnd), file);
    System.out.println("wrote " + written);
    return 0;
  }

  static List<double[]> defaultStarts() {
    return List.of(new double[] {0.05, 0.05}, new double[] {0.05, -0.05}, new double[] {1, -1},
        new double[] {0.5, -1.5}, new double[] {1.5, -0.3}, new double[] {1, 0.5},
        new double[] {-1.2, -2.2}, new double[] {-0.3, 1.5});
  }
}
