package org.gradflow.models.condensation;

import java.util.List;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/** The check types of Chen &amp; Luo's §6 (condensation.*). */
public final class CondensationChecks implements CheckProvider {
  @Override
  public List<CheckType> checkTypes() {
    return List.of(
        GenericChecks.type("condensation.invariants", ModelChecks::invariants),
        GenericChecks.type("condensation.gradient", ModelChecks::gradient),
        GenericChecks.type("condensation.blowup", StageOneChecks::blowup),
        GenericChecks.type("condensation.stage1Scaling", StageOneChecks::scaling),
        GenericChecks.type("condensation.stage2Rate", StageTwoChecks::rate),
        GenericChecks.type("condensation.stage2Scaling", StageTwoChecks::scaling),
        GenericChecks.type("condensation.plateau", StageTwoChecks::plateau));
  }
}
