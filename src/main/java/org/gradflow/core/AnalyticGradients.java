package org.gradflow.core;

/** Which flow classes override the double gradient (cached per class: asked on every default loss). */
final class AnalyticGradients {
  private static final ClassValue<Boolean> DECLARED = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("negativeGradient", double[].class, double[].class).getDeclaringClass()
            != GradientFlow.class;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type + " is not a GradientFlow", e);
      }
    }
  };

  private AnalyticGradients() {}

  static boolean declared(Class<?> type) {
    return DECLARED.get(type);
  }
}
