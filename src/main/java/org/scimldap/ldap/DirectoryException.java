package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Objects;

/**
 * A directory operation that failed: which operation on which entry, the LDAP result code (RFC 4511
 * Appendix A) and the server's diagnostic message. It answers the questions callers decide on
 * (retry, report, give up); what a failure means to a SCIM client is decided above this package.
 */
public final class DirectoryException extends RuntimeException {
  private final String operation;
  private final ResultCode resultCode;
  private final String diagnostic;

  /**
   * @param operation what was attempted, e.g. {@code modify uid=alice,ou=people,dc=example,dc=com}
   * @param resultCode the directory's (or the SDK's, for connection failures) result code
   * @param diagnostic the server's diagnostic message; empty when it gave none
   */
  public DirectoryException(
      String operation, ResultCode resultCode, String diagnostic, Throwable cause) {
    super(operation + ": " + resultCode.getName() + suffix(diagnostic), cause);
    this.operation = Objects.requireNonNull(operation);
    this.resultCode = Objects.requireNonNull(resultCode);
    this.diagnostic = diagnostic == null ? "" : diagnostic;
  }

  /** The failure of an SDK call, keeping its result code and the server's readable message. */
  static DirectoryException of(String operation, LDAPException e) {
    return new DirectoryException(
        operation, e.getResultCode(), readable(e.getDiagnosticMessage()), e);
  }

  public String operation() {
    return operation;
  }

  public ResultCode resultCode() {
    return resultCode;
  }

  /** The server's diagnostic message, without SDK internals; empty when it gave none. */
  public String diagnostic() {
    return diagnostic;
  }

  /**
   * Connection-level failures and timeouts: the directory is down, busy or unreachable, and the
   * same request may succeed later.
   */
  public boolean isOutage() {
    ResultCode rc = resultCode;
    return (!ResultCode.isConnectionUsable(rc) && rc != ResultCode.OTHER)
        || rc == ResultCode.TIMEOUT
        || rc == ResultCode.TIME_LIMIT_EXCEEDED
        || rc == ResultCode.BUSY
        || rc == ResultCode.UNAVAILABLE
        || rc == ResultCode.CONNECT_ERROR
        || rc == ResultCode.SERVER_DOWN;
  }

  /** The gateway's own bind was refused: its credentials or connection security are wrong. */
  public boolean isBindRefused() {
    return resultCode == ResultCode.INVALID_CREDENTIALS
        || resultCode == ResultCode.STRONG_AUTH_REQUIRED
        || resultCode == ResultCode.CONFIDENTIALITY_REQUIRED
        || resultCode == ResultCode.INAPPROPRIATE_AUTHENTICATION
        || resultCode == ResultCode.AUTH_METHOD_NOT_SUPPORTED;
  }

  /** The entry no longer matched the assertion (RFC 4528): someone changed it since it was read. */
  public boolean isChangedSinceRead() {
    return resultCode == ResultCode.ASSERTION_FAILED;
  }

  /** The entry (or its parent) is not there: deleted or renamed since it was found. */
  public boolean isNoSuchEntry() {
    return resultCode == ResultCode.NO_SUCH_OBJECT;
  }

  /**
   * A write failed because another request changed the entry first (a value already added or
   * removed, the entry renamed or changed since it was read): reading again and retrying helps.
   */
  public boolean isConcurrentChange() {
    return resultCode == ResultCode.NO_SUCH_OBJECT
        || resultCode == ResultCode.ASSERTION_FAILED
        || resultCode == ResultCode.NO_SUCH_ATTRIBUTE
        || resultCode == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS;
  }

  /**
   * The change would leave the entry without a value its object classes require (e.g. the last
   * {@code member} of a {@code groupOfNames}).
   */
  public boolean isObjectClassViolation() {
    return resultCode == ResultCode.OBJECT_CLASS_VIOLATION;
  }

  /**
   * The directory considered this operation and declined it: the entry, its values or the caller's
   * rights do not allow it, or the directory is unwilling. Outages, failed assertions and
   * unexpected results are not refusals.
   */
  public boolean isRefusal() {
    return switch (resultCode.intValue()) {
      case ResultCode.NO_SUCH_OBJECT_INT_VALUE,
          ResultCode.ENTRY_ALREADY_EXISTS_INT_VALUE,
          ResultCode.NOT_ALLOWED_ON_RDN_INT_VALUE,
          ResultCode.NOT_ALLOWED_ON_NONLEAF_INT_VALUE,
          ResultCode.SIZE_LIMIT_EXCEEDED_INT_VALUE,
          ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE,
          ResultCode.CONSTRAINT_VIOLATION_INT_VALUE,
          ResultCode.INVALID_ATTRIBUTE_SYNTAX_INT_VALUE,
          ResultCode.OBJECT_CLASS_VIOLATION_INT_VALUE,
          ResultCode.UNDEFINED_ATTRIBUTE_TYPE_INT_VALUE,
          ResultCode.ATTRIBUTE_OR_VALUE_EXISTS_INT_VALUE,
          ResultCode.NO_SUCH_ATTRIBUTE_INT_VALUE,
          ResultCode.INVALID_DN_SYNTAX_INT_VALUE,
          ResultCode.NAMING_VIOLATION_INT_VALUE,
          ResultCode.INAPPROPRIATE_MATCHING_INT_VALUE,
          ResultCode.OBJECT_CLASS_MODS_PROHIBITED_INT_VALUE,
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE,
          ResultCode.UNWILLING_TO_PERFORM_INT_VALUE ->
          true;
      default -> false;
    };
  }

  private static String suffix(String diagnostic) {
    return diagnostic == null || diagnostic.isBlank() ? "" : " (" + diagnostic + ")";
  }

  /**
   * The directory's diagnostic message without the SDK's internal exception text that some servers
   * (the in-memory one) nest into it.
   */
  private static String readable(String diagnostic) {
    if (diagnostic == null) {
      return "";
    }
    int nested = diagnostic.indexOf("LDAPException(");
    int end = nested < 0 ? diagnostic.length() : nested;
    while (end > 0
        && (Character.isWhitespace(diagnostic.charAt(end - 1))
            || diagnostic.charAt(end - 1) == ':')) {
      end--;
    }
    return diagnostic.substring(0, end).trim();
  }
}
