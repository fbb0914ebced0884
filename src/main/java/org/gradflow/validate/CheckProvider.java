package org.gradflow.validate;

import java.util.List;

/**
 * Contributes check types; found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.gradflow.validate.CheckProvider}. Each model family that has
 * theorems to check provides one.
 */
public interface CheckProvider {
  List<CheckType> checkTypes();
}
