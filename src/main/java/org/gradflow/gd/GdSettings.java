package org.gradflow.gd;

import java.util.Arrays;
import java.util.TreeSet;
import org.gradflow.spec.SpecSection;
import org.gradflow.spec.SystemSpec;

/**
 * What discrete GD does: step η ({@code learningRate}), number of steps K, and the steps at
 * which the iterate is recorded (always 0 and K; plus {@code log} log-spaced and {@code linear}
 * evenly spaced steps). Read from the spec's optional {@code gd} section, overridable from the
 * command line. Without {@code steps}, K = round(t_end/η) so GD covers the flow's time span.
 * {@code eventStride} s: events whose observable is not loss or gradNorm are evaluated every s
 * steps (and at the last); a sign change between two checks is then located on the s stored
 * iterates in between, as exactly as with s = 1, but two crossings within one stride cancel
 * (the same trade as an ODE event detector's max-check interval). Loss and gradNorm events (the
 * stop conditions) cost nothing and are checked at every step.
 */
public record GdSettings(double learningRate, long steps, long[] recordSteps, int eventStride) {

  /** Settings that check every event at every step. */
  public GdSettings(double learningRate, long steps, long[] recordSteps) {
    this(learningRate, steps, recordSteps, 1);
  }

  public GdSettings {
    if (eventStride < 1) {
      throw new IllegalArgumentException("event stride must be >= 1, got " + eventStride);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
    }
    if (steps <= 0) {
      throw new IllegalArgumentException("number of GD steps must be positive, got " + steps);
    }
  }

  /** Final time K·η. */
  public double endTime() {
    return steps * learningRate;
  }

  /** Sample times k·η of the recorded steps. */
  public double[] recordTimes() {
    return Arrays.stream(recordSteps).mapToDouble(k -> k * learningRate).toArray();
  }

  public GdSettings withRecordSteps(long[] record) {
    return new GdSettings(learningRate, steps, record, eventStride);
  }

  /** Only steps 0 and K (order checks). */
  public static GdSettings endpointsOnly(double eta, long steps) {
    return new GdSettings(eta, steps, new long[] {0, steps});
  }

  /**
   * Settings from the spec's {@code gd} section, with command-line values (null = not given)
   * taking precedence. Errors name the file and field.
   */
  public static GdSettings from(SystemSpec spec, Double lr, Long steps, Integer log, Integer linear) {
    return from(spec, lr, steps, log, linear, null);
  }

  /** As {@link #from(SystemSpec, Double, Long, Integer, Integer)}, with the event stride. */
  public static GdSettings from(SystemSpec spec, Double lr, Long steps, Integer log, Integer linear, Integer stride) {
    SpecSection gd = section(spec);
    if (gd.isPresent()) {
      gd.allowOnly(java.util.Set.of("learningRate", "steps", "record", "orderCheck", "eventStride"));
    }
    double eta = lr != null ? lr : (gd.has("learningRate") ? gd.number("learningRate") : Double.NaN);
    if (Double.isNaN(eta)) {
      throw gd.error("learningRate", "is required (give gd.learningRate in the spec or --lr)");
    }
    if (!(eta > 0)) {
      throw gd.error("learningRate", "must be positive, got " + eta);
    }
    long k;
    if (steps != null) {
      k = steps;
    } else if (gd.has("steps")) {
      k = gd.positiveInteger("steps");
    } else {
      k = Math.round(spec.integrator().tEnd() / eta);
    }
    if (k <= 0) {
      throw gd.error("steps", "must be positive, got " + k);
    }
    SpecSection rec = gd.child("record");
    int nLog = log != null ? log : rec.integer("log", 100);
    int nLinear = linear != null ? linear : rec.integer("linear", 100);
    if (nLog < 0 || nLinear < 0) {
      throw rec.error("log and linear must be >= 0");
    }
    int eventStride = stride != null ? stride : gd.integer("eventStride", 1);
    if (eventStride < 1) {
      throw gd.error("eventStride", "must be >= 1, got " + eventStride);
    }
    return new GdSettings(eta, k, recordSteps(k, nLog, nLinear), eventStride);
  }

  static SpecSection section(SystemSpec spec) {
    return new SpecSection(spec.file(), "gd", spec.tree().get("gd"));
  }

  /** 0, K, {@code log} log-spaced steps in [1, K] and {@code linear} multiples of K/linear. */
  public static long[] recordSteps(long k, int log, int linear) {
    TreeSet<Long> s = new TreeSet<>();
    s.add(0L);
    s.add(k);
    for (int i = 0; i < log; i++) {
      double x = log == 1 ? k : Math.pow(k, (double) i / (log - 1));
      s.add(Math.min(k, Math.max(1, Math.round(x))));
    }
    for (int i = 1; i <= linear; i++) {
      s.add(Math.round((double) k * i / linear));
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  /** Keeps at most {@code max} recorded steps (always 0 and K), thinning evenly by index. */
  public static long[] thin(long[] steps, int max) {
    if (steps.length <= max) {
      return steps;
    }
    TreeSet<Long> s = new TreeSet<>();
    for (int i = 0; i < max; i++) {
      s.add(steps[(int) Math.round((double) i * (steps.length - 1) / (max - 1))]);
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }
}
