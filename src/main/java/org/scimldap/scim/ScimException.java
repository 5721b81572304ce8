package org.scimldap.scim;

import java.util.Optional;

/**
 * The one error type of the gateway: an HTTP status, an optional RFC 7644 §3.12 {@code scimType}
 * and a detail message that says what was wrong and where. Rendered as a SCIM Error response.
 */
public class ScimException extends RuntimeException {
  private final int status;
  private final ScimType scimType;
  private final boolean retryable;

  public ScimException(int status, ScimType scimType, String detail) {
    this(status, scimType, detail, null, false);
  }

  public ScimException(
      int status, ScimType scimType, String detail, Throwable cause, boolean retryable) {
    super(detail, cause);
    this.status = status;
    this.scimType = scimType;
    this.retryable = retryable;
  }

  public int status() {
    return status;
  }

  public Optional<ScimType> scimType() {
    return Optional.ofNullable(scimType);
  }

  /** True when the client may send the same request again later (a directory outage). */
  public boolean retryable() {
    return retryable;
  }

  public String detail() {
    return getMessage();
  }

  public static ScimException invalidFilter(String detail) {
    return new ScimException(400, ScimType.INVALID_FILTER, detail);
  }

  public static ScimException invalidPath(String detail) {
    return new ScimException(400, ScimType.INVALID_PATH, detail);
  }

  public static ScimException invalidSyntax(String detail) {
    return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
  }

  public static ScimException invalidValue(String detail) {
    return new ScimException(400, ScimType.INVALID_VALUE, detail);
  }

  public static ScimException noTarget(String detail) {
    return new ScimException(400, ScimType.NO_TARGET, detail);
  }

  public static ScimException mutability(String detail) {
    return new ScimException(400, ScimType.MUTABILITY, detail);
  }

  public static ScimException tooMany(String detail) {
    return new ScimException(400, ScimType.TOO_MANY, detail);
  }

  public static ScimException badRequest(String detail) {
    return new ScimException(400, null, detail);
  }

  public static ScimException uniqueness(String detail) {
    return new ScimException(409, ScimType.UNIQUENESS, detail);
  }

  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  public static ScimException unavailable(String detail, Throwable cause) {
    return new ScimException(503, null, detail, cause, true);
  }

  public static ScimException internal(String detail, Throwable cause) {
    return new ScimException(500, null, detail, cause, false);
  }
}
