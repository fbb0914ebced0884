package org.gradflow.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmScriptTest {

  @Test
  void arrayIndicesAreCompressedToRanges() {
    assertThat(SlurmScript.ranges(List.of(0, 1, 2, 3, 7, 9, 10))).isEqualTo("0-3,7,9-10");
    assertThat(SlurmScript.ranges(List.of(5))).isEqualTo("5");
  }

  @Test
  void scriptCarriesTheResourcesAndMapsTheArrayIndexToAPoint() {
    String s = new SlurmScript("gradflow-x", "short", "00:10:00", "2G", 2, 4, "'/opt/java' -jar 'g.jar'")
        .render(Path.of("/data/sw eep"), Path.of("/work"), List.of(0, 1, 2));
    assertThat(s).startsWith("#!/bin/bash\n")
        .contains("#SBATCH --job-name=gradflow-x\n", "#SBATCH --array=0-2%4\n", "#SBATCH --cpus-per-task=2\n",
            "#SBATCH --mem=2G\n", "#SBATCH --time=00:10:00\n", "#SBATCH --partition=short\n",
            "#SBATCH --output=/data/sw eep/slurm/%A_%a.out\n", "cd '/work'\n",
            "exec '/opt/java' -jar 'g.jar' sweep point '/data/sw eep' --index \"$SLURM_ARRAY_TASK_ID\"\n");
  }

  @Test
  void theDefaultLauncherRepeatsThisJvm() {
    String l = SlurmScript.currentLauncher("-Xmx1g");
    assertThat(l).contains("bin/java").contains("-Xmx1g").containsAnyOf("-jar ", "org.gradflow.cli.Main");
  }
}
