package org.gradflow.core.ad;

import org.hipparchus.CalculusFieldElement;

/** A scalar function of n variables written once over any field (a model's loss). */
@FunctionalInterface
public interface GenericFunction {
  <T extends CalculusFieldElement<T>> T value(T[] x);
}
