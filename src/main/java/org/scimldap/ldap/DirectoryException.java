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
  private final boolean valuesAsRead;

  /**
   * @param operation what was attempted, e.g. {@code modify uid=alice,ou=people,dc=example,dc=com}
   * @param resultCode the directory's (or the SDK's, for connection failures) result code
   * @param diagnostic the server's diagnostic message; empty when it gave none
   */
  public DirectoryException(
      String operation, ResultCode resultCode, String diagnostic, Throwable cause) {
    this(operation, resultCode, diagnostic, false, cause);
  }

  private DirectoryException(
      String operation,
      ResultCode resultCode,
      String diagnostic,
      boolean valuesAsRead,
      Throwable cause) {
    super(operation + ": " + resultCode.getName() + suffix(diagnostic), cause);
    this.operation = Objects.requireNonNull(operation);
    this.resultCode = Objects.requireNonNull(resultCode);
    this.diagnostic = diagnostic == null ? "" : diagnostic;
    this.valuesAsRead = valuesAsRead;
  }

  /** The failure of an SDK call, keeping its result code and the server's readable message. */
  static DirectoryException of(String operation, LDAPException e) {
    return new DirectoryException(
        operation, e.getResultCode(), readable(e.getDiagnosticMessage()), false, e);
  }

  /**
   * The failure of a modify that names the values read ({@link Directory#modifyAsRead}): there, a
   * value to delete that is gone ({@code noSuchAttribute}) or a value to add that is there already
   * ({@code attributeOrValueExists}, also a single-valued attribute that holds a value by now)
   * means that the entry changed since it was read.
   */
  static DirectoryException ofValuesAsRead(String operation, LDAPException e) {
    return new DirectoryException(
        operation, e.getResultCode(), readable(e.getDiagnosticMessage()), true, e);
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

  /** What a failure means, in the directory's terms. */
  public enum Kind {
    /** Connection-level failures and timeouts: down, busy or unreachable; may pass. */
    OUTAGE,
    /** The gateway's own bind was refused: its credentials or connection security are wrong. */
    BIND_REFUSED,
    /**
     * The entry no longer matched the assertion (RFC 4528), or a modify that names the values read
     * found one of them gone or a value it adds there already: changed since it was read.
     */
    CHANGED_SINCE_READ,
    /** The entry (or its parent) is not there. */
    NO_SUCH_ENTRY,
    /** An entry with that name is there already. */
    ALREADY_EXISTS,
    /** The change is not allowed on the entry's name, or on an entry with children. */
    NAMING_REFUSED,
    /** A size or administrative limit was reached. */
    LIMIT_EXCEEDED,
    /** The values or object classes break the schema, a constraint or a naming rule. */
    VALUE_REFUSED,
    /** The gateway's account may not do this. */
    ACCESS_DENIED,
    /** The directory is unwilling to perform the operation. */
    UNWILLING,
    /** Anything else. */
    UNEXPECTED
  }

  /** What this failure means, from its result code. */
  public Kind kind() {
    ResultCode rc = resultCode;
    if ((!ResultCode.isConnectionUsable(rc) && rc != ResultCode.OTHER)
        || rc == ResultCode.TIMEOUT
        || rc == ResultCode.TIME_LIMIT_EXCEEDED
        || rc == ResultCode.BUSY
        || rc == ResultCode.UNAVAILABLE
        || rc == ResultCode.CONNECT_ERROR
        || rc == ResultCode.SERVER_DOWN) {
      return Kind.OUTAGE;
    }
    return switch (rc.intValue()) {
      case ResultCode.INVALID_CREDENTIALS_INT_VALUE,
          ResultCode.STRONG_AUTH_REQUIRED_INT_VALUE,
          ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE,
          ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE,
          ResultCode.AUTH_METHOD_NOT_SUPPORTED_INT_VALUE ->
          Kind.BIND_REFUSED;
      case ResultCode.ASSERTION_FAILED_INT_VALUE -> Kind.CHANGED_SINCE_READ;
      case ResultCode.ATTRIBUTE_OR_VALUE_EXISTS_INT_VALUE, ResultCode.NO_SUCH_ATTRIBUTE_INT_VALUE ->
          valuesAsRead ? Kind.CHANGED_SINCE_READ : Kind.VALUE_REFUSED;
      case ResultCode.NO_SUCH_OBJECT_INT_VALUE -> Kind.NO_SUCH_ENTRY;
      case ResultCode.ENTRY_ALREADY_EXISTS_INT_VALUE -> Kind.ALREADY_EXISTS;
      case ResultCode.NOT_ALLOWED_ON_RDN_INT_VALUE, ResultCode.NOT_ALLOWED_ON_NONLEAF_INT_VALUE ->
          Kind.NAMING_REFUSED;
      case ResultCode.SIZE_LIMIT_EXCEEDED_INT_VALUE, ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE ->
          Kind.LIMIT_EXCEEDED;
      case ResultCode.CONSTRAINT_VIOLATION_INT_VALUE,
          ResultCode.INVALID_ATTRIBUTE_SYNTAX_INT_VALUE,
          ResultCode.OBJECT_CLASS_VIOLATION_INT_VALUE,
          ResultCode.UNDEFINED_ATTRIBUTE_TYPE_INT_VALUE,
          ResultCode.INVALID_DN_SYNTAX_INT_VALUE,
          ResultCode.NAMING_VIOLATION_INT_VALUE,
          ResultCode.INAPPROPRIATE_MATCHING_INT_VALUE,
          ResultCode.OBJECT_CLASS_MODS_PROHIBITED_INT_VALUE ->
          Kind.VALUE_REFUSED;
      case ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE -> Kind.ACCESS_DENIED;
      case ResultCode.UNWILLING_TO_PERFORM_INT_VALUE -> Kind.UNWILLING;
      default -> Kind.UNEXPECTED;
    };
  }

  /** The directory is down, busy or unreachable, and the same request may succeed later. */
  public boolean isOutage() {
    return kind() == Kind.OUTAGE;
  }

  /** The gateway's own bind was refused. */
  public boolean isBindRefused() {
    return kind() == Kind.BIND_REFUSED;
  }

  /**
   * Someone changed the entry since it was read: it no longer matched the assertion (RFC 4528), or
   * a modify that names the values read ({@link Directory#modifyAsRead}) found them changed.
   */
  public boolean isChangedSinceRead() {
    return kind() == Kind.CHANGED_SINCE_READ;
  }

  /** The entry (or its parent) is not there: deleted or renamed since it was found. */
  public boolean isNoSuchEntry() {
    return kind() == Kind.NO_SUCH_ENTRY;
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
   * rights do not allow it, or the directory is unwilling. Outages, refused binds, failed
   * assertions and unexpected results are not refusals.
   */
  public boolean isRefusal() {
    return switch (kind()) {
      case NO_SUCH_ENTRY,
          ALREADY_EXISTS,
          NAMING_REFUSED,
          LIMIT_EXCEEDED,
          VALUE_REFUSED,
          ACCESS_DENIED,
          UNWILLING ->
          true;
      case OUTAGE, BIND_REFUSED, CHANGED_SINCE_READ, UNEXPECTED -> false;
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
