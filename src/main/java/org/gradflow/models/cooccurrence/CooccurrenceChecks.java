package org.gradflow.models.cooccurrence;

import java.util.List;
import org.gradflow.validate.CheckProvider;
import org.gradflow.validate.CheckType;
import org.gradflow.validate.GenericChecks;

/**
 * The validation checks of spec §10 (V1–V16) and the report-only asymptotics of §11.2, as check
 * types {@code cooccurrence.V1} … {@code cooccurrence.V16}, {@code cooccurrence.asymptotics}
 * and {@code cooccurrence.surrogate}. Each result names the theorem or lemma it tests.
 */
public final class CooccurrenceChecks implements CheckProvider {

  @Override
  public List<CheckType> checkTypes() {
    return List.of(
        GenericChecks.type("cooccurrence.V1", CorrectnessChecks::v1),
        GenericChecks.type("cooccurrence.V2", CorrectnessChecks::v2),
        GenericChecks.type("cooccurrence.V3", CorrectnessChecks::v3),
        GenericChecks.type("cooccurrence.V4", PhaseOneChecks::v4),
        GenericChecks.type("cooccurrence.V5", PhaseOneChecks::v5),
        GenericChecks.type("cooccurrence.V6", PhaseOneChecks::v6),
        GenericChecks.type("cooccurrence.V7", PhaseOneChecks::v7),
        GenericChecks.type("cooccurrence.V8", PhaseOneChecks::v8),
        GenericChecks.type("cooccurrence.V9", PhaseOneChecks::v9),
        GenericChecks.type("cooccurrence.V10", PhaseTwoChecks::v10),
        GenericChecks.type("cooccurrence.V11", PhaseTwoChecks::v11),
        GenericChecks.type("cooccurrence.V12", PhaseTwoChecks::v12),
        GenericChecks.type("cooccurrence.V13", PhaseTwoChecks::v13),
        GenericChecks.type("cooccurrence.V14", PhaseTwoChecks::v14),
        GenericChecks.type("cooccurrence.V15", PhaseTwoChecks::v15),
        GenericChecks.type("cooccurrence.V16", PhaseTwoChecks::v16),
        GenericChecks.type("cooccurrence.asymptotics", AsymptoticChecks::asymptotics),
        GenericChecks.type("cooccurrence.surrogate", AsymptoticChecks::surrogate));
  }
}
