package org.scimldap.config;

/**
 * A {@code ${NAME}} reference without a default whose variable is not set. Its message names the
 * variable and never holds a value; {@link #line()} and {@link #column()} say where the reference
 * is written in the original text.
 */
public final class UnsetVariableException extends ConfigException {
  private final String variable;
  private final int line;
  private final int column;

  UnsetVariableException(String variable, int line, int column, String message) {
    super(message);
    this.variable = variable;
    this.line = line;
    this.column = column;
  }

  /** The name of the unset variable. */
  public String variable() {
    return variable;
  }

  /** 1-based line of the reference. */
  public int line() {
    return line;
  }

  /** 1-based column (in code points) of the reference. */
  public int column() {
    return column;
  }
}
