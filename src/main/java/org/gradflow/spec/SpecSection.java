package org.gradflow.spec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A piece of a JSON spec that remembers which file it came from and where in it it sits, so
 * that every error it raises names both ("systems/x.json: field 'params.m': must be positive").
 */
public final class SpecSection {
  private final String file;
  private final String path;
  private final JsonNode node;
  private final FieldLog log;

  /** A root section: it and every section reached from it share one {@link FieldLog}. */
  public SpecSection(String file, String path, JsonNode node) {
    this(file, path, node, new FieldLog());
  }

  private SpecSection(String file, String path, JsonNode node, FieldLog log) {
    this.file = file;
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
    this.log = log;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public JsonNode node() {
    return node;
  }

  public boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  public boolean has(String field) {
    log.consulted(path, field);
    JsonNode c = node.get(field);
    return c != null && !c.isNull();
  }

  public SpecSection child(String field) {
    log.consulted(path, field);
    return new SpecSection(file, join(path, field), node.path(field), log);
  }

  public SpecSection element(int i) {
    return new SpecSection(file, path + "[" + i + "]", node.path(i), log);
  }

  /** This section without one field (same place, same log): for readers that consume a field first. */
  public SpecSection without(String field) {
    log.consulted(path, field);
    JsonNode rest = node.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy().without(field)
        : node;
    return new SpecSection(file, path, rest, log);
  }

  /** The field names present; the caller handles each (they count as known). */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    names.forEach(n -> log.consulted(path, n));
    return names;
  }

