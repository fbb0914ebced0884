package org.gradflow.spec;

/**
 * Bad input: names the file and the field, so the CLI can print one clear line and exit 2.
 */
public final class SpecException extends RuntimeException {
  private final String file;
  private final String field;

  public SpecException(String file, String field, String message) {
    super(format(file, field, message));
    this.file = file;
    this.field = field;
  }

  private static String format(String file, String field, String message) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file).append(": ");
    }
    if (field != null && !field.isEmpty()) {
      sb.append("field '").append(field).append("': ");
    }
    return sb.append(message).toString();
  }

  public String file() {
    return file;
  }

  public String field() {
    return field;
  }
}
