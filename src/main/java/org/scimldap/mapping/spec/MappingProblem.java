package org.scimldap.mapping.spec;

import java.util.Objects;

/**
 * One thing wrong with a mapping file, or with the mapping against a directory: where it is, what
 * is wrong and, where one helps, what to do about it. Printed as {@code file:line:column: message}.
 *
 * @param where {@code file:line:column} of the part of the mapping file concerned; empty when the
 *     problem is not at one place of the file (a base DN from the configuration)
 * @param severity an error stops the gateway from starting; a warning is reported and logged
 * @param message what is wrong, in the mapping's and the directory's words
 * @param hint what to do about it; empty when there is nothing more to say
 */
public record MappingProblem(String where, Severity severity, String message, String hint) {

  /** How bad a problem is. */
  public enum Severity {
    /** The mapping cannot be used (with this directory). */
    ERROR,
    /** Requests will fail or lose data in some cases; the gateway still starts. */
    WARNING
  }

  public MappingProblem {
    Objects.requireNonNull(where);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(message);
    Objects.requireNonNull(hint);
  }

  /** An error at {@code where}, without a hint. */
  public static MappingProblem error(String where, String message) {
    return new MappingProblem(where, Severity.ERROR, message, "");
  }

  /** This problem with a hint. */
  public MappingProblem withHint(String hint) {
    return new MappingProblem(where, severity, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:column: message}, warnings marked {@code warning:}, without the hint. */
  @Override
  public String toString() {
    String text = severity == Severity.WARNING ? "warning: " + message : message;
    return where.isEmpty() ? text : where + ": " + text;
  }

  /** {@link #toString()}, then the hint on an indented line of its own. */
  public String describe() {
    return hint.isEmpty() ? toString() : toString() + "\n  hint: " + hint;
  }
}
