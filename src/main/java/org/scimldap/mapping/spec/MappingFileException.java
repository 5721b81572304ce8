package org.scimldap.mapping.spec;

import org.scimldap.config.ConfigException;

/**
 * A problem at one place of a mapping file. Its message is {@code file:line:column: what}, as every
 * message about a mapping file is; the parts stay apart so problems can be sorted and reported.
 */
public final class MappingFileException extends ConfigException {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;
  private final String hint;

  /**
   * @param line 1-based line
   * @param column 1-based column
   * @param problem what is wrong, without the place
   * @param hint what to do about it; empty when there is nothing more to say
   */
  MappingFileException(String file, int line, int column, String problem, String hint) {
    super(file + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.hint = hint;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  /** The problem as a report entry. */
  MappingProblem toProblem() {
    return new MappingProblem(
        file + ":" + line + ":" + column, MappingProblem.Severity.ERROR, problem, hint);
  }
}
