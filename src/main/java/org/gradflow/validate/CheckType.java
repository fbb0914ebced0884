package org.gradflow.validate;

import org.gradflow.spec.SpecSection;

/**
 * A kind of check a suite file can name ({@code "type": "..."}); {@link #create} reads that
 * check's JSON object (bad fields raise SpecException naming them).
 */
public interface CheckType {
  String name();

  Check create(SpecSection config);
}
