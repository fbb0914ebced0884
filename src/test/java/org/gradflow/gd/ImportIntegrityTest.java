package org.gradflow.gd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gradflow.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlca.npy.Npy;
import org.openlca.npy.NpyDoubleArray;
import org.openlca.npy.NpyLongArray;

/**
 * Imports are checked byte for byte: the NumPy reader zero-fills what a file lacks, so a cut
 * file, a short NPZ entry, a duplicate entry or a blank CSV cell must be refused, naming the
 * file and the array, never read as zeros.
 */
class ImportIntegrityTest {
  @TempDir
  Path dir;

  private Path snapshots() throws Exception {
    Path d = Files.createDirectories(dir.resolve("snaps"));
    Npy.write(new File(d.resolve("steps.npy").toString()), new NpyLongArray(new int[] {2}, new long[] {0, 50}, false));
    Npy.write(new File(d.resolve("W.npy").toString()), new NpyDoubleArray(new int[] {2, 2, 3}, RunImporterTest.block(0, 6), false));
    Npy.write(new File(d.resolve("a.npy").toString()), new NpyDoubleArray(new int[] {2, 2}, RunImporterTest.block(6, 2), false));
    Npy.write(new File(d.resolve("b.npy").toString()), new NpyDoubleArray(new int[] {2}, RunImporterTest.block(8, 1), false));
    return d;
  }

  @Test
  void aNpyFileCutInHalfIsRefusedNamingFileAndArray() throws Exception {
    Path d = snapshots();
    Path w = d.resolve("W.npy");
    byte[] all = Files.readAllBytes(w);
    Files.write(w, Arrays.copyOf(all, all.length - 48));
    assertThatThrownBy(() -> RunImporter.load(d, "npy", RunImporterTest.LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("W.npy").hasMessageContaining("field 'W'").hasMessageContaining("truncated")
        .hasMessageContaining("needs 96");
  }

  private Path npz(String name, String[] entries, byte[][] contents) throws Exception {
    Path f = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < entries.length; i++) {
        zip.putNextEntry(new ZipEntry(entries[i]));
        zip.write(contents[i]);
        zip.closeEntry();
      }
    }
    return f;
  }

  @Test
  void anNpzEntryMissingItsLastBytesIsRefused() throws Exception {
    Path d = snapshots();
    byte[] w = Files.readAllBytes(d.resolve("W.npy"));
    Path f = npz("short.npz", new String[] {"steps.npy", "W.npy", "a.npy", "b.npy"}, new byte[][] {
        Files.readAllBytes(d.resolve("steps.npy")), Arrays.copyOf(w, w.length - 17),
        Files.readAllBytes(d.resolve("a.npy")), Files.readAllBytes(d.resolve("b.npy"))});
    assertThatThrownBy(() -> RunImporter.load(f, "npz", RunImporterTest.LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("short.npz").hasMessageContaining("field 'W'").hasMessageContaining("truncated: 79 data bytes");
  }

  @Test
  void aDuplicateNpzEntryIsRefused() throws Exception {
    Path d = snapshots();
    byte[] steps = Files.readAllBytes(d.resolve("steps.npy"));
    // ZipOutputStream refuses duplicate names, so the second copy differs by its suffix only
    Path f = npz("dup.npz", new String[] {"steps.npy", "steps"}, new byte[][] {steps, steps});
    assertThatThrownBy(() -> RunImporter.load(f, "npz", RunImporterTest.LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("dup.npz").hasMessageContaining("field 'steps'").hasMessageContaining("appears twice");
  }

  @Test
  void aBlankCsvCellIsAMissingValueNotAZero() throws Exception {
    Path f = Files.writeString(dir.resolve("gap.csv"), "step,W[0],W[1],W[2],W[3],W[4],W[5],a[0],a[1],b\n"
        + "0,1,2,3,4,5,6,7,8,9\n10,1,2,,4,5,6,7,8,9\n");
    assertThatThrownBy(() -> RunImporter.load(f, "csv", RunImporterTest.LAYOUT)).isInstanceOf(SpecException.class)
        .hasMessageContaining("gap.csv").hasMessageContaining("line 3").hasMessageContaining("W[2]")
        .hasMessageContaining("missing value");
  }
}
