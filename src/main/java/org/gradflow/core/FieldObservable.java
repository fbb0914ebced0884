package org.gradflow.core;

import org.hipparchus.CalculusFieldElement;

/**
 * An observable that can also be evaluated in any field. The high-precision path evaluates such
 * an observable on the field state itself, so that an event on it is located to all the field's
 * digits; any other observable is evaluated on θ rounded to double there, which bounds its event
 * times to double accuracy.
 */
public interface FieldObservable extends Observable {

  <T extends CalculusFieldElement<T>> T fieldValue(T[] theta, T[] thetaDot);

  /** θ_i ({@code absolute} false) or |θ_i|. */
  static FieldObservable component(String name, int index, boolean absolute) {
    return new FieldObservable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double value(double[] theta, double[] thetaDot) {
        return absolute ? Math.abs(theta[index]) : theta[index];
      }

      @Override
      public <T extends CalculusFieldElement<T>> T fieldValue(T[] theta, T[] thetaDot) {
        return absolute ? theta[index].abs() : theta[index];
      }
    };
  }
}
