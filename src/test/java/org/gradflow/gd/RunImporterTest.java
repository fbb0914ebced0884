package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradflow.core.ParameterLayout;
import org.gradflow.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlca.npy.Npy;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.NpyFloatArray;
import org.openlca.npy.NpyLongArray;
import org.openlca.npy.Npz;

class RunImporterTest {
  static final ParameterLayout LAYOUT = ParameterLayout.builder().matrix("W", 2, 3).vector("a", 2).scalar("b").build();

  @TempDir
  Path dir;

  /** Two snapshots, θ_k[i] = 100k + i (W: entries 0..5, a: 6..7, b: 8). */
  static double value(int snapshot, int index) {
    return 100 * snapshot + index;
  }

  static double[] block(int offset, int size) {
    double[] v = new double[2 * size];
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < size; i++) {
        v[s * size + i] = value(s, offset + i);
      }
    }
    return v;
  }

  private void writeNpz(Path file, boolean floatW, int[] wShape) {
    Npz.create(file.toFile(), zip -> {
      Npz.write(zip, "steps.npy", new NpyLongArray(new int[] {2}, new long[] {0, 50}, false));
      double[] w = block(0, 6);
      if (floatW) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
          f[i] = (float) w[i];
        }
        Npz.write(zip, "W.npy", new NpyFloatArray(wShape, f, false));
      } else {
        Npz.write(zip, "W.npy", new NpyDoubleArray(wShape, w, false));
      }
      Npz.write(zip, "a.npy", new NpyDoubleArray(new int[] {2, 2}, block(6, 2), false));
      Npz.write(zip, "b.npy", new NpyDoubleArray(new int[] {2}, block(8, 1), false));
    });
  }

  @Test
  void npzFloat32SnapshotsMapOntoTheLayoutByBlockName() {
    Path f = dir.resolve("run.npz");
    writeNpz(f, true, new int[] {2, 2, 3});
    ImportedRun r = RunImporter.load(f, "auto", LAYOUT);
    assertThat(r.format()).isEqualTo("npz");
    assertThat(r.steps()).containsExactly(0, 50);
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < 9; i++) {
        assertThat(r.states()[s][i]).isEqualTo(value(s, i));
      }
    }
    assertThat(r.losses()).isNull();
  }

  @Test
  void npzShapeMismatchNamesTheBlockAndBothShapes() {
    Path f = dir.resolve("bad.npz");
    writeNpz(f, false, new int[] {2, 3, 2});
    assertThatThrownBy(() -> RunImporter.load(f, "npz", LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("bad.npz").hasMessageContaining("'W'").hasMessageContaining("[2, 3, 2]")
        .hasMessageContaining("[2, 2, 3]");
  }

  @Test
  void folderOfNpyFilesWithUnknownBlockIsRejected() throws Exception {
    Path d = Files.createDirectory(dir.resolve("snaps"));
    Npy.write(new File(d.resolve("steps.npy").toString()), new NpyLongArray(new int[] {2}, new long[] {0, 50}, false));
    Npy.write(new File(d.resolve("W.npy").toString()), new NpyDoubleArray(new int[] {2, 2, 3}, block(0, 6), false));
    Npy.write(new File(d.resolve("a.npy").toString()), new NpyDoubleArray(new int[] {2, 2}, block(6, 2), false));
    Npy.write(new File(d.resolve("b.npy").toString()), new NpyDoubleArray(new int[] {2}, block(8, 1), false));
    ImportedRun ok = RunImporter.load(d, "auto", LAYOUT);
    assertThat(ok.states()[1][8]).isEqualTo(108);
    Npy.write(new File(d.resolve("W_Q.npy").toString()), new NpyDoubleArray(new int[] {2}, new double[2], false));
    assertThatThrownBy(() -> RunImporter.load(d, "npy", LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("'W_Q'").hasMessageContaining("unknown block");
  }

  @Test
  void fortranOrderIsRejected() throws Exception {
    Path d = Files.createDirectory(dir.resolve("fortran"));
    Npy.write(new File(d.resolve("steps.npy").toString()), new NpyLongArray(new int[] {2}, new long[] {0, 1}, false));
    Npy.write(new File(d.resolve("W.npy").toString()), new NpyDoubleArray(new int[] {2, 2, 3}, block(0, 6), true));
    Npy.write(new File(d.resolve("a.npy").toString()), new NpyDoubleArray(new int[] {2, 2}, block(6, 2), false));
    Npy.write(new File(d.resolve("b.npy").toString()), new NpyDoubleArray(new int[] {2}, block(8, 1), false));
    assertThatThrownBy(() -> RunImporter.load(d, "npy", LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("Fortran");
  }

  @Test
  void csvSnapshotsInAnyColumnOrderAndLossCurve() throws Exception {
    StringBuilder sb = new StringBuilder("# exported by a test\nstep,b,loss");
    for (int i = 5; i >= 0; i--) {
      sb.append(",W[").append(i).append(']');
    }
    sb.append(",a[0],a[1]\n");
    for (int s = 0; s < 2; s++) {
      sb.append(s * 50).append(',').append(value(s, 8)).append(',').append(0.5 / (s + 1));
      for (int i = 5; i >= 0; i--) {
        sb.append(',').append(value(s, i));
      }
      sb.append(',').append(value(s, 6)).append(',').append(value(s, 7)).append('\n');
    }
    Path f = Files.writeString(dir.resolve("run.csv"), sb.toString());
    ImportedRun r = RunImporter.load(f, "auto", LAYOUT);
    assertThat(r.format()).isEqualTo("csv");
    assertThat(r.states()[1]).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108);
    assertThat(r.losses()).containsExactly(0.5, 0.25);

    Path loss = Files.writeString(dir.resolve("loss.csv"), "step,loss\n0,1.5\n10,1.25\n20,1.0\n");
    ImportedRun l = RunImporter.load(loss, "csv", LAYOUT);
    assertThat(l.hasStates()).isFalse();
    assertThat(l.steps()).containsExactly(0, 10, 20);
    assertThat(l.losses()).containsExactly(1.5, 1.25, 1.0);
  }

  @Test
  void csvErrorsNameFileAndColumnOrLine() throws Exception {
    Path missing = Files.writeString(dir.resolve("m.csv"), "step,W[0],W[1],W[2],W[3],W[4],a[0],a[1],b\n0,1,2,3,4,5,6,7,8\n");
    assertThatThrownBy(() -> RunImporter.load(missing, "csv", LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("m.csv").hasMessageContaining("W[5]").hasMessageContaining("missing");
    Path outside = Files.writeString(dir.resolve("o.csv"), "step,W[6]\n0,1\n");
    assertThatThrownBy(() -> RunImporter.load(outside, "csv", LAYOUT)).hasMessageContaining("index 6 outside block W");
    Path text = Files.writeString(dir.resolve("t.csv"), "step,loss\n0,1.0\n5,abc\n");
    assertThatThrownBy(() -> RunImporter.load(text, "csv", LAYOUT)).hasMessageContaining("line 3")
        .hasMessageContaining("not a number");
    Path order = Files.writeString(dir.resolve("s.csv"), "step,loss\n5,1.0\n5,0.9\n");
    assertThatThrownBy(() -> RunImporter.load(order, "csv", LAYOUT)).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> RunImporter.load(dir.resolve("none.npz"), "auto", LAYOUT)).hasMessageContaining("file not found");
  }
}
