package org.gradflow.models;

import org.gradflow.spec.SystemSpec;

/**
 * A model family: turns a system spec (its params, data and init sections) into a
 * {@link FlowSystem}. Families are found with {@link java.util.ServiceLoader}; each lists itself
 * in {@code META-INF/services/org.gradflow.models.ModelFamily}.
 */
public interface ModelFamily {

  /** Registry name used in specs, e.g. {@code "quadratic"}. */
  String name();

  /** One line for {@code gradflow list}. */
  String summary();

  /** Builds the system; bad input raises {@link org.gradflow.spec.SpecException} naming the field. */
  FlowSystem build(SystemSpec spec);
}
