package org.gradflow.spec;

/** Thrown by a spec record's constructor for one of its fields; {@link SpecSection#bind} names that field. */
public final class InvalidField extends IllegalArgumentException {
  private final String field;

  public InvalidField(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
