package org.gradflow.models;

import java.util.Map;

/**
 * What a spec needs, besides θ0 as {@code "init": {"explicit": {blocks}}}, to rebuild one
 * instance exactly, in the spec's own explicit formats: the family's {@code params} and
 * {@code data} sections with everything generated made explicit (null: the spec's section is
 * explicit already and is kept as it is), and the fields that stand beside {@code explicit} in
 * {@code init} — the fixed, non-trained parameters (co-occurrence output weights {@code a}).
 * Values are what Jackson writes: numbers, booleans, strings, maps, and int or double arrays of
 * any rank (matrices row-major, as nested arrays).
 */
public record ExplicitInputs(Map<String, Object> params, Map<String, Object> data, Map<String, Object> initFields) {
  /** Nothing generated and nothing fixed: params and data as in the spec, θ0 is the whole init. */
  public static final ExplicitInputs NONE = new ExplicitInputs(null, null, Map.of());

  public ExplicitInputs {
    initFields = initFields == null ? Map.of() : initFields;
  }

  public static ExplicitInputs data(Map<String, Object> data) {
    return new ExplicitInputs(null, data, Map.of());
  }

  public ExplicitInputs withInitFields(Map<String, Object> fields) {
    return new ExplicitInputs(params, data, fields);
  }

  /** An ordered map from alternating keys and values (JSON keeps the families' field order). */
  public static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