  /**
   * Rejects any field of this object other than {@code allowed} (one line naming file and field,
   * with the closest allowed name); the allowed ones count as known for {@link #requireKnownFields}.
   */
  public void allowOnly(java.util.Collection<String> allowed) {
    allowed.forEach(n -> log.consulted(path, n));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw error(f, FieldLog.unknown(f, allowed));
      }
    }
  }

  public void allowOnly(String... allowed) {
    allowOnly(List.of(allowed));
  }

  /**
   * After a reader is done: every field under this section must have been consulted by it (read,
   * tested with {@link #has}, or declared with {@link #allowOnly}). The first one that was not is
   * reported as unknown, with a did-you-mean over the names the reader knows at that place.
   */
  public void requireKnownFields() {
    log.requireKnown(file, path, node);
  }

  public SpecException error(String message) {
    return new SpecException(file, path, message);
  }

  public SpecException error(String field, String message) {
    return new SpecException(file, join(path, field), message);
  }

  /** Binds this section to a record; Jackson's complaint is rewritten to name file and field. */
  public <R> R bind(Class<R> type) {
    if (!isPresent()) {
      throw error("missing (expected an object for " + type.getSimpleName() + ")");
    }
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String where = join(path, jacksonPath(e));
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root instanceof IllegalArgumentException) {
        // a record's constructor rejected a value: its own words, at its field when it names one
        throw root instanceof InvalidField f ? new SpecException(file, join(where, f.field()), f.getMessage())
            : new SpecException(file, where, root.getMessage());
      }
      String msg = e.getOriginalMessage();
      if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
        List<String> known = new ArrayList<>();
        u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
        msg = FieldLog.unknown(u.getPropertyName(), known);
      } else if (msg != null && msg.startsWith("Missing creator property")) {
        msg = "required field is missing";
      }
      throw new SpecException(file, where, msg);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw error(e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      // thrown by record compact constructors validating values
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      throw cause instanceof InvalidField f ? error(f.field(), f.getMessage()) : error(cause.getMessage());
    }
  }

  private static String jacksonPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  public double number(String field) {
    log.consulted(path, field);
    JsonNode c = node.get(field);
    if (c == null || c.isNull()) {
      throw error(field, "required number is missing");
    }
    return finite(child(field), c);
  }

  /**
   * A number exactly as the spec writes it (the field path parses spec literals as decimals,
   * never through double: {@link Json#MAPPER} keeps floating-point literals as BigDecimal).
   */
  public java.math.BigDecimal decimal(String field) {
    number(field);
    return node.get(field).decimalValue();
  }

  public double number(String field, double fallback) {
    return has(field) ? number(field) : fallback;
  }

  public int integer(String field) {
    log.consulted(path, field);
    JsonNode c = node.get(field);
    if (c == null || c.isNull()) {
      throw error(field, "required integer is missing");
    }
    if (!c.canConvertToInt() || !c.isIntegralNumber()) {
      throw error(field, "must be an integer, got " + c);
    }
    return c.intValue();
  }

  public int integer(String field, int fallback) {
    return has(field) ? integer(field) : fallback;
  }

  public int positiveInteger(String field) {
    int v = integer(field);
    if (v <= 0) {
      throw error(field, "must be positive, got " + v);
    }
    return v;
  }

  /** A true/false field; anything else (1, "yes") is an error. */
  public boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode c = node.get(field);
    if (!c.isBoolean()) {
      throw error(field, "must be true or false, got " + c);
    }
    return c.booleanValue();
  }

  public String text(String field, String fallback) {
    log.consulted(path, field);
    JsonNode c = node.get(field);
    if (c == null || c.isNull()) {
      return fallback;
    }
    if (!c.isTextual()) {
      throw error(field, "must be a string, got " + c);
    }
    return c.textValue();
  }

  /** This section as a finite vector of the given length (length &lt; 0: any). */
  public double[] vector(int length) {
    if (!node.isArray()) {
      throw error("must be an array of numbers");
    }
    if (length >= 0 && node.size() != length) {
      throw error("expected " + length + " entries, got " + node.size());
    }
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode c = node.get(i);
      v[i] = c.isNumber() ? c.doubleValue() : Double.NaN;
      if (!Double.isFinite(v[i])) {
        // the element's section (its path for the message) only when it is bad: explicit
        // instances have 10^5 entries
        finite(element(i), c);
      }
    }
    return v;
  }

  /** {@link #vector(int)} exactly as the spec writes it (decimals, for the high-precision path). */
  public java.math.BigDecimal[] decimalVector(int length) {
    vector(length);
    java.math.BigDecimal[] v = new java.math.BigDecimal[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).decimalValue();
    }
    return v;
  }

  /** This section as a finite rows×cols matrix written as nested row lists (rows/cols &lt; 0: any). */
  public double[][] matrix(int rows, int cols) {
    if (!node.isArray()) {
      throw error("must be a matrix (a list of rows)");
    }
    if (rows >= 0 && node.size() != rows) {
      throw error("expected " + rows + " rows, got " + node.size());
    }
    double[][] m = new double[node.size()][];
    for (int r = 0; r < m.length; r++) {
      SpecSection row = element(r);
      int want = cols >= 0 ? cols : (r == 0 ? -1 : m[0].length);
      if (!row.node.isArray()) {
        throw row.error("must be a list of numbers (a matrix row)");
      }
      if (want >= 0 && row.node.size() != want) {
        throw row.error("expected " + want + " columns, got " + row.node.size());
      }
      m[r] = row.vector(-1);
    }
    return m;
  }

  /** This section as an integer matrix (e.g. token ids per sample); ragged rows allowed. */
  public int[][] integerRows() {
    if (!node.isArray()) {
      throw error("must be a list of integer lists");
    }
    int[][] m = new int[node.size()][];
    for (int r = 0; r < m.length; r++) {
      SpecSection row = element(r);
      if (!row.node.isArray()) {
        throw row.error("must be a list of integers");
      }
      m[r] = new int[row.node.size()];
      for (int c = 0; c < m[r].length; c++) {
        JsonNode x = row.node.get(c);
        if (!x.isIntegralNumber() || !x.canConvertToInt()) {
          throw row.element(c).error("must be an integer, got " + x);
        }
        m[r][c] = x.intValue();
      }
    }
    return m;
  }

  private static double finite(SpecSection where, JsonNode c) {
    if (!c.isNumber()) {
      throw where.error("must be a number, got " + c);
    }
    double v = c.doubleValue();
    if (!Double.isFinite(v)) {
      throw where.error("must be finite, got " + v);
    }
    return v;
  }

  static String join(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    if (b == null || b.isEmpty()) {
      return a;
    }
    return a + "." + b;
  }
}
